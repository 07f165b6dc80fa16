#include "core/chat_errors.h"

#include <QtMath>

#include "core/rate_limit_messages.h"
#include "core/user_error.h"
#include "protocol_limits.h"

namespace natter {

QString ChatMessages::forFailure(const RequestFailure& failure, const RefusalContext& context) {
    if (failure.kind != FailureKind::ServerError && failure.kind != FailureKind::InvalidInput) {
        // The client reconnects by itself: no need to sign in again.
        return tr("You are offline right now. Please try again once the connection is back.");
    }
    switch (failure.error.code) {
        case ErrorCode::InvalidParams:
            return forInvalidField(failure.error.field);
        case ErrorCode::NotMember:
            return tr("You are not a member of this conversation any more.");
        case ErrorCode::NotFound:
            return tr("This person or member could not be found.");
        case ErrorCode::NotOwner:
            return tr("Only the group's owner can do this.");
        case ErrorCode::NotAGroup:
            return tr("This works only in groups.");
        case ErrorCode::CannotMessageSelf:
            return tr("You cannot send a private message to yourself.");
        case ErrorCode::GroupFull:
            return tr("A group can have at most %1 members.").arg(limits::kMaxGroupMembers);
        case ErrorCode::RateLimited:
            return RateLimitMessages::forError(failure.error);
        case ErrorCode::EditWindowPassed:
            return tr(
                "This message can no longer be edited: the time for changing it has "
                "passed.");
        case ErrorCode::Blocked:
        case ErrorCode::BannedWord:
        case ErrorCode::LinkNotAllowed:
        case ErrorCode::LimitReached:
            return forSafetyRefusal(failure, context);
        default:
            return UserMessages::forFailure(failure);
    }
}

// The spam and blocking rules of docs/protocol.md 5.6.
QString ChatMessages::forSafetyRefusal(const RequestFailure& failure,
                                       const RefusalContext& context) {
    const bool named = !context.peerName.isEmpty();
    switch (failure.error.code) {
        case ErrorCode::Blocked:
            if (context.blockedByMe && named) {
                //: %1 is the person I blocked
                return tr("You blocked %1. Unblock them to send messages.").arg(context.peerName);
            }
            if (failure.error.field == QStringLiteral("member_ids")) {
                return tr("Someone you chose can't be added: one of you has blocked the other.");
            }
            //: %1 is the person who does not accept my messages
            return named ? tr("%1 doesn't accept messages from you.").arg(context.peerName)
                         : tr("This person doesn't accept messages from you.");
        case ErrorCode::BannedWord:
            return failure.error.field == QStringLiteral("name")
                       ? tr("This name contains a word this server doesn't allow.")
                       : tr("This message contains a word this server doesn't allow.");
        case ErrorCode::LinkNotAllowed:
            //: %1 is the person I started a chat with
            return context.awaitsAcceptance && named
                       ? tr("Links can't be sent until %1 accepts your chat.").arg(context.peerName)
                       : tr("This server doesn't allow links here.");
        case ErrorCode::LimitReached:
            return tr("You have blocked as many people as you can (%1). Unblock someone first.")
                .arg(limits::kBlockedUsersMax);
        default:
            return UserMessages::forFailure(failure);
    }
}

QString ChatMessages::sendingTooFast(qint64 retryAfterMs) {
    return tr("You're sending messages too fast; retrying in %n s.", nullptr,
              secondsFrom(retryAfterMs));
}

int ChatMessages::secondsFrom(qint64 milliseconds) {
    return qMax(1, int(qCeil(double(milliseconds) / 1000.0)));
}

QString ChatMessages::forInvalidField(const QString& field) {
    if (field == QStringLiteral("body")) {
        return tr("A message needs 1 to %1 characters.").arg(limits::kMessageBodyMaxChars);
    }
    if (field == QStringLiteral("name")) {
        return tr("A group name needs 1 to %1 characters.").arg(limits::kGroupNameMaxChars);
    }
    if (field == QStringLiteral("member_ids")) {
        return tr("Choose at least one person.");
    }
    if (field == QStringLiteral("query")) {
        return tr("Type 1 to %1 characters to search.").arg(limits::kUserSearchQueryMaxChars);
    }
    return tr("The server did not accept this.");
}

}  // namespace natter
