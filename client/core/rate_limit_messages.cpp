#include "core/rate_limit_messages.h"

#include <array>
#include <limits>
#include <utility>

namespace natter {
namespace {

// The `message` texts of docs/protocol.md section 2, word for word.
constexpr std::array<std::pair<QStringView, RateLimitKind>, 9> kDocumentedMessages{{
    {u"Too many requests on this connection; slow down.", RateLimitKind::RequestBudget},
    {u"Too many user searches; wait a moment.", RateLimitKind::UserSearch},
    {u"Too many message searches; wait a moment.", RateLimitKind::MessageSearch},
    {u"Typing notices are sent too often; wait a moment.", RateLimitKind::TypingNotices},
    {u"You are sending messages too fast; wait a moment.", RateLimitKind::MessageRate},
    {u"Too many accounts registered from your address; try again later.",
     RateLimitKind::Registration},
    {u"Too many failed sign-ins to this account from your address.",
     RateLimitKind::LoginAccountAddress},
    {u"Too many failed sign-ins from your address.", RateLimitKind::LoginAddress},
    {u"Too many failed sign-ins to this account; sign-ins from new addresses are paused.",
     RateLimitKind::LoginAccount},
}};

constexpr qint64 kMsPerSecond = 1'000;
constexpr qint64 kSecondsPerMinute = 60;

// Rounds up: saying "40 seconds" when 39.2 remain never invites a retry that is refused.
qint64 ceilDiv(qint64 value, qint64 divisor) {
    return value / divisor + (value % divisor != 0);
}

}  // namespace

RateLimitKind rateLimitKind(const QString& serverMessage) {
    const QStringView message = QStringView(serverMessage).trimmed();
    for (const auto& [text, kind] : kDocumentedMessages) {
        if (message == text) {
            return kind;
        }
    }
    return RateLimitKind::Unknown;
}

QString RateLimitMessages::forError(const ProtocolError& error) {
    return limitSentence(rateLimitKind(error.message)) + QLatin1Char(' ') +
           waitSentence(error.retryAfterMs);
}

QString RateLimitMessages::limitSentence(RateLimitKind kind) {
    switch (kind) {
        case RateLimitKind::RequestBudget:
            return tr("This app sent the server too many requests.");
        case RateLimitKind::UserSearch:
            return tr("You searched for people too often.");
        case RateLimitKind::MessageSearch:
            return tr("You searched your messages too often.");
        case RateLimitKind::TypingNotices:
            return tr("Typing notices were sent too often.");
        case RateLimitKind::MessageRate:
            return tr("You are sending messages too fast.");
        case RateLimitKind::Registration:
            return tr("Too many accounts were created from your network address.");
        case RateLimitKind::LoginAccountAddress:
            return tr("Too many failed sign-ins to this account from your network address.");
        case RateLimitKind::LoginAddress:
            return tr("Too many failed sign-ins from your network address.");
        case RateLimitKind::LoginAccount:
            return tr(
                "Too many failed sign-ins to this account; sign-ins from new network "
                "addresses are paused.");
        case RateLimitKind::Unknown:
            break;
    }
    return tr("Too many attempts.");
}

QString RateLimitMessages::waitSentence(qint64 retryAfterMs) {
    if (retryAfterMs < 0) {
        return tr("Please try again later.");
    }
    const qint64 seconds = qMax<qint64>(1, ceilDiv(retryAfterMs, kMsPerSecond));
    if (seconds == 1) {
        return tr("Try again in 1 second.");
    }
    if (seconds < kSecondsPerMinute) {
        return tr("Try again in %n seconds.", nullptr, int(seconds));
    }
    const qint64 minutes = ceilDiv(seconds, kSecondsPerMinute);
    if (minutes == 1) {
        return tr("Try again in 1 minute.");
    }
    return tr("Try again in %n minutes.", nullptr,
              int(qMin<qint64>(minutes, std::numeric_limits<int>::max())));
}

}  // namespace natter
