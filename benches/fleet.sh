#!/usr/bin/env bash
# Fleet benchmark (README.md "Scanning an organisation", "Fleet benchmark"):
# many repositories scanned one after another in one process (what
# `--repos-from` does) vs W worker processes at once, each scanning its
# `--shard i/W` of the same list, on this machine's cores.
#
#   benches/fleet.sh [WORKDIR]
#
# Scenarios ($SCENARIOS, default "flask small"):
#   flask  $COPIES (default 4) bare clones of $CORPORA/flask.git (default
#          /work/corpora; fetch github:pallets/flask and
#          `git clone --bare --no-local` it there). Each clone has its own
#          pack, as separate mirrors do. Never commit them.
#   small  $SMALL (default 40) generated repositories of 20 commits each
#          (git CLI), one fake key each: a fleet of small repositories,
#          where what each repository costs besides its blobs shows.
# Modes: "sequential" = one process, `-j $THREADS` (default 2, the cores);
# "W workers" (W in $WORKERS, default "2 4") = W processes at once, each
# `--shard i/W -j max(1, THREADS/W)`. Median of $RUNS (default 3) runs:
# wall time, and CPU time (user+sys, all processes). On a shared machine
# CPU time is the steadier figure; wall time is what a user waits.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${1:-/tmp/keyhound-fleet-bench}
THREADS=${THREADS:-2}
RUNS=${RUNS:-3}
COPIES=${COPIES:-4}
SMALL=${SMALL:-40}
WORKERS=${WORKERS:-2 4}
CORPORA=${CORPORA:-/work/corpora}
SCENARIOS=${SCENARIOS:-flask small}
mkdir -p "$WORK"

cargo build --release -q
KH=$PWD/target/release/keyhound

git_() { git -c user.name=bench -c user.email=bench@example.com -c commit.gpgsign=false "$@"; }

# flask: COPIES bare clones, listed in $WORK/flask.txt.
make_flask() {
    local list=$WORK/flask.txt
    : >"$list"
    for i in $(seq "$COPIES"); do
        local dst=$WORK/flask/flask-$i.git
        [ -d "$dst" ] || git clone -q --bare --no-local "$CORPORA/flask.git" "$dst"
        echo "$dst" >>"$list"
    done
}

# small: SMALL generated repositories, listed in $WORK/small.txt.
make_small() {
    local list=$WORK/small.txt
    : >"$list"
    for i in $(seq "$SMALL"); do
        local dir=$WORK/small/repo-$i
        if [ ! -d "$dir/.git" ]; then
            git_ init -q -b main "$dir"
            for c in $(seq 20); do
                printf 'line %s of file %s in repository %s\n' "$c" "$c" "$i" >"$dir/file-$c.txt"
                if [ "$c" = 10 ]; then
                    # A fake key, made here (no literal in this script).
                    printf 'AWS_SECRET_ACCESS_KEY=%s\n' "$(head -c 30 /dev/urandom | base64 | tr -d '+/=' | head -c 40)" >"$dir/env.sh"
                fi
                git_ -C "$dir" add -A
                git_ -C "$dir" commit -q -m "commit $c"
            done
        fi
        echo "$dir" >>"$list"
    done
}

# run_once LIST W: prints "wall cpu" of one run (W=0: sequential).
run_once() {
    local list=$1 w=$2 out=$WORK/out
    rm -rf "$out" && mkdir -p "$out"
    local start end
    start=$(date +%s.%N)
    if [ "$w" = 0 ]; then
        /usr/bin/time -f '%U %S' -o "$out/time-0" \
            "$KH" scan --history --repos-from "$list" -j "$THREADS" --exit-code 0 \
            --format json --output-dir "$out/seq" 2>/dev/null
    else
        local j=$((THREADS / w))
        [ "$j" -ge 1 ] || j=1
        for i in $(seq "$w"); do
            /usr/bin/time -f '%U %S' -o "$out/time-$i" \
                "$KH" scan --history --repos-from "$list" --shard "$i/$w" -j "$j" --exit-code 0 \
                --format json --output-dir "$out/shard-$i" 2>/dev/null &
        done
        wait
    fi
    end=$(date +%s.%N)
    local cpu
    cpu=$(cat "$out"/time-* | awk '{s += $1 + $2} END {printf "%.2f", s}')
    printf '%.2f %s\n' "$(echo "$end - $start" | bc -l)" "$cpu"
}

median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# bench NAME LIST: one table row per mode.
bench() {
    local name=$1 list=$2
    local n
    n=$(wc -l <"$list")
    printf '\n%s: %s repositories, %s threads in all, median of %s runs\n' "$name" "$n" "$THREADS" "$RUNS"
    printf '| mode | wall s | cpu s |\n| --- | --- | --- |\n'
    for w in 0 $WORKERS; do
        run_once "$list" "$w" >/dev/null # warm-up (page cache)
        local walls=() cpus=()
        for _ in $(seq "$RUNS"); do
            read -r wall cpu < <(run_once "$list" "$w")
            walls+=("$wall")
            cpus+=("$cpu")
        done
        local label="sequential, one process, -j $THREADS"
        if [ "$w" != 0 ]; then
            local j=$((THREADS / w))
            [ "$j" -ge 1 ] || j=1
            label="$w worker processes (--shard i/$w), -j $j each"
        fi
        printf '| %s | %s | %s |\n' "$label" \
            "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${cpus[@]}" | median)"
    done
}

printf 'keyhound %s on %s cores (load average %s)\n' "$("$KH" --version | cut -d' ' -f2)" \
    "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for s in $SCENARIOS; do
    case $s in
        flask)
            make_flask
            bench "flask x$COPIES ($CORPORA/flask.git clones)" "$WORK/flask.txt"
            ;;
        small)
            make_small
            bench "small (generated, 20 commits each)" "$WORK/small.txt"
            ;;
        *) echo "unknown scenario $s" >&2 && exit 2 ;;
    esac
done
