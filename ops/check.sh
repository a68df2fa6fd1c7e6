#!/usr/bin/env bash
# Checks the operations files: the Prometheus alert rules (syntax, then their unit tests), that every metric they
# name is one the server exports, that every runbook_url lands on a heading of docs/runbook.md, and the
# Alertmanager example (syntax and where alerts go, when amtool is there).
# Needs promtool (Debian package: prometheus); amtool (Debian package: prometheus-alertmanager) is optional.
# Runs every check, then exits 1 if any failed. .ci/run calls it before the Maven build.
set -uo pipefail
cd "$(dirname "$0")"

rules=prometheus/custintel-alerts.yml
observed=prometheus/observed-series.txt
alertmanager=alertmanager/alertmanager.yml
failed=0

step() {
  echo "== $*"
  if "$@"; then
    return 0
  fi
  echo "FAIL: $*" >&2
  failed=1
}

if ! command -v promtool >/dev/null 2>&1; then
  echo "FAIL: promtool is not installed (apt-get install prometheus)" >&2
  exit 1
fi

step promtool check rules "$rules"
# The models test samples every 10 minutes over 10 days, the others every minute: two files, one run.
step promtool test rules prometheus/custintel-alerts.test.yml prometheus/custintel-alerts.models.test.yml

# Every metric name in the rules must be in the scrape they were written against: a renamed meter or a typo would
# otherwise make a rule that never fires, which promtool cannot see.
known_metrics() {
  local missing=0 name
  for name in $(grep -oE '\b(custintel|http_server|jvm|process|disk)_[a-z_]+' "$rules" | sort -u); do
    if ! grep -q "^$name{" "$observed" && ! grep -qx "$name" "$observed"; then
      echo "  $name is not in $observed" >&2
      missing=1
    fi
  done
  return "$missing"
}
step known_metrics

# Every runbook_url must land on a heading of docs/runbook.md (the anchor half of ops/runbook-check.sh, which runs
# the runbook's commands too once the jars are built).
step ./runbook-check.sh --anchors-only

if command -v amtool >/dev/null 2>&1; then
  step amtool check-config "$alertmanager"
  # Where alerts go: critical pages and is summarised, warning goes to Slack and is summarised.
  routes() {
    amtool config routes test --config.file="$alertmanager" --verify.receivers="$1" "${@:2}" 2>/dev/null
  }
  step routes pager,email-summary severity=critical alertname=CustintelHighErrorRate
  step routes slack-warnings,email-summary severity=warning alertname=CustintelProfileCacheHitRateLow
else
  echo "== SKIP amtool check-config $alertmanager: amtool is not installed (apt-get install prometheus-alertmanager)"
fi

if [ "$failed" -ne 0 ]; then
  echo "ops/check.sh: FAILED" >&2
  exit 1
fi
echo "ops/check.sh: all checks passed"
