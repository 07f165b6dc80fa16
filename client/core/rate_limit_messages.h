// Plain words for a `rate_limited` answer: which limit answered and when to try again
// (docs/protocol.md section 2, "Which limit answered").
#pragma once

#include <QCoreApplication>
#include <QString>

#include "codec.h"

namespace natter {

// The limits docs/protocol.md names; Unknown for a message the client does not know.
enum class RateLimitKind {
    Unknown,
    RequestBudget,
    UserSearch,
    MessageSearch,
    TypingNotices,
    MessageRate,
    Registration,
    LoginAccountAddress,
    LoginAddress,
    LoginAccount,
};

// Which documented limit the server's `message` names. The server's words are English and may
// change, so they are only recognised here, never shown.
RateLimitKind rateLimitKind(const QString& serverMessage);

class RateLimitMessages {
    Q_DECLARE_TR_FUNCTIONS(RateLimitMessages)

public:
    // The limit's sentence followed by the wait, e.g. "… Try again in 40 seconds."
    static QString forError(const ProtocolError& error);
    static QString limitSentence(RateLimitKind kind);
    // The wait rounded up to whole seconds, or minutes from one minute on; a missing wait
    // (negative) says "later".
    static QString waitSentence(qint64 retryAfterMs);
};

}  // namespace natter
