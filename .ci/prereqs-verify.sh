# Sourced by .ci/run. tests/verify.rs checks AWS key pairs against moto's
# STS, a real SigV4 signature checker: install moto's server into a venv and
# tell the tests where it is. Without it the AWS tests fail under CI=true
# (and skip, saying how to enable them, on a developer machine).
KH_VENV="${KEYHOUND_VENV:-${TMPDIR:-/tmp}/kh-venv}"
if [ ! -x "$KH_VENV/bin/moto_server" ]; then
    python3 -m venv "$KH_VENV"
    "$KH_VENV/bin/pip" install --quiet --disable-pip-version-check 'moto[server]>=5,<6'
fi
export KEYHOUND_MOTO_SERVER="$KH_VENV/bin/moto_server"
