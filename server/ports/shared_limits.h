// Token buckets shared by every node of a cluster (docs/scaling.md, "Shared limits"), so that the
// per-user message rate and the login throttle count a user's or an address's attempts wherever
// they arrive. One node has none: its buckets are its own (SpamGuard, LoginThrottle). Service
// thread only; every call is asynchronous and never blocks.
#pragma once

#include <QByteArray>
#include <QList>
#include <functional>
#include <optional>

namespace natter {

struct SharedBucket {
    enum class Mode {
        Enforce,             // refuses when it has no token
        EnforceUnlessKnown,  // as Enforce, unless the attempt's known field is set (see below)
    };
    QByteArray name;  // unique per bucket, e.g. "msg:<user id>"
    double burst = 0;
    double perSecond = 0;
    Mode mode = Mode::Enforce;
};

// One attempt: a token from each bucket, all or none.
struct SharedAttempt {
    QList<SharedBucket> buckets;
    // For EnforceUnlessKnown: the set (e.g. "known:<username>") and its member (an address key).
    QByteArray knownSet;
    QByteArray knownMember;
};

struct SharedVerdict {
    int refused = -1;  // the index of the bucket with the longest wait; -1: admitted
    qint64 retryAfterMs = 0;
    bool admitted() const { return refused < 0; }
};

class SharedLimits {
public:
    using Done = std::function<void(std::optional<SharedVerdict>)>;

    virtual ~SharedLimits() = default;
    // Takes one token of every bucket when each enforced one has one, else none. `done` gets
    // nullopt when the shared store cannot be reached: the caller decides with its own buckets.
    virtual void take(const SharedAttempt& attempt, Done done) = 0;
    // Gives one token back to each bucket, up to its burst (best effort: lost while unreachable).
    virtual void refund(const QList<SharedBucket>& buckets) = 0;
    // Makes the buckets full again (best effort).
    virtual void forget(const QList<QByteArray>& names) = 0;
    // Adds `member` to `set`, which keeps the `cap` most recent members and forgets them after
    // `forgetMs` unused (best effort).
    virtual void remember(const QByteArray& set, const QByteArray& member, int cap,
                          qint64 forgetMs) = 0;
};

}  // namespace natter
