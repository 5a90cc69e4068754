#!/bin/sh
# Rotate logs: every non-empty file matching PATTERN in DIR is compressed to NAME.1.gz (older copies shift to
# NAME.2.gz ...), then truncated in place so a process writing it keeps its file handle. Copies beyond KEEP go.
# Parameters arrive as OPSLEDGER_PARAM_<NAME>, the target as OPSLEDGER_TARGET (docs/definitions.md).
set -eu

dir="${OPSLEDGER_PARAM_DIR:?parameter dir is required}"
pattern="${OPSLEDGER_PARAM_PATTERN:-*.log}"
keep="${OPSLEDGER_PARAM_KEEP:-5}"

case "$keep" in
  '' | *[!0-9]* | 0)
    echo "keep must be a whole number of at least 1, got: $keep" >&2
    exit 2
    ;;
esac
case "$pattern" in
  */*)
    echo "pattern must name files inside the directory, got: $pattern" >&2
    exit 2
    ;;
esac
if [ ! -d "$dir" ]; then
  echo "not a directory: $dir" >&2
  exit 2
fi

rotated=0
# $pattern is deliberately unquoted: it is a glob.
for file in "$dir"/$pattern; do
  [ -f "$file" ] && [ -s "$file" ] || continue
  rm -f "$file.$keep.gz"
  i=$keep
  while [ "$i" -gt 1 ]; do
    prev=$((i - 1))
    if [ -f "$file.$prev.gz" ]; then mv -f "$file.$prev.gz" "$file.$i.gz"; fi
    i=$prev
  done
  gzip -c -- "$file" >"$file.1.gz.tmp"
  mv -f "$file.1.gz.tmp" "$file.1.gz"
  : >"$file"
  rotated=$((rotated + 1))
  echo "rotated $file"
done
echo "rotated $rotated file(s) in $dir on ${OPSLEDGER_TARGET:-localhost}, keeping $keep compressed copies each"
