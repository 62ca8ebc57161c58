#!/usr/bin/env bash
# The last step of keyhound's GitHub Action (action.yml): fails the job with
# a message that says what happened — a leak, a live key, or keyhound not
# being able to scan (an error is never reported as a leak).
# Input (environment): CODE, OUTCOME, ERROR (from scan.sh).
set -euo pipefail

case "${OUTCOME:-error}" in
    clean)
        echo "keyhound: nothing to fail on (exit code ${CODE:-0})"
        ;;
    leaks)
        echo "::error title=keyhound::found leaked credentials (exit code $CODE); see the code scanning alerts or keyhound.sarif"
        ;;
    live)
        echo "::error title=keyhound::found a credential that is live at its provider (exit code $CODE): rotate it now"
        ;;
    *)
        echo "::error title=keyhound::keyhound could not complete the scan (exit code ${CODE:-none}): ${ERROR:-see the log of the scan step}"
        ;;
esac
exit "${CODE:-3}"
