-- wrk script: GET a customer profile, the id drawn at random from C-00000001 .. C-<N>, with the API key.
-- Environment: CI_KEY (the API key), CI_CUSTOMERS (N), CI_PATH (a suffix after the id, such as "" or
-- "/churn-risk"). Each thread seeds its own generator.
local key = os.getenv("CI_KEY")
local n = tonumber(os.getenv("CI_CUSTOMERS") or "1000")
local suffix = os.getenv("CI_PATH") or ""

function setup(thread)
  thread:set("seed", math.random(1, 2147483647))
end

function init(args)
  math.randomseed(seed or os.time())
end

function request()
  local id = string.format("C-%08d", math.random(1, n))
  return wrk.format("GET", "/api/customers/" .. id .. suffix, { ["X-API-Key"] = key })
end


function done(summary, latency, requests)
  local p = latency:percentile(99) / 1000
  io.write(string.format("RESULT requests=%d duration_s=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f errors_connect=%d errors_read=%d errors_write=%d errors_timeout=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, p, latency.max / 1000,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status))
end
