#include "core/user_error.h"

#include "core/rate_limit_messages.h"

namespace natter {
namespace {

// The input a server error belongs next to, when the server did not name one itself.
QString implicitField(const RequestFailure& failure) {
    if (!failure.error.field.isEmpty()) {
        return failure.error.field;
    }
    if (failure.isServerError(ErrorCode::UsernameTaken)) {
        return field::kUsername;
    }
    if (failure.kind == FailureKind::ConnectionFailed) {
        return field::kServer;
    }
    return {};
}

}  // namespace

UserError UserError::fromFailure(const RequestFailure& failure) {
    const bool fieldKnown = failure.kind == FailureKind::ServerError ||
                            failure.kind == FailureKind::InvalidInput ||
                            failure.kind == FailureKind::ConnectionFailed;
    return UserError{failure, fieldKnown ? implicitField(failure) : QString(),
                     UserMessages::forFailure(failure)};
}

QString UserMessages::forFailure(const RequestFailure& failure) {
    switch (failure.kind) {
        case FailureKind::InvalidInput:
            return forInvalidField(failure.error.field);
        case FailureKind::Timeout:
            return tr("The server did not answer in time. Check your connection and try again.");
        case FailureKind::ConnectionFailed:
            return tr("Could not reach the server. Check the address and your network connection.");
        case FailureKind::ConnectionClosed:
            return connectionLost();
        case FailureKind::ServerError:
            break;
    }
    switch (failure.error.code) {
        case ErrorCode::InvalidParams:
            return forInvalidField(failure.error.field);
        case ErrorCode::InvalidCredentials:
            return tr("The username or password is wrong.");
        case ErrorCode::UsernameTaken:
            return tr("This username is already taken. Please choose another one.");
        case ErrorCode::InvalidToken:
            return tr("Your saved sign-in is no longer valid. Please sign in again.");
        case ErrorCode::AccountDisabled:
            return tr(
                "This account has been disabled by the server's administrator. "
                "Please contact them.");
        case ErrorCode::NotFound:
            return tr("That device is no longer signed in.");
        case ErrorCode::Unauthenticated:
            return tr("You are not signed in. Please sign in again.");
        case ErrorCode::RateLimited:
            return RateLimitMessages::forError(failure.error);
        case ErrorCode::ServerBusy:
            return tr("The server is busy right now. Please try again in a moment.");
        default:
            return tr("The server could not handle this request. Please try again later.");
    }
}

QString UserMessages::forInvalidField(const QString& fieldName) {
    if (fieldName == field::kUsername) {
        return tr(
            "Use 3 to 32 characters: letters a-z, digits, '_', '.' or '-', "
            "starting with a letter or digit.");
    }
    if (fieldName == field::kPassword) {
        return tr("Enter a password of at least 8 characters.");
    }
    if (fieldName == field::kDisplayName) {
        return tr("Enter a name of 1 to 64 characters.");
    }
    if (fieldName == field::kDeviceName) {
        return tr("Enter a device name of 1 to 64 characters.");
    }
    if (fieldName == field::kServer) {
        return tr("Enter a server address starting with ws:// or wss://.");
    }
    return tr("The server did not accept this value.");
}

QString UserMessages::noPasswordStorage() {
    return tr("Your system has no password storage; you will need to sign in again next time.");
}

QString UserMessages::revokedElsewhere() {
    return tr("This device was signed out from another device.");
}

QString UserMessages::connectionLost() {
    return tr("The connection to the server was lost. Please sign in again.");
}

}  // namespace natter
