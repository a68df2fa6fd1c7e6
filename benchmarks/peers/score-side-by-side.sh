#!/usr/bin/env bash
# Scoring a million customers, Custintel against lifetimes' computation in numpy and scipy (peers/score_numpy.py),
# on the same customers and fitted parameters, in alternating rounds. Each side reports its best and median of
# several repetitions in one process (after a first, warming one for the JVM); the numpy side must reproduce
# Custintel's total to 1e-9, or the script fails. Writes benchmarks/results/score-peer-numpy.txt.
#
# usage: benchmarks/peers/score-side-by-side.sh [ROUNDS]   (default 3; needs python3 with numpy and scipy, and
#        benchmarks/target/benchmarks.jar: mvn -B -q package -DskipTests)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
ROUNDS="${1:-3}"
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/results/score-peer-numpy.txt
[ -f "$JAR" ] || { echo "$JAR is missing: mvn -B -q package -DskipTests" >&2; exit 2; }
python3 -c 'import numpy, scipy' || { echo "python3 with numpy and scipy is required" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
{
  echo "Scoring 1,000,000 customers (MBG/NBD + Gamma-Gamma, 12 months at 1 % a month): Custintel's"
  echo "CustomerValueModel.values against lifetimes' computation vectorised in numpy (benchmarks/peers/score_numpy.py)"
  echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command:  benchmarks/peers/score-side-by-side.sh $ROUNDS"
  echo "git:      $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "machine:  $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB"
  echo "java:     $(java -version 2>&1 | head -1)"
  echo
  for round in $(seq "$ROUNDS"); do
    echo "round $round"
    java -Xmx1g -cp "$JAR" dev.custintel.benchmarks.ClvScorePeerInput "$WORK/customers.csv" 7 | tee "$WORK/custintel.txt"
    read -r _ r alpha a b < <(grep '^mbgnbd ' "$WORK/custintel.txt")
    read -r _ p q gamma < <(grep '^gammagamma ' "$WORK/custintel.txt")
    total=$(sed -n 's/.*total \([0-9.]*\)$/\1/p' "$WORK/custintel.txt")
    python3 benchmarks/peers/score_numpy.py "$WORK/customers.csv" "$r" "$alpha" "$a" "$b" "$p" "$q" "$gamma" \
      "$total" 3
    echo
  done
  echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT"
