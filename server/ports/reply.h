// How a service answers the request it was handed, from any thread. net/ implements it for a
// WebSocket connection (the answer is posted to the connection's worker); tests record it.
#pragma once

#include <QJsonObject>
#include <memory>

#include "codec.h"
#include "connection_ref.h"
#include "identity.h"

namespace natter {

class Reply {
public:
    virtual ~Reply() = default;

    virtual void ok(const QJsonObject& result) const = 0;
    virtual void fail(const ProtocolError& error) const = 0;
    void fail(ErrorCode code) const { fail(ProtocolError::of(code)); }
    // Marks the connection as signed in as `identity`, then sends the result.
    virtual void signedIn(const Identity& identity, const QJsonObject& result) const = 0;
    // Sends the result, then closes the connection with closeCode.
    virtual void okThenClose(const QJsonObject& result, int closeCode,
                             const QString& reason) const = 0;
    // Sends the result, then `bytes` as one binary message (files.download, docs/protocol.md 5.8).
    // Recording fakes may keep only the result.
    virtual void okWithBytes(const QJsonObject& result, const QByteArray& bytes) const {
        Q_UNUSED(bytes);
        ok(result);
    }
    // An event for the asking connection alone (upload.ack, upload.error); fakes may drop it.
    virtual void notify(const QString& event, const QJsonObject& data) const {
        Q_UNUSED(event);
        Q_UNUSED(data);
    }
    // The connection that asked: events it caused skip it (it learns from the answer instead).
    virtual ConnectionRef origin() const = 0;
};

// Replies are shared by the request's job and its continuation; whichever answers last frees it.
using ReplyRef = std::shared_ptr<const Reply>;

}  // namespace natter
