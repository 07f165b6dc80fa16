// The error codes of docs/protocol.md section 4 and their wire names.
#pragma once

#include <QString>
#include <QStringList>
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
    AccountDisabled,
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
    NotAuthor,
    EditWindowPassed,
    WrongMessageType,
    MessageDeleted,
    FileTooLarge,
    QuotaExceeded,
    HashMismatch,
    UploadIncomplete,
    BadOffset,
    InvalidRange,
    InvalidAttachment,
    LimitReached,
    ServerBusy,
    InternalError,  // keep last: tst_protocol_document counts the codes up to it
};

// The snake_case name that travels on the wire.
QString errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(const QString& name);
// The wire name of every code, in the order of the enum.
QStringList allErrorCodeNames();
// A default English message for people, used when no more specific one is given.
QString defaultErrorMessage(ErrorCode code);

}  // namespace natter
