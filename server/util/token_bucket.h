// A token bucket: `burst` tokens, refilled at `perSecond`. Used for request, login and
// registration limits.
#pragma once

#include <QHash>
#include <QString>
#include <QtGlobal>

namespace natter {

class TokenBucket {
public:
    TokenBucket(double burst, double perSecond, qint64 nowMs)
        : burst_(burst), perSecond_(perSecond), tokens_(burst), lastMs_(nowMs) {}

    bool tryTake(qint64 nowMs);
    void take(qint64 nowMs);    // may go below zero: punishes further attempts
    void refund(qint64 nowMs);  // gives one token back, up to the burst
    // 0 when a token is available now.
    qint64 msUntilAvailable(qint64 nowMs);
    bool isFull(qint64 nowMs);

private:
    void refill(qint64 nowMs);

    double burst_;
    double perSecond_;
    double tokens_;
    qint64 lastMs_;
};

// One bucket per key (an address, an account, ...), all with the same burst and rate, created
// full on first use. Buckets that refilled completely carry no information: prune() drops them.
class TokenBucketMap {
public:
    TokenBucketMap(double burst, double perSecond) : burst_(burst), perSecond_(perSecond) {}

    TokenBucket& at(const QString& key, qint64 nowMs);
    // 0 when the key has a token now (keys never seen have a full bucket).
    qint64 msUntilAvailable(const QString& key, qint64 nowMs);
    void refund(const QString& key, qint64 nowMs);
    void forget(const QString& key) { buckets_.remove(key); }
    void prune(qint64 nowMs);
    qsizetype size() const { return buckets_.size(); }

private:
    double burst_;
    double perSecond_;
    QHash<QString, TokenBucket> buckets_;
};

}  // namespace natter
