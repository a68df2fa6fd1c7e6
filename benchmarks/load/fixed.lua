-- wrk script: GET one path (CI_URL_PATH, such as /api/churn/at-risk?limit=50) with the API key (CI_KEY).
local key = os.getenv("CI_KEY")
local path = os.getenv("CI_URL_PATH")

function request()
  return wrk.format("GET", path, { ["X-API-Key"] = key })
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status))
end
