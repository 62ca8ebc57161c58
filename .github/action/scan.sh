#!/usr/bin/env bash
# The scan step of keyhound's GitHub Action (action.yml). Picks the commits
# this event adds, scans them into a SARIF report, and records the outcome
# for the later steps. Always leaves a valid SARIF behind (an empty run with
# the error as a tool notification when keyhound could not run), so the
# upload step never fails on a missing file, and tells errors apart from
# leaks. tests/action.rs runs it against real repositories.
#
# Input (environment): EVENT, BASE_SHA/HEAD_SHA (pull_request),
# MG_BASE/MG_HEAD (merge_group), BEFORE/AFTER (push), REF_NAME,
# DEFAULT_BRANCH, RANGE_INPUT, BASELINE, ARGS, SARIF, GITHUB_OUTPUT;
# KEYHOUND (the binary, default `keyhound`).
# Output (GITHUB_OUTPUT): sarif, exit-code, outcome (clean|leaks|live|error),
# error (the error's first line), range.
set -uo pipefail

ZERO=0000000000000000000000000000000000000000
KEYHOUND="${KEYHOUND:-keyhound}"
SARIF="${SARIF:-keyhound.sarif}"
OUT="${GITHUB_OUTPUT:-/dev/null}"

# A warning annotation on the run (and on stderr for local runs).
warn() { echo "::warning title=keyhound::$*"; }

# `git fetch` whose failure is shown, never hidden: the reason (a force push
# that dropped a commit, a missing token, a shallow clone) is what the user
# needs to fix the workflow.
fetch() {
    local out
    if ! out=$(git fetch --no-tags --quiet origin "$@" 2>&1); then
        warn "git fetch origin $* failed: ${out//$'\n'/ }"
        return 1
    fi
}

# Whether $1 names a commit this clone has.
have() { [ -n "$1" ] && git cat-file -e "$1^{commit}" 2>/dev/null; }

# Makes commit $1 present (fetching it if needed); fails, with the reason
# shown, if it cannot.
ensure() {
    have "$1" && return 0
    fetch "$1" || return 1
    have "$1"
}

# The default branch as a local ref, fetched from origin; empty if unknown.
default_base() {
    [ -n "${DEFAULT_BRANCH:-}" ] || return 1
    local ref="refs/remotes/origin/$DEFAULT_BRANCH"
    if ! git rev-parse -q --verify "$ref^{commit}" >/dev/null; then
        fetch "+refs/heads/$DEFAULT_BRANCH:$ref" || return 1
    fi
    echo "$ref"
}

# A shallow clone (actions/checkout's default fetch-depth: 1) has no history
# to compare against: deepen it once, showing why if that fails.
unshallow() {
    if [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = "true" ]; then
        echo "keyhound: the checkout is shallow; fetching the history (use fetch-depth: 0 to skip this)"
        fetch --unshallow || true
    fi
}

# Sets MODE (history|tree) and RANGE for this event.
pick_range() {
    MODE=history
    if [ -n "${RANGE_INPUT:-}" ]; then
        RANGE="$RANGE_INPUT"
        return
    fi
    local base="" head="${AFTER:-HEAD}"
    case "${EVENT:-}" in
        pull_request | pull_request_target)
            head="$HEAD_SHA"
            ensure "$HEAD_SHA" || head=HEAD
            ensure "$BASE_SHA" && base="$BASE_SHA"
            ;;
        merge_group)
            head="${MG_HEAD:-HEAD}"
            ensure "$head" || head=HEAD
            ensure "${MG_BASE:-}" && base="$MG_BASE"
            ;;
        push)
            if [ -n "${BEFORE:-}" ] && [ "$BEFORE" != "$ZERO" ]; then
                # A force push's `before` may be gone from the remote.
                ensure "$BEFORE" && base="$BEFORE"
            elif [ "${REF_NAME:-}" = "${DEFAULT_BRANCH:-}" ]; then
                # The first push of the default branch: all of it is new.
                RANGE="$head"
                return
            fi
            ;;
    esac
    if [ -z "$base" ]; then
        # New branch, force push, workflow_dispatch, schedule: what is not
        # yet on the default branch.
        base=$(default_base) || base=""
        if [ -z "$base" ]; then
            warn "no base commit for a $EVENT event and the default branch could not be fetched; scanning the files at $head instead of its history"
            MODE=tree
            return
        fi
    fi
    if git merge-base --is-ancestor "$head" "$base" 2>/dev/null; then
        # Nothing new relative to the base (a scheduled run on the default
        # branch): check the files as they are now.
        MODE=tree
        RANGE=""
        return
    fi
    RANGE="$base..$head"
}

# Writes a SARIF with no results and the error as a tool notification, for
# code scanning to show why there are no results.
empty_sarif() {
    local msg
    msg=$(printf '%s' "$1" | tr -d '\000-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')
    cat >"$SARIF" <<EOF
{
  "\$schema": "https://json.schemastore.org/sarif-2.1.0.json",
  "version": "2.1.0",
  "runs": [{
    "tool": { "driver": { "name": "keyhound", "informationUri": "https://github.com/keyhound/keyhound", "rules": [] } },
    "results": [],
    "invocations": [{
      "executionSuccessful": false,
      "toolExecutionNotifications": [{ "level": "error", "message": { "text": "$msg" } }]
    }]
  }]
}
EOF
}

main() {
    local errlog code outcome first=""
    errlog=$(mktemp)
    unshallow
    pick_range
    local extra=()
    [ -n "${BASELINE:-}" ] && extra+=(--baseline "$BASELINE")
    rm -f "$SARIF"
    if [ "$MODE" = history ]; then
        echo "keyhound: scanning the commits $RANGE"
        # shellcheck disable=SC2086 # ARGS is a list of flags, split on purpose.
        "$KEYHOUND" scan --history "$RANGE" --format sarif -o "$SARIF" "${extra[@]}" ${ARGS:-} 2>"$errlog"
    else
        echo "keyhound: scanning the files of the checkout"
        # shellcheck disable=SC2086
        "$KEYHOUND" scan . --format sarif -o "$SARIF" "${extra[@]}" ${ARGS:-} 2>"$errlog"
    fi
    code=$?
    cat "$errlog" >&2
    case "$code" in
        0) outcome=clean ;;
        1) outcome=leaks ;;
        4) outcome=live ;;
        *) outcome=error ;;
    esac
    if [ "$outcome" = error ]; then
        first=$(grep -m1 -v '^[[:space:]]*$' "$errlog" || true)
        first="${first:-keyhound exited with code $code}"
    fi
    # A report keyhound did not finish (or did not start) is replaced.
    if [ ! -s "$SARIF" ]; then
        empty_sarif "${first:-keyhound wrote no report (exit code $code)}"
    fi
    rm -f "$errlog"
    {
        echo "sarif=$SARIF"
        echo "exit-code=$code"
        echo "outcome=$outcome"
        echo "error=${first//$'\n'/ }"
        echo "range=${RANGE:-}"
    } >>"$OUT"
    return 0
}

main "$@"
