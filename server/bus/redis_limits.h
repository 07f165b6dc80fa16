// The SharedLimits of a cluster: token buckets in Redis, one hash per bucket (tokens `t` and the
// time `ms` of that level, with a TTL of the time it takes to fill up again: a full bucket is a
// missing key). Each check is one EVALSHA of a Lua script that takes the tokens of an attempt's
// buckets together, all or none, with Redis's clock (TIME), so the nodes' clocks do not matter.
// Service thread only (docs/scaling.md, "Shared limits").
#pragma once

#include "ports/shared_limits.h"

namespace natter {

class RedisConnection;

class RedisLimits : public SharedLimits {
public:
    // Every bucket and known set is this prefix plus its name.
    static constexpr const char* kKeyPrefix = "natter:limit:";

    explicit RedisLimits(RedisConnection& commands) : commands_(commands) {}

    void take(const SharedAttempt& attempt, Done done) override;
    void refund(const QList<SharedBucket>& buckets) override;
    void forget(const QList<QByteArray>& names) override;
    void remember(const QByteArray& set, const QByteArray& member, int cap,
                  qint64 forgetMs) override;

private:
    RedisConnection& commands_;
};

}  // namespace natter
