#!/usr/bin/env bash
# Cold, whole-process timings of the CLI, paired with a bare JVM start and, where installed, with the peer tools
# that do the same job. Every round runs each case once, in the same order, so that a passing load falls on all of
# them alike; the medians and their ratio to the bare JVM go to benchmarks/results/side-by-side.txt.
#
# usage: benchmarks/side-by-side.sh [-r ROUNDS] [-j JAR] [-o FILE]
#
#   -r ROUNDS  rounds (default 9)
#   -j JAR     the CLI jar (default examples/target/custintel.jar; built with 'mvn -B -q package -DskipTests')
#   -o FILE    where the summary goes (default benchmarks/results/side-by-side.txt)
#
# Cases (the issue's targets in brackets, as a ratio to the bare JVM):
#   jvm           a class that prints one line: the yardstick
#   version       custintel --version                                               [<= 2.5x]
#   affinity      custintel affinity mine on Groceries at 0.1 % support              [<= 4x]
#   clv-fit       custintel clv fit on the CDNOW sample (the README's options)      [<= 6x]
#   *-launcher    the same three through the launcher beside the jar (examples/target/custintel: the class-data
#                 archive, C1 only, the serial collector), when it is there
# Peers, each only when found:
#   spmf-*        SPMF's FPGrowth_itemsets on the same files (SPMF_JAR=path/to/spmf.jar)
#   lifetimes     a lifetimes script fitting BG/NBD and Gamma-Gamma on the CDNOW sample (python3 with lifetimes)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROUNDS=9
JAR="examples/target/custintel.jar"
OUT="benchmarks/results/side-by-side.txt"
while [ $# -gt 0 ]; do
  case "$1" in
    -r) ROUNDS="$2"; shift 2 ;;
    -j) JAR="$2"; shift 2 ;;
    -o) OUT="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[ -f "$JAR" ] || { echo "$JAR is missing: mvn -B -q package -DskipTests" >&2; exit 2; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cat > "$WORK/Hello.java" <<'EOF'
public class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
EOF
javac -d "$WORK" "$WORK/Hello.java"

GROCERIES=data/affinity/groceries.csv
CDNOW=data/clv/CDNOW_sample.txt
declare -A CMD
ORDER=(jvm version affinity clv-fit)
CMD[jvm]="java -cp $WORK Hello"
CMD[version]="java -jar $JAR --version"
CMD[affinity]="java -jar $JAR affinity mine --baskets $GROCERIES --format basket-csv --min-support 0.001"
CMD[clv-fit]="java -jar $JAR clv fit --transactions $CDNOW --format cdnow --calibration-end 1997-09-30 --holdout-end 1998-06-30 --period week"
# The same three through the launcher that 'mvn package' writes beside the jar (with its class-data archive, C1 only
# and the serial collector), when it is there.
LAUNCHER="$(dirname "$JAR")/custintel"
if [ -x "$LAUNCHER" ]; then
  unset CUSTINTEL_JAVA_OPTS
  ORDER+=(version-launcher affinity-launcher clv-fit-launcher)
  CMD[version-launcher]="$LAUNCHER --version"
  CMD[affinity-launcher]="${CMD[affinity]/java -jar $JAR/$LAUNCHER}"
  CMD[clv-fit-launcher]="${CMD[clv-fit]/java -jar $JAR/$LAUNCHER}"
fi

if [ -n "${SPMF_JAR:-}" ] && [ -f "${SPMF_JAR}" ]; then
  # SPMF reads one basket per line of integer ids: Groceries as FIMI ids, as the affinity benchmarks compare.
  python3 - "$GROCERIES" "$WORK/groceries.spmf" <<'EOF'
import csv, sys
ids = {}
with open(sys.argv[1], newline='') as f, open(sys.argv[2], 'w') as out:
    for row in csv.reader(f):
        items = sorted({ids.setdefault(i.strip(), len(ids) + 1) for i in row if i.strip()})
        if items:
            out.write(' '.join(map(str, items)) + '\n')
EOF
  ORDER+=(spmf-groceries)
  CMD[spmf-groceries]="java -jar $SPMF_JAR run FPGrowth_itemsets $WORK/groceries.spmf $WORK/spmf.out 0.1%"
fi
if python3 -c 'import lifetimes' 2>/dev/null; then
  cat > "$WORK/lifetimes_fit.py" <<'EOF'
import sys
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import calibration_and_holdout_data
rows = pd.read_csv(sys.argv[1], sep=r'\s+', header=None, names=['id', 'date', 'qty', 'amount'], dtype={'id': str, 'date': str})
rows['date'] = pd.to_datetime(rows['date'], format='%Y%m%d')
s = calibration_and_holdout_data(rows, 'id', 'date', calibration_period_end='1997-09-30',
                                 observation_period_end='1998-06-30', freq='W', monetary_value_col='amount')
BetaGeoFitter().fit(s['frequency_cal'], s['recency_cal'], s['T_cal'])
r = s[s['frequency_cal'] > 0]
GammaGammaFitter().fit(r['frequency_cal'], r['monetary_value_cal'])
EOF
  ORDER+=(lifetimes)
  CMD[lifetimes]="python3 $WORK/lifetimes_fit.py $CDNOW"
fi

declare -A TIMES
for case in "${ORDER[@]}"; do TIMES[$case]=""; done
for round in $(seq 1 "$ROUNDS"); do
  for case in "${ORDER[@]}"; do
    start=$(date +%s%N)
    if ! ${CMD[$case]} > "$WORK/out.txt" 2> "$WORK/err.txt"; then
      echo "$case failed in round $round:" >&2
      cat "$WORK/err.txt" >&2
      exit 1
    fi
    end=$(date +%s%N)
    TIMES[$case]+=" $(( (end - start) / 1000000 ))"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
JVM=$(echo "${TIMES[jvm]}" | median)
mkdir -p "$(dirname "$OUT")"
# Before the results file is rewritten: that file changing is not a change to the code measured.
GIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet -- . ":(exclude)$OUT" 2>/dev/null || echo ' (with uncommitted changes)')"
{
  echo "Custintel side by side: cold whole-process wall times, milliseconds"
  echo "date:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command:  benchmarks/side-by-side.sh -r $ROUNDS -j $JAR"
  echo "git:      $GIT"
  echo "machine:  $(nproc) cores, $(awk '/MemTotal/ {printf "%d GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg) at the end"
  echo "java:     $(java -version 2>&1 | head -1)"
  echo "rounds:   $ROUNDS, each case once per round in this order: ${ORDER[*]}"
  echo
  printf '%-18s %8s %8s %8s  %s\n' case median min max "x bare JVM"
  for case in "${ORDER[@]}"; do
    m=$(echo "${TIMES[$case]}" | median)
    min=$(echo "${TIMES[$case]}" | tr ' ' '\n' | grep -v '^$' | sort -n | head -1)
    max=$(echo "${TIMES[$case]}" | tr ' ' '\n' | grep -v '^$' | sort -n | tail -1)
    printf '%-18s %8s %8s %8s  %s\n' "$case" "$m" "$min" "$max" "$(awk -v m="$m" -v j="$JVM" 'BEGIN {printf "%.1f", m / j}')"
  done
  echo
  echo "commands:"
  for case in "${ORDER[@]}"; do echo "  $case: ${CMD[$case]//$WORK/\$TMP}"; done
  echo
  echo "raw (ms, in round order):"
  for case in "${ORDER[@]}"; do echo "  $case:${TIMES[$case]}"; done
} > "$OUT"
cat "$OUT"
