-- POST /api/v1/orders for wrk: two distinct random products, quantity 1, a fresh Idempotency-Key
-- per request (as a careful client sends), the reader's bearer token.
-- Environment: TOKEN, PRODUCTS (comma-separated product ids).
local token = os.getenv("TOKEN")
local products = {}
for id in string.gmatch(os.getenv("PRODUCTS"), "%d+") do products[#products + 1] = id end
local prefix = string.format("%x", os.time())
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", tostring(threads))
end

function request()
  counter = counter + 1
  local a = math.random(1, #products)
  local b = a % #products + 1
  local body = '{"items":[{"productId":' .. products[a] .. ',"quantity":1},{"productId":' .. products[b] .. ',"quantity":1}]}'
  return wrk.format("POST", "/api/v1/orders", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = prefix .. "-" .. (thread_id or "t") .. "-" .. counter,
  }, body)
end
