-- GET /books/{isbn} of a random generated book (books-service/src/test/resources/generated-books.sql:
-- book n has ISBN 979 + n in 9 digits + check digit), so lookups spread over the whole table.
-- Usage: wrk -s get-generated.lua URL -- <number of generated books>

local function check_digit(twelve)
  local sum = 0
  for i = 1, 12 do
    local d = tonumber(twelve:sub(i, i))
    sum = sum + (i % 2 == 1 and d or d * 3)
  end
  return (10 - sum % 10) % 10
end

function init(args)
  count = tonumber(args[1] or "1000")
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
end

function request()
  local twelve = string.format("979%09d", math.random(1, count))
  return wrk.format("GET", "/books/" .. twelve .. check_digit(twelve))
end
