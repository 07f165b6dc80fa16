// The error codes of docs/protocol.md section 4 and their wire names.
#pragma once

#include <QString>
#include <optional>

namespace natter {

enum class ErrorCode {
    MalformedFrame,
    BadRequest,
    UnknownMethod,
    InvalidParams,
    Unauthenticated,
    AlreadyAuthenticated,
    InvalidCredentials,
    UsernameTaken,
    InvalidToken,
    NotFound,
    NotMember,
    NotOwner,
    NotAGroup,
    CannotMessageSelf,
    GroupFull,
    CursorOutOfRange,
    RateLimited,
    Blocked,
    BannedWord,
    LinkNotAllowed,
    LimitReached,
    ServerBusy,
    InternalError,
};

// The snake_case name that travels on the wire.
QString errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(const QString& name);
// A default English message for people, used when no more specific one is given.
QString defaultErrorMessage(ErrorCode code);

}  // namespace natter
