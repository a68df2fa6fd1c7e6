#!/usr/bin/env bash
# Fault probe for the import path: kill -9 the CLI, or kill -9 PostgreSQL, in the middle of an import; restart,
# re-import the same file and check that the database holds every order of the file exactly once.
#
# usage: benchmarks/fault/import-faults.sh [-r ROUNDS] [-s SEED] [-f FILE] [-F FORMAT] [-j JAR] [-k]
#
#   -r ROUNDS  fault rounds per kind (default 1: about 4 minutes on 2 cores, the bounded form CI runs;
#              the full form for a soak is -r 10)
#   -s SEED    seed of the kill points and of the shuffle, printed at the start so that a failure can be replayed
#   -f FILE    the order file (default data/clv/CDNOW_master.txt, 69,659 purchases)
#   -F FORMAT  its --format (default cdnow)
#   -j JAR     the CLI jar (default examples/target/custintel.jar; build it with mvn -B -q package -DskipTests)
#   -k         keep the work directory (databases, logs) for a post-mortem
#
# What it does, each on its own throw-away PostgreSQL server (initdb in a temp directory, a free port, fsync on,
# so that killing it touches nothing else) and on an H2 file:
#   0. a reference import without faults: its stored counts and sums are the expected values, and they must match
#      the file as counted independently by awk (rows minus the rejected and skipped rows the import reported);
#   1. kill -9 the CLI after a random number of committed batches of an import of the shuffled file, re-import,
#      compare with the reference;
#   2. kill -9 the PostgreSQL server (postmaster and backends) likewise mid-import; the CLI must exit non-zero
#      without hanging; restart the server (crash recovery), re-import, compare;
#   3. the same as 1 on H2;
#   4. after all rounds, one more re-import must write nothing (ordersWritten 0).
# Exit status 0 when every comparison held, 1 otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

ROUNDS=1
SEED=""
FILE=data/clv/CDNOW_master.txt
FORMAT=cdnow
JAR=examples/target/custintel.jar
KEEP=false
while getopts "r:s:f:F:j:k" opt; do
  case "$opt" in
    r) ROUNDS="$OPTARG" ;;
    s) SEED="$OPTARG" ;;
    f) FILE="$OPTARG" ;;
    F) FORMAT="$OPTARG" ;;
    j) JAR="$OPTARG" ;;
    k) KEEP=true ;;
    *) sed -n '2,12p' "$0" >&2; exit 2 ;;
  esac
done
[ -n "$SEED" ] || SEED=$(( $(date +%s) % 32768 ))
RANDOM=$SEED

die() { echo "FAIL: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*"; }

[ -f "$JAR" ] || die "no CLI jar at $JAR; build it first: mvn -B -q package -DskipTests"
[ -f "$FILE" ] || die "no order file at $FILE"
command -v psql >/dev/null || die "psql is needed (the PostgreSQL client)"
PG_BIN=""
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
  PG_BIN="$(pg_config --bindir)"
else
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
fi
[ -x "$PG_BIN/initdb" ] || die "initdb not found (PostgreSQL server binaries are needed)"

WORK="$(mktemp -d /tmp/custintel-faults.XXXXXX)"
chmod 755 "$WORK"
PGDATA="$WORK/pg/data"
PGRUN="$WORK/pg"   # the server's log and socket: writable by the user it runs as
PGPORT=""
CLI_PID=""
FAILED=0

# The server refuses to run as root: run its binaries as the postgres user then.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cleanup() {
  [ -n "$CLI_PID" ] && kill -9 "$CLI_PID" 2>/dev/null || true
  if [ -f "$PGDATA/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true; fi
  if [ "$KEEP" = true ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

pg_start() {
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGRUN/server.log" -w -t 60 \
    -o "-p $PGPORT -k $PGRUN -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=40" start >/dev/null 2>>"$WORK/pg_ctl.log"
}

pg_kill9() {
  local pid
  pid="$(head -1 "$PGDATA/postmaster.pid")"
  # The postmaster and all its backends at once, as a power cut or an OOM killer would.
  pkill -9 -P "$pid" 2>/dev/null || true
  kill -9 "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
}

psql_q() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$1" -Atq -F ' ' -c "$2"; }

# The state that must be identical after any fault and a re-import: orders, their sum, lines, their sum, customers.
STATE_SQL="SELECT (SELECT count(*) FROM ci_orders) AS o, (SELECT coalesce(sum(total_amount),0) FROM ci_orders) AS t,
  (SELECT count(*) FROM ci_order_lines) AS l, (SELECT coalesce(sum(amount),0) FROM ci_order_lines) AS lt,
  (SELECT count(*) FROM ci_customers) AS c"

pg_state() { psql_q "$1" "$STATE_SQL" | awk '{printf "orders=%d total=%.4f lines=%d lineTotal=%.4f customers=%d\n", $1, $2, $3, $4, $5}'; }

h2_state() {
  # The CLI's H2 databases have an empty user name and password.
  java -cp "$JAR" org.h2.tools.Shell -url "jdbc:h2:file:$1" -user "" -password "" -sql "$STATE_SQL" 2>&1 \
    | awk -F'|' '/^[0-9]/ && !done {done = 1; gsub(/ /,""); printf "orders=%d total=%.4f lines=%d lineTotal=%.4f customers=%d\n", $1, $2, $3, $4, $5}'
}

pg_url() { echo "jdbc:postgresql://127.0.0.1:$PGPORT/$1?user=postgres"; }

# import DB_URL FILE OUT: a whole import, exit status of the CLI returned.
import() {
  timeout 600 java -Xmx512m -jar "$JAR" import --db "$1" --format "$FORMAT" --no-progress "$2" >"$3" 2>"$3.err"
}

json_field() { jq -r ".$2" "$1"; }

# import_and_kill DB_URL FILE OUT WHAT: starts an import and kills WHAT (cli or pg) once the CLI has reported a
# random number of committed batches (1 to 25 of CDNOW's 35: always mid-import, however fast the machine).
# Prints the CLI's exit status (137 when it was the one killed).
import_and_kill() {
  local url="$1" file="$2" out="$3" what="$4"
  java -Xmx512m -jar "$JAR" import --db "$url" --format "$FORMAT" --progress "$file" >"$out" 2>"$out.err" &
  CLI_PID=$!
  local batches=$(( 1 + RANDOM % 25 ))
  local polls=0
  while kill -0 "$CLI_PID" 2>/dev/null && [ "$(grep -c 'orders written' "$out.err" || true)" -lt "$batches" ]; do
    sleep 0.05
    polls=$((polls + 1))
    [ "$polls" -lt 6000 ] || break
  done
  if [ "$what" = cli ]; then
    kill -9 "$CLI_PID" 2>/dev/null || true
  else
    pg_kill9
  fi
  # The CLI must not hang once its database is gone: give it 120 s to notice and exit.
  local waited=0 status=0
  while kill -0 "$CLI_PID" 2>/dev/null; do
    sleep 1
    waited=$((waited + 1))
    if [ "$waited" -ge 120 ]; then
      kill -9 "$CLI_PID" 2>/dev/null || true
      echo "hung"
      CLI_PID=""
      return
    fi
  done
  wait "$CLI_PID" || status=$?
  CLI_PID=""
  echo "$status after $batches batches reported"
}

check_same() {
  local label="$1" got="$2"
  if [ "$got" = "$EXPECTED" ]; then
    log "  ok   $label: $got"
  else
    log "  FAIL $label: $got"
    log "       expected: $EXPECTED"
    FAILED=1
  fi
}

log "seed $SEED, $ROUNDS round(s) per fault kind, file $FILE ($FORMAT), work dir $WORK"

# The shuffled file: the header stays first, the rows in a random order reproducible from the seed.
SHUFFLED="$WORK/shuffled.txt"
head -1 "$FILE" >"$SHUFFLED"
tail -n +2 "$FILE" | shuf --random-source=<(yes "$SEED") >>"$SHUFFLED"

PGPORT="$(free_port)"
mkdir -p "$PGDATA"
[ "$(id -u)" = 0 ] && chown -R postgres "$PGRUN"
as_pg "$PG_BIN/initdb" -D "$PGDATA" -A trust -U postgres --no-sync >"$WORK/initdb.log" 2>&1 || die "initdb failed: $(tail -3 "$WORK/initdb.log")"
pg_start
log "PostgreSQL $(psql_q postgres 'SHOW server_version') on port $PGPORT"

# 0. Reference: a fault-free import of the file as it is.
psql_q postgres "CREATE DATABASE ref" >/dev/null
import "$(pg_url ref)" "$FILE" "$WORK/ref.json" || die "the reference import failed: $(tail -3 "$WORK/ref.json.err")"
EXPECTED="$(pg_state ref)"
log "reference: $EXPECTED"
rows=$(tail -n +2 "$FILE" | grep -c '[^[:space:]]' || true)
unusable=$(( $(json_field "$WORK/ref.json" rejectedCount) + $(json_field "$WORK/ref.json" skippedCount) ))
awk_orders=$(( rows - unusable ))
ref_orders=$(psql_q ref "SELECT count(*) FROM ci_orders")
[ "$ref_orders" = "$awk_orders" ] || die "the reference holds $ref_orders orders; the file has $rows rows of which $unusable were rejected or skipped"
if [ "$FORMAT" = cdnow ]; then
  awk_total=$(tail -n +2 "$FILE" | awk 'NF == 4 && $3 > 0 {s += $4} END {printf "%.2f", s}')
  ref_total=$(psql_q ref "SELECT round(sum(total_amount), 2) FROM ci_orders")
  [ "$awk_total" = "$ref_total" ] || die "the reference total is $ref_total; awk sums the file to $awk_total"
fi
log "  the file agrees (awk): $rows rows, $unusable rejected or skipped"

# 1. kill -9 the CLI mid-import (PostgreSQL), then re-import.
# Each round on an empty database, so that every round's kill lands in a real import.
for round in $(seq 1 "$ROUNDS"); do
  cli_kill="cli_kill_$round"
  psql_q postgres "CREATE DATABASE $cli_kill" >/dev/null
  outcome="$(import_and_kill "$(pg_url $cli_kill)" "$SHUFFLED" "$WORK/cli-$round.json" cli)"
  log "round $round, kill -9 CLI on PostgreSQL: CLI $outcome; stored so far: $(pg_state $cli_kill)"
  case "$outcome" in 137\ *) ;; *) log "  FAIL the CLI was not killed mid-import"; FAILED=1 ;; esac
  import "$(pg_url $cli_kill)" "$SHUFFLED" "$WORK/cli-$round-re.json" || { log "  FAIL re-import exited non-zero"; FAILED=1; }
  check_same "after re-import" "$(pg_state $cli_kill)"
done

# 2. kill -9 PostgreSQL mid-import, restart it (crash recovery), then re-import.
for round in $(seq 1 "$ROUNDS"); do
  pg_kill="pg_kill_$round"
  psql_q postgres "CREATE DATABASE $pg_kill" >/dev/null
  outcome="$(import_and_kill "$(pg_url $pg_kill)" "$SHUFFLED" "$WORK/pg-$round.json" pg)"
  log "round $round, kill -9 PostgreSQL: CLI exit $outcome"
  case "$outcome" in
    hung) log "  FAIL the CLI hung after the server died"; FAILED=1 ;;
    0\ *) log "  FAIL the CLI exited 0 although its server died mid-import"; FAILED=1 ;;
  esac
  if grep -qv 'orders written' "$WORK/pg-$round.json.err"; then
    log "  CLI said: $(grep -v 'orders written' "$WORK/pg-$round.json.err" | head -c 400 | tr '\n' ' ')"
  fi
  if grep -qi 'password' "$WORK/pg-$round.json.err"; then log "  FAIL the error mentions a password"; FAILED=1; fi
  pg_start
  log "  restarted; stored so far: $(pg_state $pg_kill)"
  import "$(pg_url $pg_kill)" "$SHUFFLED" "$WORK/pg-$round-re.json" || { log "  FAIL re-import exited non-zero"; FAILED=1; }
  check_same "after re-import" "$(pg_state $pg_kill)"
done

# 3. kill -9 the CLI mid-import on H2 (the embedded default), then re-import.
for round in $(seq 1 "$ROUNDS"); do
  H2="$WORK/h2-$round/custintel"
  outcome="$(import_and_kill "jdbc:h2:file:$H2" "$SHUFFLED" "$WORK/h2-$round.json" cli)"
  log "round $round, kill -9 CLI on H2: CLI $outcome; stored so far: $(h2_state "$H2")"
  case "$outcome" in 137\ *) ;; *) log "  FAIL the CLI was not killed mid-import"; FAILED=1 ;; esac
  import "jdbc:h2:file:$H2" "$SHUFFLED" "$WORK/h2-$round-re.json" || { log "  FAIL re-import exited non-zero: $(tail -2 "$WORK/h2-$round-re.json.err")"; FAILED=1; }
  check_same "after re-import" "$(h2_state "$H2")"
done

# 4. Exactly once: a further re-import writes nothing, on each database.
for db in "cli_kill_$ROUNDS" "pg_kill_$ROUNDS"; do
  import "$(pg_url "$db")" "$SHUFFLED" "$WORK/final-$db.json" || { log "  FAIL final re-import ($db) exited non-zero"; FAILED=1; }
  written=$(json_field "$WORK/final-$db.json" ordersWritten)
  [ "$written" = 0 ] && log "  ok   $db: a further re-import wrote 0 orders" \
    || { log "  FAIL $db: a further re-import wrote $written orders"; FAILED=1; }
done

if [ "$FAILED" = 0 ]; then
  log "PASS: every fault left the file stored exactly once (seed $SEED)"
else
  log "FAILED (replay with -s $SEED -k)"
fi
exit "$FAILED"
