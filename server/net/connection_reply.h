// A Reply for a request that came in on a WebSocket: answers from any thread are posted to the
// worker that owns the connection, which encodes and sends them (or drops them if the connection
// is gone).
#pragma once

#include <QJsonValue>

#include "ports/reply.h"

namespace natter {

class NetworkWorker;

class ConnectionReply final : public Reply {
public:
    ConnectionReply(NetworkWorker* worker, ConnectionRef connection, QJsonValue requestId,
                    bool isAuthAttempt)
        : worker_(worker),
          connection_(connection),
          requestId_(std::move(requestId)),
          isAuthAttempt_(isAuthAttempt) {}

    void ok(const QJsonObject& result) const override;
    void fail(const ProtocolError& error) const override;
    using Reply::fail;
    void signedIn(const Identity& identity, const QJsonObject& result) const override;
    void okThenClose(const QJsonObject& result, int closeCode,
                     const QString& reason) const override;
    void okWithBytes(const QJsonObject& result, const QByteArray& bytes) const override;
    void notify(const QString& event, const QJsonObject& data) const override;
    ConnectionRef origin() const override { return connection_; }

private:
    NetworkWorker* worker_;
    ConnectionRef connection_;
    QJsonValue requestId_;
    bool isAuthAttempt_;
};

}  // namespace natter
