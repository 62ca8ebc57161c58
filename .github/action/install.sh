#!/usr/bin/env bash
# The install step of keyhound's GitHub Action (action.yml): puts a keyhound
# binary into $KEYHOUND_ROOT/bin and that directory on the job's PATH. The
# step before restored $KEYHOUND_ROOT from the Actions cache when the same
# version (or the same source) was built before, so only the first run of a
# version compiles; a keyhound already on PATH (a runner image, an earlier
# step) is used as it is.
#
# Input (environment): KEYHOUND_VERSION (a crates.io version; empty builds the
# action's own checkout, GITHUB_ACTION_PATH), KEYHOUND_ROOT, GITHUB_PATH.
set -euo pipefail

root="${KEYHOUND_ROOT:?}"
if [ -x "$root/bin/keyhound" ]; then
    echo "keyhound: using the cached build in $root"
elif command -v keyhound >/dev/null 2>&1; then
    echo "keyhound: using $(command -v keyhound)"
    exit 0
elif [ -n "${KEYHOUND_VERSION:-}" ]; then
    cargo install keyhound --locked --version "$KEYHOUND_VERSION" --root "$root"
else
    cargo install --locked --path "${GITHUB_ACTION_PATH:?}" --root "$root"
fi
echo "$root/bin" >>"${GITHUB_PATH:?}"
"$root/bin/keyhound" --version
