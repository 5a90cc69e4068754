#!/bin/sh
# This repo's own reports, reproducibly.
#
#   sh reports/demo-reports.sh run      # run the demo actions FOR REAL into demo-data/, then render
#   sh reports/demo-reports.sh render   # re-render reports/ from the committed journal (after a definitions change)
#   sh reports/demo-reports.sh check    # exit 1 when reports/ differs from a fresh render (CI, pre-push)
#
# (npm run reports:demo / reports / reports:check.) `run` executes the demo actions of definitions/ as the people of
# the demo role files into the committed data dir demo-data/ (journal + pseudonym vault). Rendering is as of
# the newest definitions change or run (`--now latest`), so it depends on the commits and the journal only: a fresh
# clone renders the same bytes. Everything the demo scripts touch lives in a scratch folder removed at the end; the
# demo "service" restart-service starts is a `sleep` that is stopped too. Nothing leaves 127.0.0.1.
set -eu
cd "$(dirname "$0")/.."

DATA=demo-data
# The CLI to use (default: this checkout's build; e.g. OPSLEDGER=opsledger for an installed one).
OPSLEDGER=${OPSLEDGER:-node bin/opsledger.js}
# The flags every render and check uses: keep them here, in one place.
render() { $OPSLEDGER --data-dir "$DATA" report --now latest --title opsledger "$@"; }

case "${1:-run}" in
  render) render; exit 0 ;;
  check) render --check; exit $? ;;
  run) ;;
  *) echo "usage: $0 [run|render|check]" >&2; exit 2 ;;
esac

WORK=$(mktemp -d "${TMPDIR:-/tmp}/opsledger-demo-XXXXXX")
SERVER_PID=
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  for pidfile in "$WORK"/state/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# A fresh journal every time: the demo is the sequence below, not an accumulation of old demos.
rm -rf "$DATA/executions" "$DATA/state" "$DATA/history"
mkdir -p "$DATA" "$WORK/logs" "$WORK/old" "$WORK/state" "$WORK/vault"

# `opsledger run` records git's user.email as the person who ran it; GIT_CONFIG_* sets it for one command.
as() {
  who=$1
  shift
  GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=user.email GIT_CONFIG_VALUE_0="$who" \
    $OPSLEDGER --data-dir "$DATA" run "$@" >/dev/null 2>&1 || true
}

# Something to look at: log files, old files, a certificate that expires soon.
for i in 1 2 3 4 5 6 7; do echo "line $i" >"$WORK/logs/app.$i.log"; done
touch -d '90 days ago' "$WORK/old/report-2024.csv" "$WORK/old/dump.sql"
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=demo.example -days 10 \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" >/dev/null 2>&1

# A local HTTP service for the health checks (127.0.0.1, any free port).
node -e "require('http').createServer((q, s) => s.end('ok')).listen(0, '127.0.0.1', function () { console.log(this.address().port) })" >"$WORK/port" &
SERVER_PID=$!
while [ ! -s "$WORK/port" ]; do sleep 0.1; done
URL="http://127.0.0.1:$(cat "$WORK/port")/health"

# Operators (dave, erin) at work, within their scope.
for i in 1 2 3; do
  as dave@example.com http-health-check --param url="$URL" --target web-01
  as erin@example.com http-health-check --param url="$URL" --target web-02
done
as erin@example.com disk-usage-report --param path="$WORK" --param top=3 --target web-01
as erin@example.com disk-usage-report --param path="$WORK/logs" --param top=5 --target db-01
as dave@example.com restart-service --param state_dir="$WORK/state" --param lifetime_seconds=30 --target web-01
as dave@example.com rotate-logs --param dir="$WORK/logs" --param keep=3 --target web-01
as erin@example.com rotate-logs --param dir="$WORK/logs" --param keep=2

# The service goes down: three failing health checks in a row (a failing streak), then it comes back.
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
for i in 1 2 3; do as dave@example.com http-health-check --param url="$URL" --param timeout_ms=500 --target web-01; done
as dave@example.com restart-service --param state_dir="$WORK/state" --param lifetime_seconds=30 --target web-02
node -e "require('http').createServer((q, s) => s.end('ok')).listen(Number(process.argv[1]), '127.0.0.1')" "$(cat "$WORK/port")" &
SERVER_PID=$!
sleep 0.5
as dave@example.com http-health-check --param url="$URL" --target web-01

# The certificate check fails: it expires in 10 days, the action warns at 30.
as alice@example.com check-tls-expiry --param cert_file="$WORK/cert.pem" --target web-01

# Runs the audit should flag: an auditor running a remediation, an author trying a draft, an approved (not yet
# released) credential rotation with its secret from the environment.
as frank@example.com restart-service --param state_dir="$WORK/state" --param lifetime_seconds=30 --target web-01
as bob@example.com purge-old-files --allow-unreleased --param dir="$WORK/old" --param older_than_days=30 --target db-01
export DEMO_SECRET=demo-secret-0123456789abcdef
as alice@example.com rotate-api-credential --allow-unreleased \
  --param service_name=billing --param-env new_secret=DEMO_SECRET --param vault_dir="$WORK/vault" --target db-01
unset DEMO_SECRET

render
