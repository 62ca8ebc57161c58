# Sourced by .ci/run. tests/unpack.rs builds an encrypted zip member with the
# `zip` CLI (`zip -P`): the zip crate writes no encrypted members; and
# bzip2, xz and zstd streams and tarballs with each format's own tool.
missing=""
for tool in zip bzip2 xz zstd; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    apt-get update -qq
    apt-get install -y -qq zip bzip2 xz-utils zstd >/dev/null
fi
zip -v | head -n 2
