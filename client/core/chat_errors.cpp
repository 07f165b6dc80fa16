#include "chat_errors.h"

#include <QtMath>

#include "protocol_limits.h"
#include "user_error.h"

namespace natter {

QString ChatMessages::forFailure(const RequestFailure& failure) {
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
        case ErrorCode::RateLimited: {
            const int seconds = qMax(1, int(qCeil(double(failure.error.retryAfterMs) / 1000.0)));
            return tr("You are sending too fast. Please try again in %1 s.").arg(seconds);
        }
        default:
            return UserMessages::forFailure(failure);
    }
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
