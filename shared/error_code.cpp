#include "error_code.h"

#include <array>
#include <utility>

namespace natter {
namespace {

struct ErrorInfo {
    ErrorCode code;
    const char* name;
    const char* message;
};

constexpr std::array kErrors = {
    ErrorInfo{ErrorCode::MalformedFrame, "malformed_frame", "The message is not a JSON object."},
    ErrorInfo{ErrorCode::BadRequest, "bad_request", "The request envelope is invalid."},
    ErrorInfo{ErrorCode::UnknownMethod, "unknown_method", "There is no such method."},
    ErrorInfo{ErrorCode::InvalidParams, "invalid_params", "A parameter is missing or invalid."},
    ErrorInfo{ErrorCode::Unauthenticated, "unauthenticated", "Sign in first."},
    ErrorInfo{ErrorCode::AlreadyAuthenticated, "already_authenticated",
              "This connection is already signed in."},
    ErrorInfo{ErrorCode::InvalidCredentials, "invalid_credentials",
              "The username or password is wrong."},
    ErrorInfo{ErrorCode::UsernameTaken, "username_taken", "That username is already taken."},
    ErrorInfo{ErrorCode::InvalidToken, "invalid_token",
              "The session token is unknown, revoked or expired."},
    ErrorInfo{ErrorCode::AccountDisabled, "account_disabled",
              "The server's administrator has disabled this account."},
    ErrorInfo{ErrorCode::NotFound, "not_found", "No such object."},
    ErrorInfo{ErrorCode::NotMember, "not_member",
              "No such conversation, or you are not a member of it."},
    ErrorInfo{ErrorCode::NotOwner, "not_owner", "Only the group's owner may do this."},
    ErrorInfo{ErrorCode::NotAGroup, "not_a_group", "This works only in group conversations."},
    ErrorInfo{ErrorCode::CannotMessageSelf, "cannot_message_self",
              "You cannot start a private chat with yourself."},
    ErrorInfo{ErrorCode::GroupFull, "group_full", "The group has reached its member limit."},
    ErrorInfo{ErrorCode::CursorOutOfRange, "cursor_out_of_range",
              "The sequence cursor is beyond the conversation's last message."},
    ErrorInfo{ErrorCode::RateLimited, "rate_limited", "Too many attempts; try again later."},
    ErrorInfo{ErrorCode::Blocked, "blocked", "One of you has blocked the other."},
    ErrorInfo{ErrorCode::BannedWord, "banned_word",
              "The text contains a word this server does not allow."},
    ErrorInfo{ErrorCode::LinkNotAllowed, "link_not_allowed", "Links are not allowed here."},
    ErrorInfo{ErrorCode::NotAuthor, "not_author", "Only the message's sender may do this."},
    ErrorInfo{ErrorCode::EditWindowPassed, "edit_window_passed",
              "The message is too old to be edited."},
    ErrorInfo{ErrorCode::WrongMessageType, "wrong_message_type",
              "This message cannot take that change."},
    ErrorInfo{ErrorCode::MessageDeleted, "message_deleted", "The message was deleted."},
    ErrorInfo{ErrorCode::FileTooLarge, "file_too_large",
              "The file is larger than this server takes."},
    ErrorInfo{ErrorCode::QuotaExceeded, "quota_exceeded", "Your storage on this server is full."},
    ErrorInfo{ErrorCode::HashMismatch, "hash_mismatch",
              "The bytes received do not match the announced SHA-256; the upload is discarded."},
    ErrorInfo{ErrorCode::UploadIncomplete, "upload_incomplete",
              "Not all bytes of the upload have arrived yet."},
    ErrorInfo{ErrorCode::BadOffset, "bad_offset",
              "The chunk does not continue the upload at its acknowledged offset."},
    ErrorInfo{ErrorCode::InvalidRange, "invalid_range", "The range lies outside the file."},
    ErrorInfo{ErrorCode::InvalidAttachment, "invalid_attachment",
              "The attachment is not a finished upload of yours."},
    ErrorInfo{ErrorCode::LimitReached, "limit_reached", "You have reached a limit of this server."},
    ErrorInfo{ErrorCode::ServerBusy, "server_busy", "The server is busy; try again shortly."},
    ErrorInfo{ErrorCode::InternalError, "internal_error", "The server failed to handle this."},
};

const ErrorInfo& infoFor(ErrorCode code) {
    for (const auto& info : kErrors) {
        if (info.code == code) {
            return info;
        }
    }
    return kErrors.back();
}

}  // namespace

QString errorCodeName(ErrorCode code) {
    return QString::fromLatin1(infoFor(code).name);
}

std::optional<ErrorCode> errorCodeFromName(const QString& name) {
    for (const auto& info : kErrors) {
        if (name == QLatin1StringView(info.name)) {
            return info.code;
        }
    }
    return std::nullopt;
}

QStringList allErrorCodeNames() {
    QStringList names;
    for (const auto& info : kErrors) {
        names.append(QString::fromLatin1(info.name));
    }
    return names;
}

QString defaultErrorMessage(ErrorCode code) {
    return QString::fromUtf8(infoFor(code).message);
}

}  // namespace natter
