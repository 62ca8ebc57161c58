# Sourced by .ci/run. The shared-ledger tests (tests/ledger_postgres.rs)
# start PostgreSQL with TLS on, its certificates made by the `openssl` CLI
# (PostgreSQL itself comes from .ci/prereqs-servers.sh).
if ! command -v openssl >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq openssl >/dev/null
fi
openssl version
