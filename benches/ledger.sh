#!/usr/bin/env bash
# The rotation ledger's cost per decision: PostgreSQL on loopback (a
# throwaway cluster that syncs its commits, started by the test support)
# and the file ledger, 200 decisions each; prints ms per decision (check,
# planned, in_flight, done, proof — the HTTP request not counted) and per
# skip ("already done"). The target for PostgreSQL is < 10 ms.
#
#   benches/ledger.sh            # release build
#   PROFILE=dev benches/ledger.sh  # the debug build (dependencies at -O2)
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE=${PROFILE:-release}
cargo test --profile "$PROFILE" -q --test ledger_bench -- --ignored --nocapture 2>&1 |
    grep -E '^ledger |panicked|error'
