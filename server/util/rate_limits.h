// The limits that answer `rate_limited`, each with its own message (docs/protocol.md section 2,
// "Which limit answered"), so a person and a log reader can tell them apart.
#pragma once

#include <QString>

#include "codec.h"

namespace natter {

// Keep in step with the table in rate_limits.cpp (LoginAccount stays last).
enum class RateLimit {
    RequestBudget,
    SearchBudget,
    MessageSearch,
    TypingBudget,
    MessageRate,
    Registration,
    LoginAccountAddress,
    LoginAddress,
    LoginAccount,
};

// The error for an attempt `limit` refused, to be retried after retryAfterMs.
ProtocolError rateLimitedBy(RateLimit limit, qint64 retryAfterMs);
// A short snake_case name for logs.
QString rateLimitName(RateLimit limit);

}  // namespace natter
