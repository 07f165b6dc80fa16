// Answers one request from any thread: the answer is posted to the worker that owns the connection,
// which encodes and sends it (or drops it if the connection is gone).
#pragma once

#include <QJsonObject>
#include <QJsonValue>

#include "ports/identity.h"
#include "codec.h"
#include "ports/connection_ref.h"

namespace natter {

class Responder {
public:
    Responder(ConnectionRef connection, QJsonValue requestId, bool isAuthAttempt)
        : connection_(connection),
          requestId_(std::move(requestId)),
          isAuthAttempt_(isAuthAttempt) {}

    void ok(const QJsonObject& result) const;
    void fail(const ProtocolError& error) const;
    void fail(ErrorCode code) const { fail(ProtocolError::of(code)); }
    // Marks the connection as signed in as `identity`, then sends the result.
    void signedIn(const Identity& identity, const QJsonObject& result) const;
    // Sends the result, then closes the connection with closeCode.
    void okThenClose(const QJsonObject& result, int closeCode, const QString& reason) const;

    const ConnectionRef& connection() const { return connection_; }

private:
    ConnectionRef connection_;
    QJsonValue requestId_;
    bool isAuthAttempt_;
};

}  // namespace natter
