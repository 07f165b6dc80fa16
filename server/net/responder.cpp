#include "responder.h"

#include <QMetaObject>

#include "network_worker.h"

namespace natter {
namespace {

template <typename Action>
void postToWorker(const ConnectionRef& ref, Action action) {
    QMetaObject::invokeMethod(
        ref.worker, [ref, action = std::move(action)] { action(*ref.worker); },
        Qt::QueuedConnection);
}

}  // namespace

void Responder::ok(const QJsonObject& result) const {
    postToWorker(connection_,
                 [id = connection_.id, requestId = requestId_, result](NetworkWorker& w) {
                     w.sendText(id, encodeResult(requestId, result));
                 });
}

void Responder::fail(const ProtocolError& error) const {
    postToWorker(connection_, [id = connection_.id, requestId = requestId_, error,
                               authAttempt = isAuthAttempt_](NetworkWorker& w) {
        if (authAttempt) {
            w.endAuthAttempt(id);
        }
        w.sendText(id, encodeError(requestId, error));
    });
}

void Responder::signedIn(const Identity& identity, const QJsonObject& result) const {
    postToWorker(connection_,
                 [ref = connection_, requestId = requestId_, identity, result](NetworkWorker& w) {
                     w.completeSignIn(ref.id, identity, encodeResult(requestId, result));
                 });
}

void Responder::okThenClose(const QJsonObject& result, int closeCode, const QString& reason) const {
    postToWorker(connection_, [id = connection_.id, requestId = requestId_, result, closeCode,
                               reason](NetworkWorker& w) {
        w.sendText(id, encodeResult(requestId, result));
        w.closeConnection(id, closeCode, reason);
    });
}

}  // namespace natter
