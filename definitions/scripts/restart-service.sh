#!/bin/sh
# Restart a demo "service": a background `sleep` whose pid lives in STATE_DIR/SERVICE.pid. Harmless by design: it
# only ever signals a process that is a `sleep` started by this script, and the new one ends by itself after
# LIFETIME_SECONDS. Parameters arrive as OPSLEDGER_PARAM_<NAME>, the target as OPSLEDGER_TARGET.
set -eu

service="${OPSLEDGER_PARAM_SERVICE:?parameter service is required}"
state_dir="${OPSLEDGER_PARAM_STATE_DIR:-/tmp/opsledger-demo}"
lifetime="${OPSLEDGER_PARAM_LIFETIME_SECONDS:-120}"

case "$service" in
  '' | *[!a-z0-9-]*)
    echo "service must be lowercase letters, digits and dashes, got: $service" >&2
    exit 2
    ;;
esac
case "$lifetime" in
  '' | *[!0-9]*)
    echo "lifetime_seconds must be a whole number, got: $lifetime" >&2
    exit 2
    ;;
esac

mkdir -p "$state_dir"
pidfile="$state_dir/$service.pid"
target="${OPSLEDGER_TARGET:-localhost}"

if [ -f "$pidfile" ]; then
  old=$(cat "$pidfile")
  command=$(tr '\0' ' ' <"/proc/$old/cmdline" 2>/dev/null || true)
  case "$command" in
    sleep*)
      kill "$old" 2>/dev/null || true
      waited=0
      while kill -0 "$old" 2>/dev/null && [ "$waited" -lt 50 ]; do
        sleep 0.1
        waited=$((waited + 1))
      done
      echo "stopped $service (pid $old) on $target"
      ;;
    *)
      echo "$service was not running on $target (stale pid file)"
      ;;
  esac
fi

nohup sleep "$lifetime" >/dev/null 2>&1 &
pid=$!
printf '%s\n' "$pid" >"$pidfile.tmp"
mv -f "$pidfile.tmp" "$pidfile"
echo "started $service (pid $pid) on $target; it stops by itself after ${lifetime}s"
