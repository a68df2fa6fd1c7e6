#!/usr/bin/env bash
# Runs every command of the operator's runbook (docs/runbook.md) against a real server, so that the runbook cannot
# name a metric, an endpoint, a CLI option, a table or a column that does not exist.
#
# usage: ops/runbook-check.sh [-v | --anchors-only]
#        (from anywhere; builds nothing: run `mvn -B -q package -DskipTests` first)
#
#   -v              print each block's output after its "ok" line
#   --anchors-only  step 1 alone (no server, no database, no jars; ops/check.sh runs it)
#
# What it does:
#   1. Anchors: every runbook_url of ops/prometheus/custintel-alerts.yml (docs/runbook.md#anchor) must be the
#      GitHub anchor of a heading of docs/runbook.md (lower case, punctuation dropped, spaces to hyphens).
#   2. A test deployment, as the runbook's variables describe it (the table at the top of docs/runbook.md):
#      - the server jar (examples/target/custintel-server.jar) on a free loopback port over a temporary H2 file
#        database, with a demo shop of 300 customers and its first model run, a bootstrap admin key, and the Slack
#        events endpoint and Gorgias client pointed at a local stand-in (below);
#      - a temporary PostgreSQL database on 127.0.0.1:5432 (user postgres, trust auth; named
#        custintel_runbook_<pid>_<random>, dropped at the end) filled by the CLI's `demo` with 300 customers and a
#        first model run. Every SQL command (psql) and every CLI command (--db "$CUSTINTEL_DB") runs against it: the
#        server's H2 file is locked while the server runs, as it is in production, where the runbook expects
#        PostgreSQL. In the check the server and the SQL therefore see two shops made from the same generator;
#      - a stand-in for the Gorgias and Slack Web APIs (python3, loopback only): Gorgias answers 429 with
#        Retry-After and X-Gorgias-Account-Api-Call-Limit as a spent quota does, Slack's auth.test answers ok;
#      - an orders-csv file with one good and two bad rows as IMPORT_FILE.
#      The server's event-stream heartbeat is 2 s instead of 15 s so that the stream commands answer quickly, and
#      its disk meter watches the H2 directory, as the runbook's Affinity memory scenario recommends.
#   3. Every ```sh block of docs/runbook.md, in order, each in its own `bash -eu` with those variables set, a
#      90 s limit, and standard input closed. A block fails when it exits non-zero or prints nothing on standard
#      output: every block of the runbook is written to print something (an "(0 rows)", a "none" fallback) so that
#      an empty answer is never ambiguous. Blocks fenced ```text (a restart, a crontab line, a destructive repair)
#      are not run.
#   4. Every metric name the runbook mentions (custintel_*, http_server_*, jvm_*, disk_*, process_*, logback_*)
#      must be in the server's scrape after the blocks ran, or in ops/prometheus/observed-series.txt (the Gorgias
#      and Slack meters appear only once those clients have been used).
# Exit status 0 when all pass; 1 naming each failed block's scenario (its ## heading) and line otherwise.
# Needs java 17+, curl, jq, psql/createdb/dropdb/pg_isready, python3, openssl; about 1 to 2 minutes.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNBOOK=docs/runbook.md
RULES=ops/prometheus/custintel-alerts.yml
OBSERVED=ops/prometheus/observed-series.txt
SERVER_JAR="$ROOT/examples/target/custintel-server.jar"
CLI_JAR="$ROOT/examples/target/custintel.jar"
VERBOSE=0
ANCHORS_ONLY=0
case "${1:-}" in
  -v) VERBOSE=1 ;;
  --anchors-only) ANCHORS_ONLY=1 ;;
  "") ;;
  *) sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
PG_HOST=127.0.0.1
PG_PORT=5432
START=$(date +%s)

die() { echo "FAIL: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*"; }

# ---- 1. anchors (no server needed) ----------------------------------------------------------------------------
[ -f "$RUNBOOK" ] || die "$RUNBOOK is missing"

# GitHub's anchor of a heading: lower case, every character but letters, digits, spaces, hyphens and underscores
# dropped, spaces to hyphens. Headings inside fenced blocks are not headings.
heading_anchors() {
  awk '/^[ \t]*```/ { fence = !fence; next } !fence && /^#+ / { sub(/^#+ +/, ""); print }' "$RUNBOOK" |
    tr '[:upper:]' '[:lower:]' | sed -E 's/[^a-z0-9 _-]//g; s/ /-/g'
}
check_anchors() {
  local anchors missing=0 url anchor
  anchors=$(heading_anchors)
  for url in $(grep -oE 'runbook_url: *"[^"]*"' "$RULES" | sed -E 's/.*"([^"]*)"/\1/' | sort -u); do
    case "$url" in
      docs/runbook.md#*) anchor="${url#docs/runbook.md#}" ;;
      *) echo "  $url does not point into docs/runbook.md" >&2; missing=1; continue ;;
    esac
    if ! grep -qxF "$anchor" <<<"$anchors"; then
      echo "  $url: no heading of $RUNBOOK has the anchor #$anchor" >&2
      missing=1
    fi
  done
  [ "$(grep -c 'runbook_url:' "$RULES")" -gt 0 ] || { echo "  no runbook_url in $RULES" >&2; missing=1; }
  return "$missing"
}
log "anchors: every runbook_url of $RULES is a heading of $RUNBOOK"
check_anchors || die "runbook_url anchors without a heading (see above)"
if [ "$ANCHORS_ONLY" = 1 ]; then
  echo "every runbook_url anchor is a heading of $RUNBOOK"
  exit 0
fi

# ---- 2. the test deployment -------------------------------------------------------------------------------------
[ -f "$SERVER_JAR" ] && [ -f "$CLI_JAR" ] || die "build first: mvn -B -q package -DskipTests"
for tool in java curl jq psql createdb dropdb pg_isready python3 openssl; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is needed"
done
pg_isready -h "$PG_HOST" -p "$PG_PORT" -q || die "PostgreSQL is not answering on $PG_HOST:$PG_PORT"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/custintel-runbook.XXXXXX")"
PGDB="custintel_runbook_$$_$RANDOM"
SERVER_PID=""
FAKE_PID=""
DEMO_PID=""
cleanup() {
  for pid in "$SERVER_PID" "$FAKE_PID" "$DEMO_PID"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  dropdb -h "$PG_HOST" -p "$PG_PORT" -U postgres --if-exists "$PGDB" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# The stand-in for Gorgias and Slack: loopback only, one answer per API.
cat > "$WORK/fake.py" <<'PY'
import http.server, json, sys

class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if self.path.startswith("/gorgias/api/"):
            body = json.dumps({"error": {"msg": "Too many requests"}}).encode()
            self.send_response(429)
            self.send_header("Retry-After", "10")
            self.send_header("X-Gorgias-Account-Api-Call-Limit", "40/40")
        elif self.path.startswith("/slack/api/auth.test"):
            body = json.dumps({"ok": True, "url": "https://example.slack.com/", "team": "Example",
                               "user": "custintel", "team_id": "T0000000", "user_id": "U0000000",
                               "bot_id": "B0000000"}).encode()
            self.send_response(200)
        else:
            body = b'{"ok":false,"error":"unknown_method"}'
            self.send_response(404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = answer

    def log_message(self, *args):
        pass

http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
PY
FAKE_PORT=$(free_port)
python3 "$WORK/fake.py" "$FAKE_PORT" > "$WORK/fake.log" 2>&1 &
FAKE_PID=$!

# The CLI's JVMs live for seconds: C1 alone and the serial collector start them faster (about a third less CPU on the
# shared 2-core machine), which keeps the check near 2 minutes. They change nothing the commands print; the server
# runs with the JVM's defaults.
CLI_JAVA_OPTIONS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

# PostgreSQL: the demo shop, in the background while the server starts.
createdb -h "$PG_HOST" -p "$PG_PORT" -U postgres "$PGDB" || die "createdb $PGDB failed"
PG_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$PGDB?user=postgres"
log "PostgreSQL database $PGDB: CLI demo, 300 customers"
java $CLI_JAVA_OPTIONS -jar "$CLI_JAR" demo --customers 300 --seed 42 --db "$PG_URL" --quiet > "$WORK/demo-pg.txt" 2>&1 &
DEMO_PID=$!

# The server, in its own working directory (the disk meter measures it, as it would measure the deployment's).
PORT=$(free_port)
KEY="ci-runbook-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
SLACK_SECRET="runbook-signing-secret-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')"
mkdir -p "$WORK/server"
log "server: port $PORT, H2 in $WORK/server/custintel-data, demo shop of 300 customers"
(
  cd "$WORK/server" && exec java -Xmx512m -jar "$SERVER_JAR" --server.port="$PORT" --server.address=127.0.0.1 \
    --custintel.embedded.directory="$WORK/server/custintel-data" --custintel.demo.customers=300 \
    --custintel.security.bootstrap-admin-key="$KEY" --custintel.events.heartbeat=2s \
    --management.metrics.system.diskspace.paths="$WORK/server/custintel-data" \
    --custintel.gorgias.base-url="http://127.0.0.1:$FAKE_PORT/gorgias/api" \
    --custintel.gorgias.email=agent@example.com --custintel.gorgias.api-key=runbook-check \
    --custintel.slack.signing-secret="$SLACK_SECRET" --custintel.slack.bot-token=xoxb-runbook-check \
    --custintel.slack.api-url="http://127.0.0.1:$FAKE_PORT/slack/api/"
) > "$WORK/server.log" 2>&1 &
SERVER_PID=$!

wait "$DEMO_PID" || { tail -20 "$WORK/demo-pg.txt" >&2; DEMO_PID=""; die "the CLI demo on PostgreSQL failed"; }
DEMO_PID=""
for _ in $(seq 1 360); do
  curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$WORK/server.log" >&2; die "the server exited"; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1 \
  || { tail -30 "$WORK/server.log" >&2; die "the server was not ready within 180 s"; }
log "server ready after $(( $(date +%s) - START )) s"

# One good order line, a date that is not one and a negative quantity.
cat > "$WORK/orders.csv" <<'CSV'
order_id,customer_id,placed_at,product_id,quantity,currency,unit_price
runbook-1,C-00000001,2025-12-30T10:00:00Z,P-0001,1,EUR,10.00
runbook-2,C-00000002,30/12/2025,P-0002,1,EUR,5.00
runbook-3,C-00000003,2025-12-30,P-0003,-2,EUR,5.00
CSV

# The runbook's variables (see the table at the top of docs/runbook.md), set to the test deployment.
export CUSTINTEL_URL="http://127.0.0.1:$PORT"
export CUSTINTEL_KEY="$KEY"
export CUSTINTEL_CLI="$CLI_JAR"
export CUSTINTEL_DB="$PG_URL"
export CUSTINTEL_PID="$SERVER_PID"
export CUSTINTEL_LOG="$WORK/server.log"
export CUSTINTEL_DATA="$WORK/server/custintel-data"
export PGHOST="$PG_HOST" PGPORT="$PG_PORT" PGUSER=postgres PGDATABASE="$PGDB"
export IMPORT_FILE="$WORK/orders.csv"
export GORGIAS_URL="http://127.0.0.1:$FAKE_PORT/gorgias/api"
export GORGIAS_EMAIL=agent@example.com GORGIAS_API_KEY=runbook-check
export SLACK_SIGNING_SECRET="$SLACK_SECRET" SLACK_BOT_TOKEN=xoxb-runbook-check
export SLACK_API_URL="http://127.0.0.1:$FAKE_PORT/slack/api/"
export PSQLRC=/dev/null
# (the JVM announces these on stderr, "Picked up JAVA_TOOL_OPTIONS", which the check ignores)
export JAVA_TOOL_OPTIONS="$CLI_JAVA_OPTIONS"

# ---- 3. every ```sh block -------------------------------------------------------------------------------------
# Each block goes to blocks/NNN.sh, its heading and first line to blocks/NNN.where.
mkdir -p "$WORK/blocks"
awk -v dir="$WORK/blocks" '
  # Fences may be indented (a block inside a list item): the indentation is taken off its lines.
  /^[ \t]*```/ && !fence {
    fence = 1; indent = match($0, /```/) - 1; tag = substr($0, indent + 4); sub(/[ \t].*/, "", tag)
    if (tag == "sh") { n++; file = sprintf("%s/%03d.sh", dir, n); printf "%s|%d\n", heading, NR + 1 > sprintf("%s/%03d.where", dir, n) }
    next
  }
  /^[ \t]*```[ \t]*$/ && fence { fence = 0; if (file != "") close(file); file = ""; next }
  fence && file != "" { line = $0; if (substr(line, 1, indent) ~ /^[ \t]*$/) line = substr(line, indent + 1); print line > file; next }
  !fence && /^## / { heading = substr($0, 4) }
' "$RUNBOOK"
total=$(ls "$WORK/blocks"/*.sh 2>/dev/null | wc -l)
[ "$total" -gt 0 ] || die "no \`\`\`sh block in $RUNBOOK"
log "running the $total sh blocks of $RUNBOOK"

failed=0
for block in "$WORK/blocks"/*.sh; do
  where="$(cat "${block%.sh}.where")"
  scenario="${where%|*}"
  line="${where##*|}"
  t0=$(date +%s)
  timeout 90 bash -eu "$block" > "$WORK/out" 2> "$WORK/err" < /dev/null
  rc=$?
  took=$(( $(date +%s) - t0 ))
  if [ "$rc" -ne 0 ] || [ ! -s "$WORK/out" ]; then
    why="exit status $rc"
    [ "$rc" -eq 0 ] && why="printed nothing on standard output"
    echo "FAIL: $RUNBOOK line $line (scenario \"$scenario\"): $why" >&2
    sed 's/^/    | /' "$block" >&2
    echo "    stdout:" >&2; tail -15 "$WORK/out" | sed 's/^/    > /' >&2
    echo "    stderr:" >&2; tail -15 "$WORK/err" | sed 's/^/    ! /' >&2
    failed=1
  else
    printf '  ok  line %4d  %-28s %3d s, %d lines\n' "$line" "$scenario" "$took" "$(wc -l < "$WORK/out")"
    [ "$VERBOSE" = 1 ] && sed 's/^/      > /' "$WORK/out"
  fi
done

# ---- 4. metric names --------------------------------------------------------------------------------------------
curl -fs "$CUSTINTEL_URL/actuator/prometheus" > "$WORK/scrape.txt" || die "the final scrape failed"
# A name followed by "(" is the stem of a grep alternation such as custintel_cache_(gets_total|size): some series
# must start with it. http_server_requests_seconds_bucket exists only with the percentiles histogram turned on,
# which the runbook says.
for token in $(grep -oE '\b(custintel|http_server|jvm|disk|process|logback)_[a-z_]*[a-z_(]' "$RUNBOOK" | sort -u); do
  case "$token" in
    http_server_requests_seconds_bucket) continue ;;
    *"(") name="${token%(}"; pattern="^$name" ;;
    *_) name="$token"; pattern="^$name" ;;
    *) name="$token"; pattern="^$name(\\{| |$)" ;;
  esac
  if ! grep -qE "$pattern" "$WORK/scrape.txt" && ! grep -qE "$pattern" "$OBSERVED"; then
    echo "FAIL: $RUNBOOK names the metric $name, which neither the server's scrape nor $OBSERVED has" >&2
    failed=1
  fi
done

if [ "$failed" -ne 0 ]; then
  echo "--- last lines of the server's log:" >&2
  tail -20 "$WORK/server.log" >&2
  die "ops/runbook-check.sh: some runbook commands failed ($(( $(date +%s) - START )) s)"
fi
log "ops/runbook-check.sh: all $total blocks passed, anchors and metric names ok ($(( $(date +%s) - START )) s)"
