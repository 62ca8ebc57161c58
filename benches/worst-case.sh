#!/usr/bin/env bash
# Worst-case benchmark: throughput (MB/s) and peak RSS of `keyhound scan` on
# inputs that defeat line-based scanning — real minified bundles and
# synthetic single-line files with dense keywords.
#
#   benches/worst-case.sh [THREADS] [SIZES]
#
# THREADS defaults to 2; SIZES (MB, space-separated) to "1 8 60".
# Real bundles come from the npm registry at bench time (`npm pack`, so npm
# must be installed); the synthetic lines are generated with a fixed seed:
#
#   token-findings  `a.tokenType=n;` keyword hits every ~20 bytes, one in 8
#                   a `x.token="<random>"` finding (the generic-secret rule)
#   secret-rejected `n.secret=e.secretValue,`: every hit is a generic-secret
#                   regex match that the randomness filter rejects
#   aaaa-user-rule  `aaaa` repeated (a keyword hit at every byte) with a
#                   trivial user rule given by --config
#
# Each input is scanned once to warm the page cache, then RUNS times
# (default 3); the median wall time is reported. A run that takes longer
# than LIMIT seconds (default 120) is killed and reported as "> LIMIT s".
# KH=path/to/keyhound benchmarks another build (default: a release build
# of this checkout).
set -euo pipefail
cd "$(dirname "$0")/.."

THREADS=${1:-2}
SIZES=${2:-"1 8 60"}
RUNS=${RUNS:-3}
LIMIT=${LIMIT:-120}

if [ -z "${KH:-}" ]; then
    cargo build --release -q
    KH=./target/release/keyhound
fi

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- inputs ---------------------------------------------------------------

# Real minified bundles: package, then paths inside it (> 1 MB each).
BUNDLES=(
    "plotly.js-dist-min plotly.min.js"
    "echarts dist/echarts.min.js"
    "pdfjs-dist build/pdf.worker.min.mjs"
    "monaco-editor min/vs/language/typescript/ts.worker.js"
)
mkdir -p "$TMP/npm" "$TMP/in"
for entry in "${BUNDLES[@]}"; do
    read -r pkg file <<<"$entry"
    if tgz=$(cd "$TMP/npm" && npm pack --silent "$pkg" 2>/dev/null | tail -n1) &&
        tar xzf "$TMP/npm/$tgz" -C "$TMP/npm" "package/$file" 2>/dev/null; then
        mv "$TMP/npm/package/$file" "$TMP/in/${tgz%.tgz}--$(basename "$file")"
    else
        echo "skipped $pkg/$file (npm pack failed)" >&2
    fi
done

python3 - "$TMP/in" "$SIZES" <<'PY'
import random, string, sys
out, sizes = sys.argv[1], [int(s) for s in sys.argv[2].split()]
rng = random.Random(11)
alnum = string.ascii_letters + string.digits
def rand(n):
    return "".join(rng.choice(alnum) for _ in range(n))
def token_findings():
    parts = ["a.tokenType=n;"] * 7 + [None]
    while True:
        for p in parts:
            yield p if p else f'x.token="{rand(24)}";'
def secret_rejected():
    while True:
        yield "n.secret=e.secretValue,"
def aaaa():
    while True:
        yield "aaaa" * 1024
for mb in sizes:
    for name, gen in [("token-findings", token_findings),
                      ("secret-rejected", secret_rejected),
                      ("aaaa-user-rule", aaaa)]:
        want, buf, n = mb * 1_000_000, [], 0
        for piece in gen():
            buf.append(piece)
            n += len(piece)
            if n >= want:
                break
        with open(f"{out}/{name}-{mb}MB.js", "w") as f:
            f.write("".join(buf)[:want])
PY

# The trivial user rule of the aaaa case: its keyword occurs at every byte.
cat >"$TMP/aaaa.toml" <<'TOML'
[[rule]]
id = "aaaa-demo"
name = "aaaa demo"
keywords = ["aaaa"]
regex = '''aaaa([0-9]{8})'''
severity = "low"
TOML

# --- measurement ----------------------------------------------------------

# measure FILE ARGS... : prints "name size seconds MB/s peakMiB findings".
measure() {
    local file=$1
    shift
    local bytes name
    bytes=$(stat -c %s "$file")
    name=$(basename "$file")
    run() {
        timeout "$LIMIT" /usr/bin/time -f '%e %M' -o "$TMP/time" "$KH" scan "$file" \
            --threads "$THREADS" --no-ignore --max-file-size 100M --format json \
            -o "$TMP/out.json" --exit-code 0 "$@" >/dev/null 2>&1
    }
    if ! run "$@"; then # warm-up; a run over the limit is not repeated
        printf '%-58s %7.1f MB %9s %12s %9s\n' "$name" "$(echo "$bytes / 1000000" | bc -l)" \
            "> $LIMIT s" "-" "-"
        return
    fi
    local times=() rss=0 secs kb
    for _ in $(seq "$RUNS"); do
        run "$@" || true
        read -r secs kb < <(tail -n1 "$TMP/time")
        times+=("$secs")
        [ "$kb" -gt "$rss" ] && rss=$kb
    done
    local median findings
    median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["findings"]))' \
        "$TMP/out.json")
    # /usr/bin/time has 10 ms resolution: count a 0.00 s run as 0.01 s.
    median=$(echo "if ($median < 0.01) 0.01 else $median" | bc -l)
    printf '%-58s %7.1f MB %7.2f s %7.1f MB/s %6.1f MiB %9s\n' "$name" \
        "$(echo "$bytes / 1000000" | bc -l)" "$median" \
        "$(echo "$bytes / 1000000 / $median" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$findings"
}

printf '%s threads, median of %s runs, --max-file-size 100M, built-in rules\n' "$THREADS" "$RUNS"
printf '%-58s %10s %9s %12s %10s %9s\n' input size time throughput "peak RSS" findings
for f in "$TMP"/in/*--*; do
    measure "$f" --no-config
done
for mb in $SIZES; do
    measure "$TMP/in/token-findings-${mb}MB.js" --no-config
    measure "$TMP/in/secret-rejected-${mb}MB.js" --no-config
    measure "$TMP/in/aaaa-user-rule-${mb}MB.js" --config "$TMP/aaaa.toml"
done
