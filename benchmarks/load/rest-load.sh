#!/usr/bin/env bash
# HTTP load on the Custintel server (examples/target/custintel-server.jar) with wrk, over loopback on this machine:
# the server, wrk and the database share its cores, as they would on a one-box deployment.
#
# usage: benchmarks/load/rest-load.sh [-d SECONDS] [-c "50 100 200"] [-D "h2 postgresql"] [-n CUSTOMERS]
#                                     [-H HOT] [-o NAME] [-q]
#
#   -d SECONDS    length of each measured run (default 60)
#   -c LIST       concurrent connections, one run each (default "50 100 200")
#   -D LIST       databases (default "h2 postgresql"; PostgreSQL at 127.0.0.1:5432, user postgres, trust auth)
#   -n CUSTOMERS  customers of the generated shop (default 100000)
#   -C LIST       cases (default "profile-cached at-risk profile-uncached query")
#   -H HOT        the hot set of the cached-profile case: C-00000001 .. C-<HOT> (default 1000)
#   -o NAME       results in benchmarks/results/NAME.txt and NAME.json (default rest-load)
#   -q            the bounded form CI runs: -d 5 -c 50 -D h2 -n 2000 -H 200 -o rest-load-ci, and no warm-up
#
# Cases, each at every connection count, on every database:
#   profile-cached     GET /api/customers/{id}, ids drawn from the hot set, profile cache on (the default)
#   profile-uncached   GET /api/customers/{id}, ids drawn from all customers, custintel.store.profile-cache-size=0
#   at-risk            GET /api/churn/at-risk?limit=50
#   query              POST /api/query, six questions in turn (the replaced service's three load-test questions,
#                      a sixth of its traffic, and three more; see query.lua)
# Each case gets a server of its own and a 60 s warm-up run of itself at 50 connections first (JIT, pool, caches:
# on 2 cores the JIT's C2 compiler still took a quarter of the CPU 50 s into a run),
# and 3 s of rest after each run. The rate limit is raised for
# the one key the load uses (it is a per-key limit of 6000 requests a minute by default).
# Exit status: 0 when every run had no error and every response was 200; 1 otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
HERE=benchmarks/load

DURATION=60
CONNECTIONS="50 100 200"
DATABASES="h2 postgresql"
CUSTOMERS=100000
HOT=1000
NAME=rest-load
WARMUP=60
CASES="profile-cached at-risk profile-uncached query"
while getopts "d:c:C:D:n:H:o:q" opt; do
  case "$opt" in
    d) DURATION="$OPTARG" ;;
    c) CONNECTIONS="$OPTARG" ;;
    D) DATABASES="$OPTARG" ;;
    C) CASES="$OPTARG" ;;
    n) CUSTOMERS="$OPTARG" ;;
    H) HOT="$OPTARG" ;;
    o) NAME="$OPTARG" ;;
    q) DURATION=5; CONNECTIONS=50; DATABASES=h2; CUSTOMERS=2000; HOT=200; NAME=rest-load-ci; WARMUP=0 ;;
    *) sed -n '2,26p' "$0" >&2; exit 2 ;;
  esac
done

die() { echo "FAIL: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

SERVER=examples/target/custintel-server.jar
CLI=examples/target/custintel.jar
[ -f "$SERVER" ] && [ -f "$CLI" ] || die "build first: mvn -B -q package -DskipTests"
command -v wrk >/dev/null || die "wrk is needed (Debian package wrk)"
command -v curl >/dev/null || die "curl is needed"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/custintel-load.XXXXXX")"
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

KEY="ci-load-$(head -c 24 /dev/urandom | base64 | tr -d '/+=' )"
PORT=$(( 20000 + RANDOM % 20000 ))
RESULTS=benchmarks/results/$NAME
TXT="$RESULTS.txt"
JSON_ROWS=()
FAILED=0

{
  echo "# REST load on the Custintel server, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "# command: $HERE/rest-load.sh $*"
  echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); wrk $(wrk --version 2>&1 | head -1 | cut -d' ' -f2)"
  echo "# shop: $CUSTOMERS customers (CLI demo, seed 42); hot set $HOT; $DURATION s per run; wrk -t2; server -Xmx1g"
  echo
  printf "%-11s %-17s %5s %10s %9s %9s %9s %9s %7s\n" database case conns req/s p50_ms p90_ms p99_ms max_ms errors
} > "$TXT"

start_server() { # database url-args... ; waits for readiness
  local db="$1"; shift
  java -Xmx1g -jar "$SERVER" --server.port="$PORT" --server.address=127.0.0.1 \
      --custintel.demo.enabled=false --custintel.security.bootstrap-admin-key="$KEY" \
      --custintel.security.rate-limit.requests-per-minute=1000000000 "$@" \
      > "$WORK/server-$db.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -30 "$WORK/server-$db.log" >&2; die "the server exited"; }
    sleep 0.5
  done
  die "the server was not ready within 120 s"
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

run_wrk() { # db case conns script env...
  local db="$1" name="$2" conns="$3" script="$4" url="$5"; shift 5
  local out
  out=$(env "$@" CI_KEY="$KEY" wrk -t2 -c"$conns" -d"${DURATION}s" --timeout 10s -s "$script" "$url" 2>&1) \
    || { echo "$out" >&2; die "wrk failed"; }
  local line
  line=$(echo "$out" | grep '^RESULT ' | tail -1)
  [ -n "$line" ] || { echo "$out" >&2; die "wrk printed no result"; }
  local rps p50 p90 p99 max errors requests
  requests=$(echo "$line" | sed -E 's/.* requests=([0-9]+).*/\1/')
  rps=$(echo "$line" | sed -E 's/.* rps=([0-9.]+).*/\1/')
  p50=$(echo "$line" | sed -E 's/.* p50_ms=([0-9.]+).*/\1/')
  p90=$(echo "$line" | sed -E 's/.* p90_ms=([0-9.]+).*/\1/')
  p99=$(echo "$line" | sed -E 's/.* p99_ms=([0-9.]+).*/\1/')
  max=$(echo "$line" | sed -E 's/.* max_ms=([0-9.]+).*/\1/')
  errors=$(echo "$line" | awk '{s=0; for (i=1;i<=NF;i++) if ($i ~ /^(errors_|non2xx)/) {split($i,a,"="); s+=a[2]} print s}')
  printf "%-11s %-17s %5s %10s %9s %9s %9s %9s %7s\n" "$db" "$name" "$conns" "$rps" "$p50" "$p90" "$p99" "$max" "$errors" | tee -a "$TXT" >&2
  JSON_ROWS+=("{\"database\":\"$db\",\"case\":\"$name\",\"connections\":$conns,\"durationSeconds\":$DURATION,\"requests\":$requests,\"requestsPerSecond\":$rps,\"p50Ms\":$p50,\"p90Ms\":$p90,\"p99Ms\":$p99,\"maxMs\":$max,\"errors\":$errors}")
  [ "$errors" = "0" ] || FAILED=1
}

for db in $DATABASES; do
  case "$db" in
    h2)
      DIR="$WORK/h2"
      URL="jdbc:h2:file:$DIR/custintel"
      SERVER_ARGS=(--custintel.embedded.directory="$DIR") ;;
    postgresql)
      command -v psql >/dev/null || die "psql is needed for the PostgreSQL runs"
      psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS custintel_load" \
           -c "CREATE DATABASE custintel_load" >/dev/null
      URL="jdbc:postgresql://127.0.0.1:5432/custintel_load?user=postgres"
      SERVER_ARGS=(--spring.datasource.url="$URL") ;;
    *) die "unknown database $db (h2 or postgresql)" ;;
  esac
  log "$db: generating the shop of $CUSTOMERS customers and its first model run"
  java -jar "$CLI" demo --customers "$CUSTOMERS" --seed 42 --db "$URL" --quiet > "$WORK/demo-$db.txt" 2>&1 \
    || { tail -20 "$WORK/demo-$db.txt" >&2; die "demo failed"; }

  # One server per case, so that no case inherits another's backlog (a slow case's queued requests would
  # otherwise still be running when the next one starts).
  for name in $CASES; do
    case "$name" in
      profile-cached) script="$HERE/profile.lua"; env_args=(CI_CUSTOMERS="$HOT"); extra=() ;;
      at-risk) script="$HERE/fixed.lua"; env_args=(CI_URL_PATH="/api/churn/at-risk?limit=50"); extra=() ;;
      query) script="$HERE/query.lua"; env_args=(); extra=() ;;
      profile-uncached) script="$HERE/profile.lua"; env_args=(CI_CUSTOMERS="$CUSTOMERS")
        extra=(--custintel.store.profile-cache-size=0) ;;
    esac
    start_server "$db" "${SERVER_ARGS[@]}" "${extra[@]}"
    base="http://127.0.0.1:$PORT"
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $KEY" "$base/api/customers/C-00000001")
    [ "$code" = 200 ] || die "GET /api/customers/C-00000001 answered $code"
    if [ "$WARMUP" -gt 0 ]; then
      env "${env_args[@]}" CI_KEY="$KEY" wrk -t2 -c50 -d"${WARMUP}s" -s "$script" "$base" >/dev/null 2>&1 || true
      sleep 3
    fi
    for conns in $CONNECTIONS; do
      run_wrk "$db" "$name" "$conns" "$script" "$base" "${env_args[@]}"
      sleep 3
    done
    stop_server
  done
  [ "$db" = postgresql ] && psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS custintel_load" >/dev/null || true
done

{
  echo "["
  for i in "${!JSON_ROWS[@]}"; do
    sep=","; [ "$i" -eq $(( ${#JSON_ROWS[@]} - 1 )) ] && sep=""
    echo "  ${JSON_ROWS[$i]}$sep"
  done
  echo "]"
} > "$RESULTS.json"
log "results: $TXT and $RESULTS.json"
[ "$FAILED" = 0 ] || die "some run had errors or non-200 responses"
