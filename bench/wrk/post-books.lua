-- POST /books with a new, valid ISBN-13 on every request (a duplicate would be a 409, not a
-- create). Usage: wrk -s post-books.lua URL -- <row 1-99> [bearer key]
-- ISBN = 978 + row (2 digits) + thread (1 digit) + counter (6 digits) + check digit, so rows
-- and threads of one run never collide (one run = one fresh database).

local threads = {}
local thread_counter = 0

function setup(thread)
  thread:set("thread_id", thread_counter)
  thread_counter = thread_counter + 1
  table.insert(threads, thread)
end

local function check_digit(twelve)
  local sum = 0
  for i = 1, 12 do
    local d = tonumber(twelve:sub(i, i))
    sum = sum + (i % 2 == 1 and d or d * 3)
  end
  return (10 - sum % 10) % 10
end

function init(args)
  row = tonumber(args[1] or "1")
  counter = 0
  headers = { ["Content-Type"] = "application/json" }
  if args[2] then
    headers["Authorization"] = "Bearer " .. args[2]
  end
end

function request()
  counter = counter + 1
  local twelve = string.format("978%02d%d%06d", row % 100, thread_id % 10, counter % 1000000)
  local isbn = twelve .. check_digit(twelve)
  local body = '{"isbn":"' .. isbn .. '","title":"Benchmark book ' .. counter ..
      '","author":"wrk","publicationYear":2024}'
  return wrk.format("POST", "/books", headers, body)
end
