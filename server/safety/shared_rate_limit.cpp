#include "shared_rate_limit.h"

namespace natter {

SharedRateLimit::SharedRateLimit(QByteArray name, double burst, double perSecond)
    : name_(std::move(name)), burst_(burst), perSecond_(perSecond), local_(burst, perSecond) {}

SharedBucket SharedRateLimit::sharedBucket(const QString& key) const {
    return {name_ + ':' + key.toUtf8(), burst_, perSecond_, SharedBucket::Mode::Enforce};
}

RateVerdict SharedRateLimit::takeLocally(const QString& key, qint64 nowMs) {
    TokenBucket& bucket = local_.at(key, nowMs);
    if (bucket.tryTake(nowMs)) {
        return {true, 0, false};
    }
    return {false, bucket.msUntilAvailable(nowMs), false};
}

void SharedRateLimit::take(const QString& key, qint64 nowMs,
                           std::function<void(const RateVerdict&)> done) {
    if (shared_ == nullptr) {
        done(takeLocally(key, nowMs));
        return;
    }
    shared_->take({{sharedBucket(key)}, {}, {}},
                  [this, key, nowMs, done](std::optional<SharedVerdict> verdict) {
                      if (!verdict) {
                          done(takeLocally(key, nowMs));  // Redis unreachable: this node decides
                          return;
                      }
                      done({verdict->admitted(), verdict->retryAfterMs, true});
                  });
}

void SharedRateLimit::refund(const QString& key, const RateVerdict& verdict, qint64 nowMs) {
    if (!verdict.admitted) {
        return;
    }
    if (verdict.shared && shared_ != nullptr) {
        shared_->refund({sharedBucket(key)});
    } else {
        local_.refund(key, nowMs);
    }
}

}  // namespace natter
