# Sourced by .ci/run. tests/unpack.rs builds an encrypted zip member with the
# `zip` CLI (`zip -P`): the zip crate writes no encrypted members.
if ! command -v zip >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq zip >/dev/null
fi
zip -v | head -n 2
