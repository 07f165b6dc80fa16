// A token bucket: `burst` tokens, refilled at `perSecond`. Used for request and login-failure
// limits.
#pragma once

#include <QtGlobal>

namespace natter {

class TokenBucket {
public:
    TokenBucket(double burst, double perSecond, qint64 nowMs)
        : burst_(burst), perSecond_(perSecond), tokens_(burst), lastMs_(nowMs) {}

    bool tryTake(qint64 nowMs);
    void take(qint64 nowMs);  // may go below zero: punishes further attempts
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

}  // namespace natter
