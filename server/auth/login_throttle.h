// Limits password guessing without letting a stranger lock the owner out (docs/protocol.md
// section 5.1, docs/security.md). Three token buckets count login attempts that did not succeed:
// - per account and address: the owner's attempts from elsewhere do not share it;
// - per address, across accounts: one address spraying many usernames;
// - per account, all addresses together, slower: distributed guessing. It holds back only
//   addresses the account has not signed in from before (known addresses: a right password or a
//   resumed session from there, remembered in memory), so the owner's usual devices and
//   networks are never kept out by it.
// An attempt takes its tokens when admitted (so parallel attempts cannot slip past the limit) and
// gives them back when the password was right. Lives on the service thread.
#pragma once

#include <QHash>
#include <QString>
#include <optional>

#include "protocol_limits.h"
#include "util/rate_limits.h"
#include "util/token_bucket.h"

namespace natter {

struct LoginVerdict {
    qint64 retryAfterMs = 0;         // 0: admitted
    std::optional<RateLimit> limit;  // which limit refused (the one with the longest wait)
    bool admitted() const { return !limit; }
};

class LoginThrottle {
public:
    static constexpr qint64 kKnownAddressForgetMs =
        qint64(limits::kKnownAddressForgetDays) * 24 * 3600 * 1000;

    LoginThrottle();

    // Admits an attempt (taking its tokens) or says which limit refuses it and for how long.
    LoginVerdict admit(const QString& username, const QString& address, qint64 nowMs);
    // The attempt was not judged (e.g. the server was busy): its tokens go back.
    void withdraw(const QString& username, const QString& address, qint64 nowMs);
    // The password was right: the attempt's tokens go back, earlier misses of this account from
    // this address are forgiven and the address becomes known for the account.
    void passwordAccepted(const QString& username, const QString& address, qint64 nowMs);
    // The account was registered or one of its sessions resumed from this address: it becomes
    // known. Gives no tokens back (a resume costs nothing, so it must not buy guesses).
    void rememberAddress(const QString& username, const QString& address, qint64 nowMs);
    bool isKnownAddress(const QString& username, const QString& address) const;
    // Forgets full buckets and known addresses unused for kKnownAddressForgetDays.
    void prune(qint64 nowMs);

    // The key an address is counted under: IPv4 (also IPv4-mapped IPv6) as is, IPv6 by its /64
    // prefix, since one host usually owns a whole /64.
    static QString addressKey(const QString& address);

private:
    LoginVerdict verdictFor(const QString& username, const QString& key, qint64 nowMs);
    static QString pairKey(const QString& username, const QString& key);

    TokenBucketMap byAccountAddress_;
    TokenBucketMap byAddress_;
    TokenBucketMap byAccount_;
    // username -> address key -> when it last succeeded.
    QHash<QString, QHash<QString, qint64>> known_;
};

}  // namespace natter
