-- wrk script: Open311 GeoReport v2 POST /open311/v2/requests.json, form-encoded, each request a
-- new case at the next of a list of points inside demo grids (so the cases spread over many
-- grids, townships and categories). Used by bench/open311_wrk.sh:
--   wrk -s bench/open311_post.lua http://127.0.0.1:PORT/open311/v2/requests.json -- API_KEY POINTS_FILE
-- POINTS_FILE: one "lat long" per line (WGS84 decimal degrees).
-- No response() callback: it would make wrk hand every answer to Lua, on the same 2 cores as the
-- server. wrk counts answers other than 2xx ("Non-2xx or 3xx responses"), and open311_wrk.sh
-- checks that every completed request left a case in the database.

local api_key, points = nil, {}
local next_point = 1
-- Categories without required attributes (C9901 其他部件 needs component_name).
local services = { "E0102", "E0502", "E0504", "E0104", "C0101", "E0201" }

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

-- Called once per wrk thread, with the arguments after "--".
function init(args)
  api_key = args[1]
  for line in io.lines(args[2]) do
    local lat, lng = line:match("^(%S+)%s+(%S+)$")
    if lat then points[#points + 1] = { lat, lng } end
  end
  assert(api_key and #points > 0, "usage: -- API_KEY POINTS_FILE")
  -- Threads start at different points.
  next_point = (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % #points + 1
end

local description = urlencode("压测：路边有垃圾堆放，请及时清理")

function request()
  local p = points[next_point]
  next_point = next_point % #points + 1
  local body = "api_key=" .. urlencode(api_key) .. "&service_code=" .. services[next_point % #services + 1] ..
               "&lat=" .. p[1] .. "&long=" .. p[2] .. "&description=" .. description
  return wrk.format("POST", nil, { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end
