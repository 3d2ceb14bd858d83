-- Lease members (room|gateway) not renewed for longer than the gateway TTL, by Redis time
-- so that presence instances with skewed clocks agree. Newline-separated.
-- KEYS: lease index. ARGV: gateway TTL ms, max members.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local members = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]), 'LIMIT', 0, tonumber(ARGV[2]))
return table.concat(members, '\n')
