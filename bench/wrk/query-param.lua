-- GET /books?limit=20&<name>=<value> with a new value on every request: the template's %d becomes
-- a random number from 1 to max. A fixed value would measure H2's reuse of the last result of an
-- unchanged table, not the search. Usage: wrk -s query-param.lua URL -- <name> <template> <max>
-- e.g. -- q 'volume %d' 100000   (the generator's titles end in "volume <n>")

local function encode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  name, template, max = args[1], args[2], tonumber(args[3])
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
end

function request()
  local value = string.format(template, math.random(1, max))
  return wrk.format("GET", "/books?limit=20&" .. name .. "=" .. encode(value))
end
