// One token bucket per key (a client address, a user), all with the same burst and rate, for a
// limit that must hold across the nodes of a cluster (docs/scaling.md, "Shared limits"): with
// SharedLimits (Redis) the bucket every node shares decides; on one node, or while the shared
// store cannot be reached, this node's own bucket does (the limit then holds per node). Used for
// the registration limit per address and the message-search budget per user. Service thread only.
#pragma once

#include <QByteArray>
#include <QString>
#include <functional>

#include "ports/shared_limits.h"
#include "util/token_bucket.h"

namespace natter {

// The answer to one attempt. `shared`: the token came from (or was refused by) the shared bucket.
struct RateVerdict {
    bool admitted = false;
    qint64 retryAfterMs = 0;  // when refused: how long until a token is there
    bool shared = false;
};

class SharedRateLimit {
public:
    // `name` prefixes the shared buckets' names ("<name>:<key>"), so it must be unique per limit.
    SharedRateLimit(QByteArray name, double burst, double perSecond);

    // From now on the shared buckets decide (null: this node's own). Set before serving.
    void share(SharedLimits* shared) { shared_ = shared; }

    // Takes a token of `key`'s bucket or refuses; `done` may run before this returns.
    void take(const QString& key, qint64 nowMs, std::function<void(const RateVerdict&)> done);
    // Gives the token of an admitted attempt back to the bucket it came from (best effort).
    void refund(const QString& key, const RateVerdict& verdict, qint64 nowMs);
    // Forgets this node's full buckets (shared ones expire in Redis by themselves).
    void prune(qint64 nowMs) { local_.prune(nowMs); }

private:
    RateVerdict takeLocally(const QString& key, qint64 nowMs);
    SharedBucket sharedBucket(const QString& key) const;

    QByteArray name_;
    double burst_;
    double perSecond_;
    TokenBucketMap local_;
    SharedLimits* shared_ = nullptr;
};

}  // namespace natter
