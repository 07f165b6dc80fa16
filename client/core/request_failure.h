// The typed outcome of one request sent through ServerConnection.
#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

#include "codec.h"

namespace natter {

// Why a request produced no result.
enum class FailureKind {
    ServerError,       // the server answered with an error; see RequestFailure::error
    InvalidInput,      // the client refused to send it; error.field names the input
    Timeout,           // no answer within the request timeout
    ConnectionFailed,  // the server could not be reached
    ConnectionClosed,  // the connection closed before the answer arrived
};

struct RequestFailure {
    FailureKind kind = FailureKind::ServerError;
    ProtocolError error;  // for ServerError and InvalidInput
    QString detail;       // technical detail for logs (e.g. the socket error); never a secret

    bool isServerError(ErrorCode code) const {
        return kind == FailureKind::ServerError && error.code == code;
    }
};

struct RequestOutcome {
    std::optional<QJsonObject> result;  // set on success
    RequestFailure failure;             // meaningful when result is empty

    bool ok() const { return result.has_value(); }
};

}  // namespace natter
