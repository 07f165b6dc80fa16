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

}  // namespace natter
