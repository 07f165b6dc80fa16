#include "login_throttle.h"

#include "protocol_limits.h"

namespace natter {
namespace {

TokenBucket& bucketIn(QHash<QString, TokenBucket>& buckets, const QString& key, double burst,
                      double refillSeconds, qint64 nowMs) {
    auto it = buckets.find(key);
    if (it == buckets.end()) {
        it = buckets.insert(key, TokenBucket(burst, 1.0 / refillSeconds, nowMs));
    }
    return it.value();
}

void pruneFull(QHash<QString, TokenBucket>& buckets, qint64 nowMs) {
    for (auto it = buckets.begin(); it != buckets.end();) {
        it = it.value().isFull(nowMs) ? buckets.erase(it) : std::next(it);
    }
}

}  // namespace

TokenBucket& LoginThrottle::accountBucket(const QString& username, qint64 nowMs) {
    return bucketIn(byAccount_, username, limits::kLoginFailureBurstPerAccount,
                    limits::kLoginFailureRefillSecondsPerAccount, nowMs);
}

TokenBucket& LoginThrottle::addressBucket(const QString& address, qint64 nowMs) {
    return bucketIn(byAddress_, address, limits::kLoginFailureBurstPerAddress,
                    limits::kLoginFailureRefillSecondsPerAddress, nowMs);
}

qint64 LoginThrottle::retryAfterMs(const QString& username, const QString& address, qint64 nowMs) {
    const auto account = byAccount_.find(username);
    const auto peer = byAddress_.find(address);
    qint64 wait = 0;
    if (account != byAccount_.end()) {
        wait = qMax(wait, account.value().msUntilAvailable(nowMs));
    }
    if (peer != byAddress_.end()) {
        wait = qMax(wait, peer.value().msUntilAvailable(nowMs));
    }
    return wait;
}

void LoginThrottle::recordFailure(const QString& username, const QString& address, qint64 nowMs) {
    accountBucket(username, nowMs).take(nowMs);
    addressBucket(address, nowMs).take(nowMs);
}

void LoginThrottle::prune(qint64 nowMs) {
    pruneFull(byAccount_, nowMs);
    pruneFull(byAddress_, nowMs);
}

}  // namespace natter
