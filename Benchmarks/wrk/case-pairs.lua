-- Create + submit pairs for scripts/bench-cases.sh: each thread creates a draft for the
-- next simulator person (SSNs as in Benchmarks/cases/seed.py) and submits the drafts it
-- created as soon as a connection is free, so every pair is two authenticated requests.
--   wrk -tT -s case-pairs.lua URL -- TOKEN CLIENT FIRST_INDEX T
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  token, client, first = args[1], args[2], tonumber(args[3])
  -- Thread n of T takes persons first+n, first+n+T, …
  stride = tonumber(args[4])
  index = first + id
  drafts = {}
  pairs_done, created, refused = 0, 0, 0
  json_headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  plain_headers = { ["Authorization"] = "Bearer " .. token }
end

local function ssn(i)
  local area = math.floor(i / (99 * 9999))
  local rest = i % (99 * 9999)
  return string.format("%03d-%02d-%04d", 201 + area, math.floor(rest / 9999) + 1, rest % 9999 + 1)
end

function request()
  local number = table.remove(drafts)
  if number then
    return wrk.format("POST", "/api/v1/cases/" .. number .. "/submit", plain_headers, nil)
  end
  local body = string.format('{"client_company_id":"%s","first_name":"Bench","last_name":"Person",'
    .. '"date_of_birth":"1990-01-01","ssn":"%s","citizenship_status_code":"US_CITIZEN",'
    .. '"document_b_type_code":"DRIVERS_LICENSE","document_c_type_code":"SOCIAL_SECURITY_CARD",'
    .. '"document_bc_number":"D1234567","us_state_code":"CA","expiration_date":"2030-01-01",'
    .. '"date_of_hire":"2026-11-16","offer_accepted_date":"2026-11-02","i9_section1_date":"2026-11-16",'
    .. '"i9_section2_date":"2026-11-16"}', client, ssn(index))
  index = index + stride
  return wrk.format("POST", "/api/v1/cases", json_headers, body)
end

function response(status, headers, body)
  if status == 201 then
    local number = body:match('"case_number":"(%w+)"')
    if number then table.insert(drafts, number) end
    created = created + 1
  elseif status == 200 and body:find('"EMPLOYMENT_AUTHORIZED"', 1, true) then
    pairs_done = pairs_done + 1
  else
    refused = refused + 1
    if refused <= 3 then io.stderr:write("refused ", status, ": ", body:sub(1, 200), "\n") end
  end
end

function done(summary, latency, requests)
  local p, c, r, last = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    p = p + thread:get("pairs_done")
    c = c + thread:get("created")
    r = r + thread:get("refused")
    last = math.max(last, thread:get("index"))
  end
  -- next_index: the first person no thread used, for the next round.
  io.write(string.format("pairs %d created %d refused %d seconds %.3f p50_ms %.2f p99_ms %.2f next_index %d\n",
    p, c, r, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, last))
end
