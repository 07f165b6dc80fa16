// The message of each `rate_limited` answer (docs/protocol.md section 2, "Which limit answered"),
// so a person (and a log reader) can tell the limits apart. One place, so they stay distinct.
#pragma once

#include <QString>

namespace natter::limit_message {

inline QString requestBudget() {
    return QStringLiteral("Too many requests on this connection; slow down.");
}
inline QString searchBudget() {
    return QStringLiteral("Too many user searches; wait a moment.");
}
inline QString typingBudget() {
    return QStringLiteral("Typing notices are sent too often; wait a moment.");
}
inline QString messageRate() {
    return QStringLiteral("You are sending messages too fast; wait a moment.");
}
inline QString registration() {
    return QStringLiteral("Too many accounts registered from your address; try again later.");
}
inline QString loginAccountAddress() {
    return QStringLiteral("Too many failed sign-ins to this account from your address.");
}
inline QString loginAddress() {
    return QStringLiteral("Too many failed sign-ins from your address.");
}
inline QString loginAccount() {
    return QStringLiteral(
        "Too many failed sign-ins to this account; sign-ins from new addresses are paused.");
}

}  // namespace natter::limit_message
