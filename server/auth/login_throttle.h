// Limits failed logins per account and per client address (docs/protocol.md section 2), so a
// password cannot be guessed quickly. Only failures consume the budget. Lives on the service
// thread.
#pragma once

#include <QHash>
#include <QString>

#include "util/token_bucket.h"

namespace natter {

class LoginThrottle {
public:
    // 0 when an attempt may proceed, otherwise how long until it may.
    qint64 retryAfterMs(const QString& username, const QString& address, qint64 nowMs);
    void recordFailure(const QString& username, const QString& address, qint64 nowMs);
    // Forgets buckets that have refilled completely; call now and then to bound memory.
    void prune(qint64 nowMs);

private:
    TokenBucket& accountBucket(const QString& username, qint64 nowMs);
    TokenBucket& addressBucket(const QString& address, qint64 nowMs);

    QHash<QString, TokenBucket> byAccount_;
    QHash<QString, TokenBucket> byAddress_;
};

}  // namespace natter
