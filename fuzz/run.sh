#!/usr/bin/env bash
# Runs each fuzz target for a bounded time and prints how many inputs it
# executed and whether it crashed. Not part of `cargo test`: it needs the
# nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
#
#   fuzz/run.sh                 # every target, 60 s each
#   SECONDS_PER_TARGET=300 fuzz/run.sh matcher history
#
# Seeds live in fuzz/seeds/TARGET (small, committed); the growing corpus in
# fuzz/corpus/TARGET and crash inputs in fuzz/artifacts/TARGET are ignored
# by git. A crash that is fixed gets a regression test; one in code owned
# elsewhere is kept under fuzz/regressions/TARGET.
set -u
cd "$(dirname "$0")"
secs="${SECONDS_PER_TARGET:-60}"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(config matcher report_reader history)

status=0
summary=()
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "seeds/$t"
    log="$(mktemp)"
    cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$secs" -print_final_stats=1 -max_len=65536 -timeout=20 >"$log" 2>&1
    rc=$?
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)"
    if [ $rc -eq 0 ]; then
        result="no crash"
    else
        status=1
        result="CRASH (exit $rc): $(grep -m1 -E 'panicked at|ERROR: libFuzzer|SUMMARY' "$log" | cut -c1-200)"
        grep -E '^artifact_prefix|Test unit written to' "$log" | sed 's/^/    /'
    fi
    summary+=("$t: ${runs:-?} executions in ${secs}s, $result")
    rm -f "$log"
done
printf '%s\n' "${summary[@]}"
exit $status
