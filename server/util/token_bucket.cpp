#include "token_bucket.h"

#include <algorithm>
#include <cmath>

namespace natter {

void TokenBucket::refill(qint64 nowMs) {
    if (nowMs > lastMs_) {
        tokens_ = std::min(burst_, tokens_ + double(nowMs - lastMs_) * perSecond_ / 1000.0);
        lastMs_ = nowMs;
    }
}

bool TokenBucket::tryTake(qint64 nowMs) {
    refill(nowMs);
    if (tokens_ >= 1.0) {
        tokens_ -= 1.0;
        return true;
    }
    return false;
}

void TokenBucket::take(qint64 nowMs) {
    refill(nowMs);
    tokens_ = std::max(tokens_ - 1.0, -burst_);
}

void TokenBucket::refund(qint64 nowMs) {
    refill(nowMs);
    tokens_ = std::min(tokens_ + 1.0, burst_);
}

qint64 TokenBucket::msUntilAvailable(qint64 nowMs) {
    refill(nowMs);
    if (tokens_ >= 1.0) {
        return 0;
    }
    return qint64(std::ceil((1.0 - tokens_) * 1000.0 / perSecond_));
}

bool TokenBucket::isFull(qint64 nowMs) {
    refill(nowMs);
    return tokens_ >= burst_;
}

TokenBucket& TokenBucketMap::at(const QString& key, qint64 nowMs) {
    auto it = buckets_.find(key);
    if (it == buckets_.end()) {
        it = buckets_.insert(key, TokenBucket(burst_, perSecond_, nowMs));
    }
    return it.value();
}

qint64 TokenBucketMap::msUntilAvailable(const QString& key, qint64 nowMs) {
    const auto it = buckets_.find(key);
    return it == buckets_.end() ? 0 : it.value().msUntilAvailable(nowMs);
}

void TokenBucketMap::refund(const QString& key, qint64 nowMs) {
    if (const auto it = buckets_.find(key); it != buckets_.end()) {
        it.value().refund(nowMs);
    }
}

void TokenBucketMap::prune(qint64 nowMs) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        it = it.value().isFull(nowMs) ? buckets_.erase(it) : std::next(it);
    }
}

}  // namespace natter
