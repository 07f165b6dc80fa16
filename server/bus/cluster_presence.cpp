#include "cluster_presence.h"

#include <hiredis/hiredis.h>

#include <QDateTime>
#include <QTimer>

#include "cluster_keys.h"
#include "node_messages.h"
#include "redis_connection.h"
#include "redis_script.h"
#include "util/log.h"

namespace natter {
namespace {

// Shared by the scripts below. leaveUser: the node's field goes; when it was the user's last node
// and no grace period runs yet, one starts (returns 1). usersOf: the user ids of a session hash.
const QByteArray kHelpers = QByteArrayLiteral(R"lua(
local function leaveUser(userKey, field, graceKey, user, now, deadline)
  if redis.call('HDEL', userKey, field) == 0 then return 0 end
  for _, name in ipairs(redis.call('HKEYS', userKey)) do
    if string.sub(name, 1, 2) == 'n:' then return 0 end
  end
  if redis.call('ZSCORE', graceKey, user) then return 0 end
  redis.call('HSET', userKey, 'gone', now)
  redis.call('ZADD', graceKey, deadline, user)
  return 1
end
local function usersOf(sessionsKey)
  local users = {}
  for _, name in ipairs(redis.call('HKEYS', sessionsKey)) do
    local user = string.match(name, '^(%d+):')
    if user then users[user] = true end
  end
  return users
end
)lua");

// KEYS: node's session hash, user's hash, grace set. ARGV: session field, session count, version,
// node field, user's connections here, user id, now, grace end.
// Returns 1: first connection anywhere (announce online); 2: last one gone (grace started).
const RedisScript kSessionScript(kHelpers + QByteArrayLiteral(R"lua(
if tonumber(ARGV[2]) > 0 then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], 'v', ARGV[3])
else
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('HSET', KEYS[1], 'v', ARGV[3])
end
if tonumber(ARGV[5]) > 0 then
  local known = redis.call('EXISTS', KEYS[2])
  redis.call('HSET', KEYS[2], ARGV[4], ARGV[5])
  redis.call('HDEL', KEYS[2], 'gone')
  redis.call('ZREM', KEYS[3], ARGV[6])
  if known == 0 then return 1 end
  return 0
end
if leaveUser(KEYS[2], ARGV[4], KEYS[3], ARGV[6], ARGV[7], ARGV[8]) == 1 then return 2 end
return 0
)lua"));

// KEYS: grace set. ARGV: now, user key prefix, batch. Returns user id, gone-at pairs: the users
// whose grace period is over, now offline (each returned by exactly one run).
const RedisScript kExpireScript(QByteArrayLiteral(R"lua(
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local out = {}
for _, user in ipairs(due) do
  redis.call('ZREM', KEYS[1], user)
  local key = ARGV[2] .. user
  local gone = redis.call('HGET', key, 'gone')
  if redis.call('HLEN', key) <= 1 then
    redis.call('DEL', key)
    out[#out + 1] = user
    out[#out + 1] = gone or ARGV[1]
  end
end
return out
)lua"));

// KEYS: node set, the node's alive key, its session hash, grace set. ARGV: node id, node field,
// now, grace end, user key prefix, leaving (1: the node itself, cleanly). Returns -1 when the node
// lives or another node cleaned up already, else how many users started a grace period.
const RedisScript kForgetScript(kHelpers + QByteArrayLiteral(R"lua(
local leaving = ARGV[6] == '1'
if not leaving and redis.call('EXISTS', KEYS[2]) == 1 then return -1 end
if redis.call('SREM', KEYS[1], ARGV[1]) == 0 and not leaving then return -1 end
redis.call('DEL', KEYS[2])
local moved = 0
for user in pairs(usersOf(KEYS[3])) do
  moved = moved + leaveUser(ARGV[5] .. user, ARGV[2], KEYS[4], user, ARGV[3], ARGV[4])
end
redis.call('DEL', KEYS[3])
return moved
)lua"));

// KEYS: the node's session hash (as before the rejoin), grace set. ARGV: node field, now, grace
// end, user key prefix, then user id, connections pairs of the users the node holds.
const RedisScript kRejoinScript(kHelpers + QByteArrayLiteral(R"lua(
local held = {}
for i = 5, #ARGV, 2 do
  local key = ARGV[4] .. ARGV[i]
  redis.call('HSET', key, ARGV[1], ARGV[i + 1])
  redis.call('HDEL', key, 'gone')
  redis.call('ZREM', KEYS[2], ARGV[i])
  held[ARGV[i]] = true
end
for user in pairs(usersOf(KEYS[1])) do
  if not held[user] then
    leaveUser(ARGV[4] .. user, ARGV[1], KEYS[2], user, ARGV[2], ARGV[3])
  end
end
return 0
)lua"));

// KEYS: user hashes. Returns 1 or 0 for each: whether it exists.
const RedisScript kOnlineScript(QByteArrayLiteral(R"lua(
local out = {}
for i, key in ipairs(KEYS) do out[i] = redis.call('EXISTS', key) end
return out
)lua"));

QByteArray number(qint64 value) {
    return QByteArray::number(value);
}

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

}  // namespace

ClusterPresence::ClusterPresence(RedisConnection& commands, quint32 node, int offlineGraceMs,
                                 QObject* parent)
    : QObject(parent), commands_(commands), node_(node), offlineGraceMs_(offlineGraceMs) {}

void ClusterPresence::sessionChanged(const Identity& identity, qint64 sessionCount,
                                     qint64 userCount, quint64 version) {
    const qint64 now = nowMs();
    kSessionScript.run(
        commands_,
        {cluster_key::sessions(node_), cluster_key::user(identity.userId),
         cluster_key::kPresenceGrace},
        {node_message::sessionField(identity.userId, identity.sessionId), number(sessionCount),
         QByteArray::number(version), cluster_key::nodeField(node_), number(userCount),
         number(identity.userId), number(now), number(now + offlineGraceMs_)},
        [this, identity](const redisReply* reply) {
            if (reply == nullptr || reply->type != REDIS_REPLY_INTEGER) {
                if (reply != nullptr) {
                    log::warning("cluster.presence_script_failed");
                }
                return;
            }
            if (reply->integer == 1) {
                emit cameOnline(identity);
            } else if (reply->integer == 2) {
                startGraceTimer(identity.userId);
            }
        });
}

void ClusterPresence::rejoin(const QHash<qint64, qint64>& userCounts) {
    const qint64 now = nowMs();
    QList<QByteArray> args{cluster_key::nodeField(node_), number(now),
                           number(now + offlineGraceMs_), cluster_key::kUserPrefix};
    for (auto it = userCounts.cbegin(); it != userCounts.cend(); ++it) {
        args << number(it.key()) << number(it.value());
    }
    kRejoinScript.run(commands_, {cluster_key::sessions(node_), cluster_key::kPresenceGrace}, args);
}

void ClusterPresence::forgetNode(quint32 node, bool leaving, std::function<void(bool)> cleaned) {
    const qint64 now = nowMs();
    // A dead node's users had their grace period while its alive key ran out: offline at once.
    const qint64 graceEnd = leaving ? now + offlineGraceMs_ : now;
    // A leaving node sends this as it shuts down and may never read the reply, so a NOSCRIPT
    // could not be retried: the text goes at once.
    const auto run = leaving ? &RedisScript::runWithText : &RedisScript::run;
    (kForgetScript.*run)(commands_,
                         {cluster_key::kNodes, cluster_key::alive(node),
                          cluster_key::sessions(node), cluster_key::kPresenceGrace},
                         {number(node), cluster_key::nodeField(node), number(now), number(graceEnd),
                          cluster_key::kUserPrefix, leaving ? "1" : "0"},
                         [this, cleaned = std::move(cleaned)](const redisReply* reply) {
                             const bool done = reply != nullptr &&
                                               reply->type == REDIS_REPLY_INTEGER &&
                                               reply->integer >= 0;
                             if (done && reply->integer > 0) {
                                 expireDue();
                             }
                             if (cleaned) {
                                 cleaned(done);
                             }
                         });
}

void ClusterPresence::expireDue() {
    kExpireScript.run(commands_, {cluster_key::kPresenceGrace},
                      {number(nowMs()), cluster_key::kUserPrefix, number(kExpireBatch)},
                      [this](const redisReply* reply) {
                          const QList<QByteArray> pairs = replyElements(reply);
                          for (qsizetype i = 0; i + 1 < pairs.size(); i += 2) {
                              const qint64 userId = pairs[i].toLongLong();
                              if (QTimer* timer = graceTimers_.take(userId)) {
                                  timer->deleteLater();
                              }
                              emit wentOffline(userId, pairs[i + 1].toLongLong());
                          }
                          if (pairs.size() / 2 == kExpireBatch) {
                              expireDue();  // a full batch: more may be due
                          }
                      });
}

void ClusterPresence::onlineAmong(const QList<qint64>& userIds,
                                  std::function<void(std::optional<QSet<qint64>>)> done) {
    if (userIds.isEmpty()) {
        done(QSet<qint64>());
        return;
    }
    QList<QByteArray> keys;
    for (qint64 userId : userIds) {
        keys << cluster_key::user(userId);
    }
    const bool sent =
        kOnlineScript.run(commands_, keys, {}, [userIds, done](const redisReply* reply) {
            if (reply == nullptr || reply->type != REDIS_REPLY_ARRAY ||
                reply->elements != size_t(userIds.size())) {
                done(std::nullopt);
                return;
            }
            QSet<qint64> online;
            for (size_t i = 0; i < reply->elements; ++i) {
                if (reply->element[i]->integer == 1) {
                    online.insert(userIds[qsizetype(i)]);
                }
            }
            done(online);
        });
    if (!sent) {
        done(std::nullopt);
    }
}

// The normal path: the node where the last connection went takes the user offline when the grace
// period ends. Any node's heartbeat does it later if this node is gone by then.
void ClusterPresence::startGraceTimer(qint64 userId) {
    if (QTimer* old = graceTimers_.take(userId)) {
        old->deleteLater();
    }
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);  // a coarse timer may fire up to 5% early
    connect(timer, &QTimer::timeout, this, [this, userId] {
        if (QTimer* done = graceTimers_.take(userId)) {
            done->deleteLater();
        }
        expireDue();
    });
    graceTimers_.insert(userId, timer);
    timer->start(offlineGraceMs_);
}

}  // namespace natter
