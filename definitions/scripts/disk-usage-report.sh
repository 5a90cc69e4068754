#!/usr/bin/env bash
# Disk usage report: free space of the filesystem holding a directory, and the largest entries inside it.
# Reads only. Parameters arrive as OPSLEDGER_PARAM_<NAME>, the target as OPSLEDGER_TARGET (docs/definitions.md).
set -euo pipefail

dir="${OPSLEDGER_PARAM_PATH:-/var/log}"
top="${OPSLEDGER_PARAM_TOP:-10}"

case "$top" in
  '' | *[!0-9]*)
    echo "top must be a whole number, got: $top" >&2
    exit 2
    ;;
esac
if [ ! -d "$dir" ]; then
  echo "not a directory: $dir" >&2
  exit 2
fi

echo "disk usage report for $dir on ${OPSLEDGER_TARGET:-$(hostname)}"
df -hP -- "$dir" | awk 'NR <= 2'
echo
echo "largest $top entries:"
# du may be refused some subdirectories; report what it can read instead of failing the whole report.
{ find "$dir" -mindepth 1 -maxdepth 1 -exec du -xsk -- {} + 2>/dev/null || true; } |
  sort -rn |
  awk -v n="$top" 'NR <= n {
    size = $1 >= 1048576 ? sprintf("%.1f GiB", $1 / 1048576) : $1 >= 1024 ? sprintf("%.1f MiB", $1 / 1024) : $1 " KiB"
    printf "%12s  %s\n", size, substr($0, index($0, $2))
  }'
