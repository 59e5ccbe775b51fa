import { redisScript } from './redis-script.js';

/**
 * The Lua side of the Redis LimitStore. Each script is one atomic check-and-change over every counter
 * it names, so concurrent requests on several instances can never both take the last admission, slot
 * or remainder. Keys are built inside the scripts from the prefix (ARGV[1]): Redis runs a script
 * alone, and a standalone Redis (or a primary with replicas) allows undeclared keys; a sharded Redis
 * Cluster is not supported.
 *
 * Amounts are doubles rounded to 1e-10 (as the memory store does) and stored with 17 significant digits,
 * which round-trips a double exactly, so sums carry no binary dust.
 */

const helpers = `
local prefix = ARGV[1]
local function round(x) return math.floor(x * 1e10 + 0.5) / 1e10 end
local function exact(x) return string.format('%.17g', x) end
local function budgetKey(name) return prefix .. 'limits:budget:' .. name end
-- Counters outlive their calendar window by a day, then Redis forgets them.
local function expireAt(key, expiresAt)
  if expiresAt == '' then redis.call('persist', key)
  else redis.call('pexpireat', key, tonumber(expiresAt) + 86400000) end
end
local function unreserve(id)
  local key = prefix .. 'limits:res:' .. id
  local held = redis.call('get', key)
  if not held then return false end
  local data = cjson.decode(held)
  for i, name in ipairs(data.c) do
    local bkey = budgetKey(name)
    local reserved = tonumber(redis.call('hget', bkey, 'reserved') or '0')
    redis.call('hset', bkey, 'reserved', exact(math.max(0, round(reserved - data.a[i]))))
  end
  redis.call('del', key)
  redis.call('zrem', prefix .. 'limits:reservations', id)
  return true
end
local function lapse(now)
  local due = redis.call('zrangebyscore', prefix .. 'limits:reservations', '-inf', now)
  for _, id in ipairs(due) do
    if not unreserve(id) then redis.call('zrem', prefix .. 'limits:reservations', id) end
  end
end
`;

/**
 * ARGV: prefix, now, unique member, then per window: counter, limit, windowMs.
 * Returns { admitted, refusedBy, retryAfterMs, then limit, remaining, resetAt per window }.
 */
export const admitRequestScript = redisScript(`${helpers}
local now = tonumber(ARGV[2])
local member = ARGV[3]
local states = {}
local refusedBy, retryAfter = -1, 0
local count = (#ARGV - 3) / 3
for i = 1, count do
  local key = prefix .. 'limits:rate:' .. ARGV[1 + i * 3]
  local limit = tonumber(ARGV[2 + i * 3])
  local windowMs = tonumber(ARGV[3 + i * 3])
  redis.call('zremrangebyscore', key, '-inf', now - windowMs)
  local held = redis.call('zcard', key)
  local resetAt = now
  if held > 0 then
    -- A lowered limit: admitted again once (held - limit + 1) admissions have left.
    local index = math.min(math.max(0, held - limit), held - 1)
    local oldest = redis.call('zrange', key, index, index, 'withscores')
    resetAt = tonumber(oldest[2]) + windowMs
  end
  local remaining = math.max(0, limit - held)
  states[i] = { limit, remaining, resetAt }
  if refusedBy == -1 and remaining <= 0 then
    refusedBy = i - 1
    retryAfter = math.max(1, resetAt - now)
  end
end
if refusedBy == -1 then
  for i = 1, count do
    local key = prefix .. 'limits:rate:' .. ARGV[1 + i * 3]
    local windowMs = tonumber(ARGV[3 + i * 3])
    redis.call('zadd', key, now, member)
    redis.call('pexpire', key, windowMs)
    states[i][2] = states[i][2] - 1
    if states[i][2] == states[i][1] - 1 then states[i][3] = now + windowMs end
  end
end
local out = { refusedBy == -1 and 1 or 0, refusedBy, tostring(retryAfter) }
for i = 1, count do
  out[#out + 1] = states[i][1]
  out[#out + 1] = states[i][2]
  out[#out + 1] = tostring(states[i][3])
end
return out`);

/**
 * ARGV: prefix, now, holder, leaseMs, then per slot: counter, limit. Returns 1 when granted. A slot is a
 * sorted-set member scored by its lease's end; lapsed ones are dropped before counting.
 */
export const acquireSlotsScript = redisScript(`${helpers}
local now, holder, leaseMs = tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local count = (#ARGV - 4) / 2
for i = 1, count do
  local key = prefix .. 'limits:slots:' .. ARGV[3 + i * 2]
  redis.call('zremrangebyscore', key, '-inf', now)
  local mine = redis.call('zscore', key, holder) and 1 or 0
  if redis.call('zcard', key) - mine >= tonumber(ARGV[4 + i * 2]) then return 0 end
end
for i = 1, count do
  local key = prefix .. 'limits:slots:' .. ARGV[3 + i * 2]
  redis.call('zadd', key, now + leaseMs, holder)
  -- The set lives as long as its longest lease (Redis time), never shorter.
  if redis.call('pttl', key) < leaseMs then redis.call('pexpire', key, leaseMs) end
end
return 1`);

/**
 * ARGV: prefix, now, id, reservation expiresAt, then per item: counter, limit, amount, expiresAt ('' =
 * never). Returns { 1, amounts... } or { 0, refusedBy, used, reserved }.
 */
export const reserveScript = redisScript(`${helpers}
local now, id, lapseAt = ARGV[2], ARGV[3], ARGV[4]
lapse(now)
local count = (#ARGV - 4) / 4
local amounts, names = {}, {}
for i = 1, count do
  local base = 4 + (i - 1) * 4
  local name, limit, amount = ARGV[base + 1], tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
  local values = redis.call('hmget', budgetKey(name), 'used', 'reserved')
  local used, reserved = tonumber(values[1] or '0'), tonumber(values[2] or '0')
  local remaining = round(limit - used - reserved)
  if remaining <= 0 then return { 0, i - 1, exact(used), exact(reserved) } end
  amounts[i] = math.min(math.max(0, amount), remaining)
  names[i] = name
end
local out = { 1 }
for i = 1, count do
  local base = 4 + (i - 1) * 4
  local key = budgetKey(names[i])
  local reserved = tonumber(redis.call('hget', key, 'reserved') or '0')
  redis.call('hset', key, 'reserved', exact(round(reserved + amounts[i])))
  if redis.call('hexists', key, 'used') == 0 then redis.call('hset', key, 'used', '0') end
  expireAt(key, ARGV[base + 4])
  out[#out + 1] = exact(amounts[i])
end
redis.call('set', prefix .. 'limits:res:' .. id, cjson.encode({ c = names, a = amounts }))
redis.call('zadd', prefix .. 'limits:reservations', lapseAt, id)
return out`);

/** ARGV: prefix, now, id, then per charge: counter, amount, expiresAt ('' = never). */
export const settleScript = redisScript(`${helpers}
lapse(ARGV[2])
unreserve(ARGV[3])
local count = (#ARGV - 3) / 3
for i = 1, count do
  local base = 3 + (i - 1) * 3
  local key = budgetKey(ARGV[base + 1])
  local used = tonumber(redis.call('hget', key, 'used') or '0')
  redis.call('hset', key, 'used', exact(round(used + math.max(0, tonumber(ARGV[base + 2])))))
  if redis.call('hexists', key, 'reserved') == 0 then redis.call('hset', key, 'reserved', '0') end
  expireAt(key, ARGV[base + 3])
end
return 1`);

/** ARGV: prefix, id. */
export const releaseReservationScript = redisScript(`${helpers}
unreserve(ARGV[2])
return 1`);

/** ARGV: prefix, now, counters... Returns used, reserved per counter (strings). */
export const readCountersScript = redisScript(`${helpers}
lapse(ARGV[2])
local out = {}
for i = 3, #ARGV do
  local values = redis.call('hmget', budgetKey(ARGV[i]), 'used', 'reserved')
  out[#out + 1] = values[1] or '0'
  out[#out + 1] = values[2] or '0'
end
return out`);

/** ARGV: prefix, counter, used, expiresAt ('' = never). Sets it only when absent. */
export const seedCounterScript = redisScript(`${helpers}
local key = budgetKey(ARGV[2])
if redis.call('exists', key) == 1 then return 0 end
redis.call('hset', key, 'used', exact(round(tonumber(ARGV[3]))), 'reserved', '0')
expireAt(key, ARGV[4])
return 1`);
