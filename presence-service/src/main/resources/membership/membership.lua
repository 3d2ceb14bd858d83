-- Applies membership facts to one room atomically and returns "viewers peak changed".
-- Every session keeps its latest known state (J = in, L = left) with the event time it
-- came from; an event only wins over a strictly older state (a LEFT also wins a tie), so
-- duplicates, replays and late events change nothing. Key names come from PresenceKeys.
--
-- KEYS: sessions hash, viewers set, tombstones zset, peak, gateways hash, lease index
-- ARGV: gateway-set key prefix, lease member prefix, room TTL ms, tombstone retention ms,
--       then either 'expire', gateway, gateway TTL ms
--       or 'events' followed by events in order, each: op (join|leave|heartbeat),
--       gateway, event time ms, number of sessions, the sessions
local sessionsKey, viewersKey, leftKey, peakKey, gatewaysKey, leasesKey =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local gatewaySetPrefix, leasePrefix = ARGV[1], ARGV[2]
local roomTtl, tombstoneRetention = tonumber(ARGV[3]), tonumber(ARGV[4])
local before = redis.call('SCARD', viewersKey)
local peak = tonumber(redis.call('GET', peakKey) or '0')
local touchedGateways = {}

local function nowMillis()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

local function stored(session)
  local value = redis.call('HGET', sessionsKey, session)
  if not value then
    return nil
  end
  local state, at, gw = string.match(value, '^(%a)|(%d+)|(.*)$')
  return { state = state, at = tonumber(at), gateway = gw }
end

local function present(session, at, gateway, previous)
  if previous and previous.state == 'J' and previous.gateway ~= gateway then
    redis.call('SREM', gatewaySetPrefix .. previous.gateway, session)
  end
  redis.call('HSET', sessionsKey, session, 'J|' .. at .. '|' .. gateway)
  redis.call('ZREM', leftKey, session)
  redis.call('SADD', viewersKey, session)
  redis.call('SADD', gatewaySetPrefix .. gateway, session)
end

local function absent(session, at, gateway)
  redis.call('HSET', sessionsKey, session, 'L|' .. at .. '|' .. gateway)
  redis.call('ZADD', leftKey, at, session)
  redis.call('SREM', viewersKey, session)
  redis.call('SREM', gatewaySetPrefix .. gateway, session)
end

-- Any event that is not older than what the gateway already said proves it is alive.
local function renewLease(gateway, at)
  local last = tonumber(redis.call('HGET', gatewaysKey, gateway) or '-1')
  if tonumber(at) >= last then
    redis.call('HSET', gatewaysKey, gateway, at)
    redis.call('ZADD', leasesKey, nowMillis(), leasePrefix .. gateway)
  end
end

local function join(gateway, at, session)
  local previous = stored(session)
  if previous == nil or previous.at < tonumber(at) then
    present(session, at, gateway, previous)
  end
end

local function leave(gateway, at, session)
  local previous = stored(session)
  -- A gateway only removes sessions it holds: a session that moved on keeps its new home.
  if previous == nil or (previous.gateway == gateway and (previous.at < tonumber(at)
      or (previous.at == tonumber(at) and previous.state == 'J'))) then
    absent(session, at, gateway)
  end
end

-- The gateway holds exactly the listed sessions at time `at`.
local function heartbeat(gateway, at, first, last)
  local when = tonumber(at)
  local listed = {}
  for i = first, last do
    local session = ARGV[i]
    listed[session] = true
    local previous = stored(session)
    if previous == nil or (previous.at < when
        and not (previous.state == 'J' and previous.gateway == gateway)) then
      present(session, at, gateway, previous)
    end
  end
  for _, session in ipairs(redis.call('SMEMBERS', gatewaySetPrefix .. gateway)) do
    if not listed[session] then
      local previous = stored(session)
      if previous and previous.state == 'J' and previous.gateway == gateway and previous.at < when then
        absent(session, at, gateway)
      end
    end
  end
  local forgotten = redis.call('ZRANGEBYSCORE', leftKey, '-inf', '(' .. (when - tombstoneRetention))
  for _, session in ipairs(forgotten) do
    redis.call('HDEL', sessionsKey, session)
    redis.call('ZREM', leftKey, session)
  end
end

local function expire(gateway, gatewayTtl)
  local member = leasePrefix .. gateway
  local renewed = redis.call('ZSCORE', leasesKey, member)
  if renewed and tonumber(renewed) <= nowMillis() - gatewayTtl then
    -- The tombstones carry the gateway's last word, so its own older events stay dead
    -- while anything newer it sends (it was only cut off) counts again.
    local at = redis.call('HGET', gatewaysKey, gateway) or '0'
    for _, session in ipairs(redis.call('SMEMBERS', gatewaySetPrefix .. gateway)) do
      local previous = stored(session)
      if previous and previous.state == 'J' and previous.gateway == gateway then
        absent(session, at, gateway)
      end
    end
    redis.call('DEL', gatewaySetPrefix .. gateway)
    redis.call('ZREM', leasesKey, member)
  end
end

local function notePeak()
  local viewers = redis.call('SCARD', viewersKey)
  if viewers > peak then
    peak = viewers
  end
end

if ARGV[5] == 'expire' then
  expire(ARGV[6], tonumber(ARGV[7]))
elseif ARGV[5] == 'events' then
  local i = 6
  while i <= #ARGV do
    local op, gateway, at, count = ARGV[i], ARGV[i + 1], ARGV[i + 2], tonumber(ARGV[i + 3])
    local first = i + 4
    if op == 'join' then
      join(gateway, at, ARGV[first])
    elseif op == 'leave' then
      leave(gateway, at, ARGV[first])
    elseif op == 'heartbeat' then
      heartbeat(gateway, at, first, first + count - 1)
    else
      return redis.error_reply('unknown membership op ' .. tostring(op))
    end
    renewLease(gateway, at)
    touchedGateways[gateway] = true
    notePeak()
    i = first + count
  end
else
  return redis.error_reply('unknown membership mode ' .. tostring(ARGV[5]))
end

local viewers = redis.call('SCARD', viewersKey)
redis.call('SET', peakKey, peak, 'PX', roomTtl)
for _, key in ipairs({ sessionsKey, viewersKey, leftKey, gatewaysKey }) do
  redis.call('PEXPIRE', key, roomTtl)
end
for gateway in pairs(touchedGateways) do
  redis.call('PEXPIRE', gatewaySetPrefix .. gateway, roomTtl)
end
local changed = 0
if viewers ~= before then
  changed = 1
end
return viewers .. ' ' .. peak .. ' ' .. changed
