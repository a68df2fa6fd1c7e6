-- wrk script: POST /api/query with the API key (CI_KEY), cycling through questions: the replaced service's three
-- load-test questions and three more, so that periods, lists and figures are all asked.
local key = os.getenv("CI_KEY")
local questions = {
  "Show me high churn risk customers",
  "Which customers haven't purchased in 90 days?",
  "Top 10 VIP customers this month",
  "how many orders last month",
  "new vs returning customers this year",
  "best selling products last quarter",
}
local n = 0

function request()
  n = n + 1
  local q = questions[(n % #questions) + 1]
  return wrk.format("POST", "/api/query", { ["X-API-Key"] = key, ["Content-Type"] = "application/json" },
    '{"query":"' .. q .. '"}')
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status))
end
