#include "login_gate.h"

#include "protocol_limits.h"

namespace natter {
namespace {

// Which limit each bucket of sharedAttempt() stands for.
constexpr RateLimit kBucketLimits[] = {RateLimit::LoginAccountAddress, RateLimit::LoginAddress,
                                       RateLimit::LoginAccount};

QByteArray accountOf(const QString& username) {
    return QByteArrayLiteral("login:account:") + username.toUtf8();
}
QByteArray knownSetOf(const QString& username) {
    return QByteArrayLiteral("login:known:") + username.toUtf8();
}

}  // namespace

SharedAttempt LoginGate::sharedAttempt(const QString& username, const QString& address) {
    const QByteArray key = LoginThrottle::addressKey(address).toUtf8();
    const QByteArray user = username.toUtf8();
    using Mode = SharedBucket::Mode;
    return {{{"login:pair:" + key + '\n' + user, limits::kLoginFailureBurstPerAccountAddress,
              1.0 / limits::kLoginFailureRefillSecondsPerAccountAddress, Mode::Enforce},
             {"login:addr:" + key, limits::kLoginFailureBurstPerAddress,
              1.0 / limits::kLoginFailureRefillSecondsPerAddress, Mode::Enforce},
             // Known addresses pass the account bucket but still count in it.
             {accountOf(username), limits::kLoginFailureBurstPerAccount,
              1.0 / limits::kLoginFailureRefillSecondsPerAccount, Mode::EnforceUnlessKnown}},
            knownSetOf(username),
            key};
}

void LoginGate::admit(const QString& username, const QString& address, qint64 nowMs,
                      std::function<void(const LoginVerdict&)> done) {
    if (shared_ == nullptr) {
        done(local_.admit(username, address, nowMs));
        return;
    }
    shared_->take(sharedAttempt(username, address),
                  [this, username, address, nowMs, done](std::optional<SharedVerdict> verdict) {
                      if (!verdict) {
                          done(local_.admit(username, address, nowMs));  // Redis unreachable
                      } else if (verdict->admitted()) {
                          done(LoginVerdict{});
                      } else {
                          const auto index = std::size_t(verdict->refused);
                          done(LoginVerdict{verdict->retryAfterMs, index < std::size(kBucketLimits)
                                                                       ? kBucketLimits[index]
                                                                       : RateLimit::LoginAccount});
                      }
                  });
}

void LoginGate::withdraw(const QString& username, const QString& address, qint64 nowMs) {
    local_.withdraw(username, address, nowMs);
    if (shared_ != nullptr) {
        shared_->refund(sharedAttempt(username, address).buckets);
    }
}

void LoginGate::passwordAccepted(const QString& username, const QString& address, qint64 nowMs) {
    local_.passwordAccepted(username, address, nowMs);
    if (shared_ != nullptr) {
        const SharedAttempt attempt = sharedAttempt(username, address);
        shared_->forget({attempt.buckets[0].name});
        shared_->refund(attempt.buckets.mid(1));
        shared_->remember(attempt.knownSet, attempt.knownMember, limits::kKnownAddressesPerAccount,
                          LoginThrottle::kKnownAddressForgetMs);
    }
}

void LoginGate::rememberAddress(const QString& username, const QString& address, qint64 nowMs) {
    local_.rememberAddress(username, address, nowMs);
    if (shared_ != nullptr) {
        shared_->remember(knownSetOf(username), LoginThrottle::addressKey(address).toUtf8(),
                          limits::kKnownAddressesPerAccount, LoginThrottle::kKnownAddressForgetMs);
    }
}

}  // namespace natter
