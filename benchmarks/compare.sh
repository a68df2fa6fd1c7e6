#!/usr/bin/env bash
# Runs benchmarks of two commits side by side on this machine, interleaved (old, new, old, new...), so that both
# see the same machine state. Each side is built from its own clean checkout; results land in
# benchmarks/results/compare-<name>-{old,new}-<benchmark>.{txt,json,log} and a summary in
# benchmarks/results/compare-<name>.txt.
#
# usage: benchmarks/compare.sh [-n NAME] [-r ROUNDS] [-j "JMH OPTIONS"] OLD_REV [NEW_REV] [-- REGEX...]
#
#   OLD_REV   the baseline commit
#   NEW_REV   the commit to compare; default HEAD
#   REGEX     JMH regexes, one run each; default: ProfileLookupBenchmark IngestionBenchmark ModelRunBenchmark
#   -n NAME   result name; default OLD_REV-NEW_REV (short hashes)
#   -r ROUNDS how many times to alternate old and new for each regex (default 1): more rounds spread a passing
#             load over both sides
#   -j OPTS   options for JMH on both sides, such as "-p database=postgresql"
#
# Example: benchmarks/compare.sh dabb0c7            # profile lookup, ingestion and model run, about 25 minutes
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

NAME=""
ROUNDS=1
JMH_OPTS=""
while [ $# -gt 0 ]; do
  case "$1" in
    -n) NAME="$2"; shift 2 ;;
    -r) ROUNDS="$2"; shift 2 ;;
    -j) JMH_OPTS="$2"; shift 2 ;;
    *) break ;;
  esac
done
OLD="${1:?usage: benchmarks/compare.sh [-n NAME] OLD_REV [NEW_REV] [-- REGEX...]}"; shift
NEW=HEAD
if [ $# -gt 0 ] && [ "$1" != "--" ]; then NEW="$1"; shift; fi
[ "${1:-}" = "--" ] && shift
REGEXES=("$@")
[ ${#REGEXES[@]} -eq 0 ] && REGEXES=(ProfileLookupBenchmark IngestionBenchmark ModelRunBenchmark)

OLD_SHA="$(git rev-parse --short "$OLD")"
NEW_SHA="$(git rev-parse --short "$NEW")"
[ -z "$NAME" ] && NAME="$OLD_SHA-$NEW_SHA"

WORK="$(mktemp -d)"
cleanup() {
  for side in old new; do git worktree remove --force "$WORK/$side" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

for side in old new; do
  rev="$OLD_SHA"; [ "$side" = new ] && rev="$NEW_SHA"
  git worktree add --detach "$WORK/$side" "$rev" >/dev/null
  echo "Building the $side side ($rev) ..."
  (cd "$WORK/$side" && mvn -q -B package -DskipTests -Djacoco.skip=true -pl benchmarks -am)
done

RESULTS="$ROOT/benchmarks/results"
mkdir -p "$RESULTS"
SUMMARY="$RESULTS/compare-$NAME.txt"
{
  echo "Custintel benchmarks, side by side: old $OLD_SHA, new $NEW_SHA"
  echo "started:  $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command:  benchmarks/compare.sh -r $ROUNDS -j \"$JMH_OPTS\" $OLD $NEW -- ${REGEXES[*]}"
  echo "machine:  $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GB"
  echo "java:     $(java -version 2>&1 | head -1)"
  echo
} > "$SUMMARY"

for regex in "${REGEXES[@]}"; do
  for round in $(seq 1 "$ROUNDS"); do
  for side in old new; do
    safe="$(printf '%s' "$regex" | tr -c 'A-Za-z0-9._-' '_')"
    out="compare-$NAME-$side-$safe"
    [ "$ROUNDS" -gt 1 ] && out="$out-$round"
    echo "Running $regex on the $side side (round $round of $ROUNDS) ..."
    # The side's own run.sh, so each side runs exactly as it documented; results are copied here.
    # shellcheck disable=SC2086 # JMH_OPTS is a list of words on purpose
    (cd "$WORK/$side" && benchmarks/run.sh -b never -n "$out" "$regex" -- $JMH_OPTS)
    cp "$WORK/$side/benchmarks/results/$out."* "$RESULTS/"
    {
      echo "== $regex, $side ($([ "$side" = old ] && echo "$OLD_SHA" || echo "$NEW_SHA")), round $round"
      sed -n '/^Benchmark /,$p' "$RESULTS/$out.txt"
      echo
    } >> "$SUMMARY"
  done
  done
done
echo "finished: $(date -u +%Y-%m-%dT%H:%M:%SZ), load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$SUMMARY"
echo "Summary: $SUMMARY"
