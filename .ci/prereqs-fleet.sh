# Sourced by .ci/run. tests/fleet.rs runs the README's GNU parallel line.
if ! command -v parallel >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq parallel >/dev/null
fi
parallel --version | head -n 1
