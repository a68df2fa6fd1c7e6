#!/usr/bin/env bash
# Runs the JMH benchmarks and writes the results to benchmarks/results/<name>.json (JMH's JSON), <name>.txt
# (a header saying when, where and how, then JMH's summary table) and <name>.log (JMH's whole output).
#
# usage: benchmarks/run.sh [-n NAME] [-b auto|always|never] [REGEX] [-- JMH_OPTIONS...]
#
#   REGEX     which benchmarks (JMH regex on class.method); default: all of them
#   -n NAME   result file name; default: "all" without REGEX, else REGEX with odd characters replaced by '_'
#   -b MODE   build benchmarks/target/benchmarks.jar: auto (default: when missing or older than a source file),
#             always, or never
#   --        anything after it goes to JMH as is, e.g. -- -p database=postgresql -prof stack
#
# Examples (from the repository root or anywhere else):
#   benchmarks/run.sh                               # the whole suite, about 13 minutes on 2 cores
#   benchmarks/run.sh IngestionBenchmark -- -p database=postgresql
#   benchmarks/run.sh -n ingest-stack 'IngestionBenchmark.ingestNew' -- -p database=postgresql -prof stack
#
# PostgreSQL: the benchmarks create a schema bench_<random> in the database given by the system property
# custintel.bench.postgresUrl (default jdbc:postgresql://127.0.0.1:5432/test?user=postgres) and drop it after
# each trial. Set CUSTINTEL_BENCH_POSTGRES_URL to change it; only local servers are accepted.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

ORIG_ARGS="$*"
NAME=""
BUILD=auto
REGEX=""
JMH_EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) NAME="$2"; shift 2 ;;
    -b) BUILD="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$ROOT/benchmarks/run.sh" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; JMH_EXTRA=("$@"); break ;;
    -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    *)
      if [ -n "$REGEX" ]; then echo "only one REGEX, please (JMH regexes can use |)" >&2; exit 2; fi
      REGEX="$1"; shift ;;
  esac
done
if [ -z "$NAME" ]; then
  if [ -z "$REGEX" ]; then NAME=all; else NAME="$(printf '%s' "$REGEX" | tr -c 'A-Za-z0-9._-' '_')"; fi
fi

JAR=benchmarks/target/benchmarks.jar
needs_build() {
  [ ! -f "$JAR" ] && return 0
  [ -n "$(find benchmarks/src benchmarks/pom.xml sdk-core/src/main sdk-core/pom.xml sdk-analytics/src/main \
    sdk-analytics/pom.xml pom.xml -newer "$JAR" -type f -print -quit 2>/dev/null)" ]
}
case "$BUILD" in
  always) DO_BUILD=1 ;;
  never) DO_BUILD=0 ;;
  auto) if needs_build; then DO_BUILD=1; else DO_BUILD=0; fi ;;
  *) echo "-b takes auto, always or never" >&2; exit 2 ;;
esac
if [ "$DO_BUILD" = 1 ]; then
  echo "Building $JAR ..."
  # The reactor builds the core and analytics modules too (nothing is installed into ~/.m2).
  mvn -q -B package -DskipTests -Djacoco.skip=true -pl benchmarks -am
fi
if [ ! -f "$JAR" ]; then
  echo "$JAR is missing (build with: mvn -q -B package -DskipTests -pl benchmarks -am)" >&2
  exit 1
fi

# The CLV benchmarks read the CDNOW files from the repository's data directory. The properties go in with
# -jvmArgsPrepend, in one option: JMH's -jvmArgsAppend on the command line replaces a benchmark's own
# @Fork(jvmArgsAppend) (ClvScoreBenchmark's -Xmx1g was dropped that way until 2026-12-07), and a second
# -jvmArgsAppend replaced the first.
JVM_PROPS="-Dcustintel.dataDir=$ROOT/data"
if [ -n "${CUSTINTEL_BENCH_POSTGRES_URL:-}" ]; then
  JVM_PROPS="$JVM_PROPS -Dcustintel.bench.postgresUrl=${CUSTINTEL_BENCH_POSTGRES_URL}"
fi
JMH_EXTRA+=(-jvmArgsPrepend "$JVM_PROPS")

RESULTS=benchmarks/results
mkdir -p "$RESULTS"
JSON="$RESULTS/$NAME.json"
TXT="$RESULTS/$NAME.txt"
LOG="$RESULTS/$NAME.log"

CMD=(java -jar "$JAR")
[ -n "$REGEX" ] && CMD+=("$REGEX")
CMD+=(-rf json -rff "$JSON" ${JMH_EXTRA[@]+"${JMH_EXTRA[@]}"})

STARTED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "Running: ${CMD[*]}"
set +e
"${CMD[@]}" 2>&1 | tee "$LOG"
STATUS=${PIPESTATUS[0]}
set -e

PG_VERSION="$(psql -h 127.0.0.1 -U postgres -d test -Atc 'SHOW server_version' 2>/dev/null || echo unknown)"
{
  echo "Custintel benchmarks: $NAME"
  echo "started:  $STARTED"
  echo "finished: $(date -u +%Y-%m-%dT%H:%M:%SZ)  (exit status $STATUS)"
  echo "command:  benchmarks/run.sh $ORIG_ARGS"
  echo "jmh:      ${CMD[*]}"
  echo "git:      $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$ROOT" diff --quiet HEAD -- sdk-core sdk-analytics 2>/dev/null || echo ' (core/analytics with uncommitted changes)')"
  echo "machine:  $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "java:     $(java -version 2>&1 | head -1)"
  echo "postgres: $PG_VERSION"
  echo
  # JMH's summary: everything from "# Run complete" on, without its standard disclaimer paragraphs.
  awk '/^# Run complete/ {on=1} on' "$LOG" | awk '
    /^REMEMBER:|^NOTE:/ {skip=1}
    skip && /^$/ {skip=0; next}
    !skip' | grep -v '^\[setup\]'
  echo
  echo "Setup lines (population of each trial):"
  grep '^\[setup\]\|^\[generated\]' "$LOG" || true
} > "$TXT"
echo
echo "Results: $JSON, $TXT, $LOG"
exit "$STATUS"
