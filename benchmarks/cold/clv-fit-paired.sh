#!/usr/bin/env bash
# Whole-process wall time of 'custintel clv fit' on the CDNOW sample (the README's command), cold: a new JVM per
# run, as a user runs it. Paired and interleaved: each round runs the old jar, the new jar and a bare Java class
# (the JVM's own start, the yardstick), in an order that rotates every round, so that a change in the machine's
# load hits all three alike. Prints every run and the medians, and writes them to the results file.
#
# usage: benchmarks/cold/clv-fit-paired.sh [-r ROUNDS] [-o RESULTS] [-J JVM_OPTION]... [-d] OLD_JAR NEW_JAR
#
#   -r ROUNDS   rounds (default 7); each round runs each of the three once
#   -o RESULTS  the results file (default benchmarks/results/cold-clv-fit.txt)
#   -J OPTION   a JVM option for every run of the three (repeatable), e.g. -J -XX:TieredStopAtLevel=1
#   -d          the new jar's JSON may differ from the old's (a change that moves fitted numbers): each jar's runs
#               are then checked against that jar's own first output, and the differing lines are reported
#   OLD_JAR     the CLI jar before the change (build it from the older commit: mvn -B -q -o package -pl
#               sdk-core,sdk-analytics,sdk-integrations,sdk-spring-starter,examples -DskipTests, then copy
#               examples/target/custintel.jar away)
#   NEW_JAR     the CLI jar after it (such as examples/target/custintel.jar)
#
# Each clv fit run must exit 0 and print the same JSON as the first run of the old jar (checked with cmp; with -d,
# the first run of the same jar): a faster run that prints something else does not count. The bare class is
# compiled to a temp directory.
set -euo pipefail

rounds=7
root="$(cd "$(dirname "$0")/../.." && pwd)"
results="$root/benchmarks/results/cold-clv-fit.txt"
jvm_options=()
may_differ=0
while getopts "r:o:J:d" opt; do
  case "$opt" in
    r) rounds="$OPTARG" ;;
    o) results="$OPTARG" ;;
    J) jvm_options+=("$OPTARG") ;;
    d) may_differ=1 ;;
    *) sed -n '2,20p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [ $# -ne 2 ]; then
  sed -n '2,20p' "$0" >&2
  exit 2
fi
old_jar="$(realpath "$1")"
new_jar="$(realpath "$2")"
for jar in "$old_jar" "$new_jar"; do
  [ -f "$jar" ] || { echo "no such jar: $jar" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/Hello.java" <<'EOF'
public final class Hello {
  public static void main(String[] args) {
    System.out.println("hello");
  }
}
EOF
javac -d "$work" "$work/Hello.java"

cd "$root"
fit_args=(clv fit --transactions data/clv/CDNOW_sample.txt --format cdnow
  --calibration-end 1997-09-30 --holdout-end 1998-06-30 --period week)

java_cmd=(java ${jvm_options[@]+"${jvm_options[@]}"})

# Reference output, and a warm file cache for the jars and the data.
"${java_cmd[@]}" -jar "$old_jar" "${fit_args[@]}" > "$work/reference.json"
"${java_cmd[@]}" -jar "$new_jar" "${fit_args[@]}" > "$work/check.json"
if [ "$may_differ" = 1 ]; then
  cp "$work/check.json" "$work/reference-new.json"
else
  cp "$work/reference.json" "$work/reference-new.json"
  cmp -s "$work/reference.json" "$work/check.json" || { echo "the new jar prints other JSON than the old" >&2; exit 1; }
fi
"${java_cmd[@]}" -cp "$work" Hello > /dev/null

# Runs one kind once; prints its wall time in milliseconds.
run_once() {
  local kind="$1" start end
  start=$(date +%s%N)
  case "$kind" in
    old) "${java_cmd[@]}" -jar "$old_jar" "${fit_args[@]}" > "$work/out.json" ;;
    new) "${java_cmd[@]}" -jar "$new_jar" "${fit_args[@]}" > "$work/out.json" ;;
    bare) "${java_cmd[@]}" -cp "$work" Hello > /dev/null ;;
  esac
  end=$(date +%s%N)
  local reference="$work/reference.json"
  [ "$kind" = new ] && reference="$work/reference-new.json"
  if [ "$kind" != bare ] && ! cmp -s "$reference" "$work/out.json"; then
    echo "$kind: the JSON differs from the reference" >&2
    exit 1
  fi
  echo $(((end - start) / 1000000))
}

median() {
  sort -n | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}

kinds=(old new bare)
: > "$work/runs"
{
  echo "# cold 'clv fit' on the CDNOW sample: whole-process wall time, paired and interleaved"
  echo "when:     $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine:  $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java:     $(java -version 2>&1 | head -1)"
  echo "old jar:  $old_jar"
  echo "new jar:  $new_jar"
  echo "command:  ${java_cmd[*]} -jar JAR ${fit_args[*]}"
  echo "bare:     ${java_cmd[*]} -cp DIR Hello (prints one line)"
  if [ "$may_differ" = 1 ]; then
    echo "output:   the jars print different JSON (-d); each run is checked against its own jar's first output;"
    echo "          lines that differ: $(diff "$work/reference.json" "$work/reference-new.json" | grep -c '^<' || true)"
  fi
  echo "rounds:   $rounds, the order of old, new and bare rotating each round"
  echo
  echo "round kind ms"
} > "$work/report"
for ((round = 1; round <= rounds; round++)); do
  for ((k = 0; k < 3; k++)); do
    kind="${kinds[$(((round + k) % 3))]}"
    ms=$(run_once "$kind")
    echo "$round $kind $ms" | tee -a "$work/runs" >> "$work/report"
    echo "round $round $kind ${ms} ms" >&2
  done
done
old_median=$(awk '$2 == "old" {print $3}' "$work/runs" | median)
new_median=$(awk '$2 == "new" {print $3}' "$work/runs" | median)
bare_median=$(awk '$2 == "bare" {print $3}' "$work/runs" | median)
# The median of the per-round ratios: each ratio pairs runs made seconds apart, under the same load.
paired_speedup=$(awk '{t[$1 " " $2] = $3} END {for (r = 1; r <= '"$rounds"'; r++) print t[r " old"] / t[r " new"]}' \
  "$work/runs" | median)
paired_bare=$(awk '{t[$1 " " $2] = $3} END {for (r = 1; r <= '"$rounds"'; r++) print t[r " new"] / t[r " bare"]}' \
  "$work/runs" | median)
{
  echo
  echo "median ms: old $old_median, new $new_median, bare JVM $bare_median"
  printf 'new / bare JVM (medians): %.1fx; old / bare JVM: %.1fx; old / new: %.2fx\n' \
    "$(echo "$new_median / $bare_median" | bc -l)" "$(echo "$old_median / $bare_median" | bc -l)" \
    "$(echo "$old_median / $new_median" | bc -l)"
  printf 'median of the per-round ratios: old / new %.2fx, new / bare %.1fx\n' "$paired_speedup" "$paired_bare"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} >> "$work/report"
mkdir -p "$(dirname "$results")"
cp "$work/report" "$results"
cat "$results"
