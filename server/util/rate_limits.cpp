#include "rate_limits.h"

#include <array>

namespace natter {
namespace {

// Indexed by RateLimit, in its order: a log name and the message for the client.
constexpr std::array<std::array<const char*, 2>, 9> kLimitTexts = {{
    {"request_budget", "Too many requests on this connection; slow down."},
    {"search_budget", "Too many user searches; wait a moment."},
    {"message_search", "Too many message searches; wait a moment."},
    {"typing_budget", "Typing notices are sent too often; wait a moment."},
    {"message_rate", "You are sending messages too fast; wait a moment."},
    {"registration", "Too many accounts registered from your address; try again later."},
    {"login_account_address", "Too many failed sign-ins to this account from your address."},
    {"login_address", "Too many failed sign-ins from your address."},
    {"login_account",
     "Too many failed sign-ins to this account; sign-ins from new addresses are paused."},
}};
static_assert(kLimitTexts.size() == size_t(RateLimit::LoginAccount) + 1, "one entry per RateLimit");

}  // namespace

ProtocolError rateLimitedBy(RateLimit limit, qint64 retryAfterMs) {
    return ProtocolError::rateLimited(retryAfterMs,
                                      QString::fromUtf8(kLimitTexts.at(size_t(limit))[1]));
}

QString rateLimitName(RateLimit limit) {
    return QString::fromLatin1(kLimitTexts.at(size_t(limit))[0]);
}

}  // namespace natter
