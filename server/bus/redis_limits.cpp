#include "redis_limits.h"

#include <hiredis/hiredis.h>

#include "redis_connection.h"
#include "redis_script.h"
#include "util/log.h"

namespace natter {
namespace {

// now: Redis's clock in ms. level: a bucket's tokens now (a missing key is a full bucket).
// keep: writes a level, with a TTL of the time to fill up (full: the key goes).
const QByteArray kBucketHelpers = QByteArrayLiteral(R"lua(
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local function level(key, burst, perMs)
  local state = redis.call('HMGET', key, 't', 'ms')
  local tokens = tonumber(state[1])
  if not tokens then return burst end
  local since = now - tonumber(state[2])
  if since > 0 then tokens = math.min(burst, tokens + since * perMs) end
  return tokens
end
local function keep(key, tokens, burst, perMs)
  if tokens >= burst then redis.call('DEL', key) return end
  redis.call('HSET', key, 't', tostring(tokens), 'ms', now)
  redis.call('PEXPIRE', key, math.ceil((burst - tokens) / perMs) + 1000)
end
)lua");

// KEYS: the buckets, then the known set (when ARGV[2] is not empty). ARGV: bucket count, known
// member, then burst, tokens per ms, mode (e: enforce, k: enforce unless known)
// per bucket. Returns {-1, 0} (taken) or {index of the refusing bucket, ms to wait}.
const RedisScript kTakeScript(kBucketHelpers + QByteArrayLiteral(R"lua(
local n = tonumber(ARGV[1])
local known = ARGV[2] ~= '' and redis.call('HEXISTS', KEYS[n + 1], ARGV[2]) == 1
local levels, worst, wait = {}, -1, 0
for i = 1, n do
  local burst, perMs, mode = tonumber(ARGV[3 * i]), tonumber(ARGV[3 * i + 1]), ARGV[3 * i + 2]
  levels[i] = level(KEYS[i], burst, perMs)
  if levels[i] < 1 and (mode == 'e' or (mode == 'k' and not known)) then
    local ms = math.ceil((1 - levels[i]) / perMs)
    if ms > wait then worst, wait = i - 1, ms end
  end
end
if worst >= 0 then return {worst, wait} end
for i = 1, n do
  local burst, perMs = tonumber(ARGV[3 * i]), tonumber(ARGV[3 * i + 1])
  keep(KEYS[i], math.max(levels[i] - 1, -burst), burst, perMs)
end
return {-1, 0}
)lua"));

// KEYS: buckets. ARGV: burst, tokens per ms per bucket. One token back to each, up to its burst.
const RedisScript kRefundScript(kBucketHelpers + QByteArrayLiteral(R"lua(
for i = 1, #KEYS do
  local burst, perMs = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
  keep(KEYS[i], math.min(burst, level(KEYS[i], burst, perMs) + 1), burst, perMs)
end
return 0
)lua"));

// KEYS: the set (a hash member -> when last remembered). ARGV: member, cap, forget after (ms).
// Drops members unused for that long, then the oldest beyond the cap.
const RedisScript kRememberScript(kBucketHelpers + QByteArrayLiteral(R"lua(
redis.call('HSET', KEYS[1], ARGV[1], now)
local entries = redis.call('HGETALL', KEYS[1])
local count, oldest, oldestAt = #entries / 2, nil, nil
for i = 1, #entries, 2 do
  local at = tonumber(entries[i + 1])
  if at < now - tonumber(ARGV[3]) then
    redis.call('HDEL', KEYS[1], entries[i])
    count = count - 1
  elseif not oldestAt or at < oldestAt then
    oldest, oldestAt = entries[i], at
  end
end
if count > tonumber(ARGV[2]) then redis.call('HDEL', KEYS[1], oldest) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 0
)lua"));

QByteArray keyOf(const QByteArray& name) {
    return RedisLimits::kKeyPrefix + name;
}

QByteArray modeOf(SharedBucket::Mode mode) {
    switch (mode) {
        case SharedBucket::Mode::Enforce:
            return QByteArrayLiteral("e");
        case SharedBucket::Mode::EnforceUnlessKnown:
            return QByteArrayLiteral("k");
    }
    return QByteArrayLiteral("e");
}

QByteArray perMs(const SharedBucket& bucket) {
    return QByteArray::number(bucket.perSecond / 1000.0, 'g', 17);
}

}  // namespace

void RedisLimits::take(const SharedAttempt& attempt, Done done) {
    QList<QByteArray> keys;
    QList<QByteArray> args{QByteArray::number(attempt.buckets.size()), attempt.knownMember};
    for (const SharedBucket& bucket : attempt.buckets) {
        keys << keyOf(bucket.name);
        args << QByteArray::number(bucket.burst, 'g', 17) << perMs(bucket) << modeOf(bucket.mode);
    }
    if (!attempt.knownMember.isEmpty()) {
        keys << keyOf(attempt.knownSet);
    }
    const bool sent = kTakeScript.run(commands_, keys, args, [done](const redisReply* reply) {
        if (reply == nullptr || reply->type != REDIS_REPLY_ARRAY || reply->elements != 2) {
            if (reply != nullptr) {
                log::warning("cluster.limit_script_failed");
            }
            done(std::nullopt);
            return;
        }
        done(SharedVerdict{int(reply->element[0]->integer), reply->element[1]->integer});
    });
    if (!sent) {
        done(std::nullopt);
    }
}

void RedisLimits::refund(const QList<SharedBucket>& buckets) {
    QList<QByteArray> keys;
    QList<QByteArray> args;
    for (const SharedBucket& bucket : buckets) {
        keys << keyOf(bucket.name);
        args << QByteArray::number(bucket.burst, 'g', 17) << perMs(bucket);
    }
    kRefundScript.run(commands_, keys, args);
}

void RedisLimits::forget(const QList<QByteArray>& names) {
    QList<QByteArray> command{QByteArrayLiteral("DEL")};
    for (const QByteArray& name : names) {
        command << keyOf(name);
    }
    commands_.command(command);
}

void RedisLimits::remember(const QByteArray& set, const QByteArray& member, int cap,
                           qint64 forgetMs) {
    kRememberScript.run(commands_, {keyOf(set)},
                        {member, QByteArray::number(cap), QByteArray::number(forgetMs)});
}

}  // namespace natter
