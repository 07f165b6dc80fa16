#include "login_throttle.h"

#include <QHostAddress>
#include <algorithm>

#include "protocol_limits.h"

namespace natter {
namespace {

// Keeps the most recently used kKnownAddressesPerAccount entries.
void capKnown(QHash<QString, qint64>& addresses) {
    while (addresses.size() > limits::kKnownAddressesPerAccount) {
        addresses.erase(std::min_element(addresses.begin(), addresses.end()));
    }
}

}  // namespace

LoginThrottle::LoginThrottle()
    : byAccountAddress_(limits::kLoginFailureBurstPerAccountAddress,
                        1.0 / limits::kLoginFailureRefillSecondsPerAccountAddress),
      byAddress_(limits::kLoginFailureBurstPerAddress,
                 1.0 / limits::kLoginFailureRefillSecondsPerAddress),
      byAccount_(limits::kLoginFailureBurstPerAccount,
                 1.0 / limits::kLoginFailureRefillSecondsPerAccount) {}

QString LoginThrottle::addressKey(const QString& address) {
    const QHostAddress parsed(address);
    if (parsed.isNull()) {
        return address;
    }
    bool isV4 = false;
    const quint32 v4 = parsed.toIPv4Address(&isV4);
    if (isV4) {
        return QHostAddress(v4).toString();
    }
    Q_IPV6ADDR bytes = parsed.toIPv6Address();
    std::fill(std::begin(bytes.c) + 8, std::end(bytes.c), quint8(0));
    return QHostAddress(bytes).toString() + QStringLiteral("/64");
}

QString LoginThrottle::pairKey(const QString& username, const QString& key) {
    return username + u'\n' + key;
}

bool LoginThrottle::isKnownAddress(const QString& username, const QString& address) const {
    const auto account = known_.constFind(username);
    return account != known_.cend() && account->contains(addressKey(address));
}

LoginVerdict LoginThrottle::verdictFor(const QString& username, const QString& key, qint64 nowMs) {
    LoginVerdict verdict;
    const auto consider = [&](RateLimit limit, qint64 waitMs) {
        if (waitMs > verdict.retryAfterMs) {
            verdict = {waitMs, limit};
        }
    };
    consider(RateLimit::LoginAccountAddress,
             byAccountAddress_.msUntilAvailable(pairKey(username, key), nowMs));
    consider(RateLimit::LoginAddress, byAddress_.msUntilAvailable(key, nowMs));
    const auto account = known_.constFind(username);
    if (account == known_.cend() || !account->contains(key)) {
        consider(RateLimit::LoginAccount, byAccount_.msUntilAvailable(username, nowMs));
    }
    return verdict;
}

LoginVerdict LoginThrottle::admit(const QString& username, const QString& address, qint64 nowMs) {
    const QString key = addressKey(address);
    const LoginVerdict verdict = verdictFor(username, key, nowMs);
    if (verdict.admitted()) {
        byAccountAddress_.at(pairKey(username, key), nowMs).take(nowMs);
        byAddress_.at(key, nowMs).take(nowMs);
        // Known addresses pass the account bucket but still count in it.
        byAccount_.at(username, nowMs).take(nowMs);
    }
    return verdict;
}

void LoginThrottle::withdraw(const QString& username, const QString& address, qint64 nowMs) {
    const QString key = addressKey(address);
    byAccountAddress_.refund(pairKey(username, key), nowMs);
    byAddress_.refund(key, nowMs);
    byAccount_.refund(username, nowMs);
}

void LoginThrottle::passwordAccepted(const QString& username, const QString& address,
                                     qint64 nowMs) {
    const QString key = addressKey(address);
    byAccountAddress_.forget(pairKey(username, key));
    byAddress_.refund(key, nowMs);
    byAccount_.refund(username, nowMs);
    rememberAddress(username, address, nowMs);
}

void LoginThrottle::rememberAddress(const QString& username, const QString& address, qint64 nowMs) {
    QHash<QString, qint64>& addresses = known_[username];
    addresses.insert(addressKey(address), nowMs);
    capKnown(addresses);
}

void LoginThrottle::prune(qint64 nowMs) {
    byAccountAddress_.prune(nowMs);
    byAddress_.prune(nowMs);
    byAccount_.prune(nowMs);
    for (auto account = known_.begin(); account != known_.end();) {
        account->removeIf(
            [nowMs](const auto& entry) { return entry.value() < nowMs - kKnownAddressForgetMs; });
        account = account->isEmpty() ? known_.erase(account) : std::next(account);
    }
}

}  // namespace natter
