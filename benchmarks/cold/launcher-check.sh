#!/usr/bin/env bash
# Checks the packaged launcher (examples/target/custintel) and its class-data archives (custintel*.jsa), which
# 'mvn package' writes beside the command line's jar: the launcher must start the jar's classes from the archives,
# and print exactly what 'java -jar' prints (but for timings) for --version, an affinity mining and a CLV fit. Run
# by .ci/run after the build (seconds); fails when an archive is missing or unused or the outputs differ.
#
# usage: benchmarks/cold/launcher-check.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
launcher=examples/target/custintel
jar=examples/target/custintel.jar
for f in "$launcher" "$jar" examples/target/custintel.jsa examples/target/custintel-db.jsa; do
  [ -e "$f" ] || { echo "FAIL: $f is missing (run mvn -B package first)" >&2; exit 1; }
done
[ -x "$launcher" ] || { echo "FAIL: $launcher is not executable" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The archive is used: the CLI's main class comes from it, not from the jar.
CUSTINTEL_JAVA_OPTS="-Xlog:class+load=info:file=$tmp/classes.log" "$launcher" --version > "$tmp/version.txt"
if ! grep -q 'dev.custintel.examples.cli.CustintelCli source: shared objects file' "$tmp/classes.log"; then
  echo "FAIL: the launcher did not load CustintelCli from the class-data archive:" >&2
  grep 'CustintelCli ' "$tmp/classes.log" >&2 || true
  exit 1
fi
# A database command starts from the other archive.
CUSTINTEL_JAVA_OPTS="-Xlog:class+load=info:file=$tmp/db-classes.log" "$launcher" import --help > /dev/null
if ! grep -q 'dev.custintel.examples.cli.ImportCommand source: shared objects file' "$tmp/db-classes.log"; then
  echo "FAIL: the launcher did not load ImportCommand from the database commands' archive" >&2
  exit 1
fi
shared=$(grep -c 'source: shared objects file' "$tmp/classes.log" || true)
total=$(grep -c 'source:' "$tmp/classes.log" || true)

check_same() {
  local name=$1; shift
  # Timings (the mining's "elapsedMillis") differ from run to run; everything else must not.
  java -jar "$jar" "$@" | grep -v '"elapsedMillis"' > "$tmp/$name.jar.out"
  "$launcher" "$@" | grep -v '"elapsedMillis"' > "$tmp/$name.launcher.out"
  if ! cmp -s "$tmp/$name.jar.out" "$tmp/$name.launcher.out"; then
    echo "FAIL: the launcher's output of '$*' differs from java -jar's:" >&2
    diff "$tmp/$name.jar.out" "$tmp/$name.launcher.out" | head -20 >&2
    exit 1
  fi
}
check_same version --version
check_same affinity affinity mine --baskets data/affinity/groceries.csv --format basket-csv --min-support 0.001
check_same clv clv fit --transactions data/clv/CDNOW_sample.txt --format cdnow --calibration-end 1997-09-30 \
  --holdout-end 1998-06-30 --period week

# Another JDK on the machine, when there is one, cannot use the archive: it must start without it and without a
# word on stdout (a JDK 25 says "Cannot handle shared archive file version" there unless told otherwise).
other=""
for home in /usr/lib/jvm/*; do
  if [ -x "$home/bin/java" ] && ! "$home/bin/java" -version 2>&1 | head -1 | grep -q "\"$(java -version 2>&1 | head -1 | sed 's/.*"\(.*\)".*/\1/')\""; then
    other=$home
    break
  fi
done
if [ -n "$other" ]; then
  JAVA_HOME="$other" "$launcher" --version > "$tmp/other.txt"
  if ! cmp -s "$tmp/other.txt" "$tmp/version.jar.out"; then
    echo "FAIL: with JAVA_HOME=$other the launcher printed something else than the version:" >&2
    cat "$tmp/other.txt" >&2
    exit 1
  fi
  other_note="; another JDK ($other) starts without the archive and prints only the version"
else
  other_note="; no other JDK here to try the archive with"
fi

echo "launcher check: OK ($(cat "$tmp/version.txt"); --version loaded $shared of $total classes from the archive;" \
  "--version, affinity mine and clv fit print what java -jar prints$other_note)"
