-- The load of the scorecards API bench with wrk (see loadClient.ts):
--
--   BENCH_TOKEN=<token> wrk -t1 -c50 -d10s -s wrk.lua <url> -- <paths file>
--
-- Every request asks for a random path of the file (one a line), with the
-- user's token. done() prints the figures as one line, BENCH_RESULT and a
-- JSON object: requests, duration and bytes, the p50, p95 and p99 of every
-- response's time (wrk keeps them all, to the microsecond), non-2xx
-- answers and socket errors (connect, read, write, timeout).

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local paths = {}
local headers = {}
-- Global, so that done() can read each thread's count.
non2xx = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
  math.randomseed(id * 7919 + os.time())
end

function request()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

function response(status, _, _)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, _)
  local answered = 0
  for _, thread in ipairs(threads) do
    answered = answered + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests":%d,"durationUs":%d,"bytes":%d,' ..
      '"p50Us":%d,"p95Us":%d,"p99Us":%d,"non2xx":%d,"errors":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    answered, e.connect + e.read + e.write + e.timeout))
end
