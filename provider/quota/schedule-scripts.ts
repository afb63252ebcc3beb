/**
 * The shared schedule's three steps as Redis Lua scripts, each run atomically by the server:
 * reserve a slot, report a throttle, report an answer. They are the adaptive limiter's arithmetic
 * (provider/retry/rate-limiter.ts) over state kept in Redis, timed by the server's clock (`TIME`).
 *
 * KEYS[1] is the schedule's hash, KEYS[2] its sorted set of recent slot send times (to measure the
 * rate achieved over the last window), KEYS[3] the processes that reserved lately (by a random id
 * per process, to tell each its share should it have to pace alone). All carry the account in a
 * `{hash tag}` so a Redis Cluster keeps them on one node. ARGV: idle TTL ms, burst window ms,
 * measuring window ms, CUBIC beta, CUBIC scale, ceiling, floor, the time (ms) or "" for the server's
 * `TIME`, then the step's own arguments. Production always passes "": one clock for every process.
 * A given time lets a test run the schedule in virtual time, step for step beside the local limiter.
 *
 * Numbers go to Redis as `%.17g` text (Lua's default keeps only 14 digits, which would round
 * millisecond timestamps), and come back as text for the same reason.
 */

const PRELUDE = `
redis.replicate_commands()
local stateKey, slotsKey, clientsKey = KEYS[1], KEYS[2], KEYS[3]
local ttl, burstMs, windowMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local beta, scale, ceiling, floor = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local now = tonumber(ARGV[8])
if now == nil then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
local function fmt(x) return string.format('%.17g', x) end
local FIELDS = {'rate', 'ceiling', 'floor', 'epoch', 'tat', 'lastMax', 'lastCutAt', 'k', 'answered', 'firstSlotAt', 'seq', 'rejoinedAt'}
local values = redis.call('HMGET', stateKey, unpack(FIELDS))
local s = {}
for i, name in ipairs(FIELDS) do s[name] = tonumber(values[i]) end
if s.rate == nil then
  s.rate, s.ceiling, s.floor, s.epoch = ceiling, ceiling, math.min(floor, ceiling), 0
  s.lastMax, s.answered, s.seq = ceiling, 0, 0
end
local function clamp(rate) return math.min(s.ceiling, math.max(s.floor, rate)) end
if ceiling < s.ceiling then
  s.ceiling = ceiling
  s.floor = math.min(s.floor, ceiling)
  s.lastMax = math.min(s.lastMax, ceiling)
  s.rate = clamp(s.rate)
end
local function burstTolerance(interval) return math.max(0, burstMs - interval) end
local function save()
  local args = {}
  for _, name in ipairs(FIELDS) do
    if s[name] ~= nil then
      args[#args + 1] = name
      args[#args + 1] = fmt(s[name])
    end
  end
  redis.call('HSET', stateKey, unpack(args))
  redis.call('PEXPIRE', stateKey, ttl)
  if redis.call('EXISTS', slotsKey) == 1 then redis.call('PEXPIRE', slotsKey, ttl) end
end
`;

/**
 * ARGV[9]: the most the caller can wait, ms; ARGV[10]: the process's id; ARGV[11]: how long a process
 * counts as active after its last reservation, ms; ARGV[12]: "1" when the caller paced calls by its own
 * limiter since its last slot here (the store was away: restarted empty, failed over, unreachable).
 * Returns {taken 0|1, waitMs, epoch, rate, processes}.
 *
 * A rejoining caller's calls used the service's bucket without this schedule seeing them, so the
 * schedule grants it no burst (its next slot is at once, the following ones one interval apart, as
 * after a cut), and it notes when (`rejoinedAt`): see THROTTLE_SCRIPT.
 */
export const RESERVE_SCRIPT = `${PRELUDE}
local maxWait = tonumber(ARGV[9])
local rejoining = ARGV[12] == '1'
if rejoining then s.rejoinedAt = now end
redis.call('ZADD', clientsKey, fmt(now), ARGV[10])
redis.call('ZREMRANGEBYSCORE', clientsKey, '-inf', fmt(now - tonumber(ARGV[11])))
redis.call('PEXPIRE', clientsKey, ttl)
local processes = redis.call('ZCARD', clientsKey)
local interval = 1000 / s.rate
local tat = s.tat or -math.huge
if rejoining then tat = math.max(tat, now + burstTolerance(interval)) end
local sendAt = math.max(now, tat - burstTolerance(interval))
local wait = sendAt - now
if wait > maxWait then
  save()
  return {0, fmt(wait), s.epoch, fmt(s.rate), processes}
end
s.tat = math.max(tat, sendAt) + interval
s.seq = s.seq + 1
redis.call('ZADD', slotsKey, fmt(sendAt), s.seq)
redis.call('ZREMRANGEBYSCORE', slotsKey, '-inf', fmt(now - windowMs))
if s.firstSlotAt == nil then s.firstSlotAt = sendAt end
save()
if wait < 0.001 then wait = 0 end
return {1, fmt(wait), s.epoch, fmt(s.rate), processes}
`;

/**
 * ARGV[9]: the epoch the throttled call was reserved in. Returns {cut 0|1, epoch, rate}.
 *
 * The cut starts from the lowest of the rate, the rate measured over the last window and the rate
 * granted since the last cut, except where this schedule's counts miss calls a rejoining process
 * paced alone: the measured rate while a rejoin lies within the window, the granted rate when a
 * process rejoined since the last cut. Those counts would then be too low and cut the shared rate
 * far below the quota (a bench run: 30/s cut to about 10/s, then 5 s of CUBIC climbing back).
 *
 * And while processes rejoin (one did within the window), it cuts at most once per window: until the
 * last of them is back on the schedule, those still pacing alone keep the service's bucket empty, so
 * each new epoch's first calls meet a throttle that tells of the rejoining, not of the quota, and
 * cutting on each cut again and again (in a bench run, 30/s fell to about 11/s in one second).
 */
export const THROTTLE_SCRIPT = `${PRELUDE}
local epoch = tonumber(ARGV[9])
if epoch < s.epoch then return {0, s.epoch, fmt(s.rate)} end
local rejoinedAt = s.rejoinedAt or -math.huge
if rejoinedAt > now - windowMs and s.lastCutAt ~= nil and s.lastCutAt > now - windowMs then
  return {0, s.epoch, fmt(s.rate)}
end
local granted = math.huge
if s.lastCutAt ~= nil and now > s.lastCutAt and s.answered > 0 and rejoinedAt < s.lastCutAt then
  granted = s.answered * 1000 / (now - s.lastCutAt)
end
s.answered = 0
local since = now - windowMs
redis.call('ZREMRANGEBYSCORE', slotsKey, '-inf', fmt(since))
local measured = s.rate
if s.firstSlotAt ~= nil and s.firstSlotAt <= since and rejoinedAt <= since then
  measured = redis.call('ZCOUNT', slotsKey, '(' .. fmt(since), fmt(now)) * 1000 / windowMs
end
-- The slots still ahead are void (their holders reserve again): never sent, so never counted.
redis.call('ZREMRANGEBYSCORE', slotsKey, '(' .. fmt(now), '+inf')
local lastMax = math.max(s.floor, math.min(measured, s.rate, granted))
s.lastMax = lastMax
s.k = (lastMax * (1 - beta) / scale) ^ (1 / 3)
s.lastCutAt = now
s.rate = clamp(lastMax * beta)
s.epoch = s.epoch + 1
local interval = 1000 / s.rate
s.tat = now + burstTolerance(interval) + interval
save()
return {1, s.epoch, fmt(s.rate)}
`;

/** Returns {epoch, rate}. */
export const ANSWER_SCRIPT = `${PRELUDE}
s.answered = s.answered + 1
if s.lastCutAt ~= nil then
  local elapsed = (now - s.lastCutAt) / 1000
  s.rate = clamp(scale * (elapsed - s.k) ^ 3 + s.lastMax)
end
save()
return {s.epoch, fmt(s.rate)}
`;
