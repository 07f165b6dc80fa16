#include "connection_reply.h"

#include <QMetaObject>

#include "network_worker.h"

namespace natter {
namespace {

template <typename Action>
void postToWorker(NetworkWorker* worker, Action action) {
    worker->post(std::move(action));
}

}  // namespace

void ConnectionReply::ok(const QJsonObject& result) const {
    postToWorker(worker_, [id = connection_.id, requestId = requestId_, result](NetworkWorker& w) {
        w.sendText(id, encodeResult(requestId, result));
    });
}

void ConnectionReply::okWithBytes(const QJsonObject& result, const QByteArray& bytes) const {
    postToWorker(worker_,
                 [id = connection_.id, requestId = requestId_, result, bytes](NetworkWorker& w) {
                     w.sendText(id, encodeResult(requestId, result));
                     w.sendBinary(id, bytes);
                 });
}

void ConnectionReply::notify(const QString& event, const QJsonObject& data) const {
    postToWorker(worker_, [id = connection_.id, text = encodeEvent(event, data)](NetworkWorker& w) {
        w.sendText(id, text);
    });
}

void ConnectionReply::fail(const ProtocolError& error) const {
    postToWorker(worker_, [id = connection_.id, requestId = requestId_, error,
                           authAttempt = isAuthAttempt_](NetworkWorker& w) {
        if (authAttempt) {
            w.endAuthAttempt(id);
        }
        w.sendError(id, requestId, error);
    });
}

void ConnectionReply::signedIn(const Identity& identity, const QJsonObject& result) const {
    postToWorker(worker_,
                 [id = connection_.id, requestId = requestId_, identity, result](NetworkWorker& w) {
                     w.completeSignIn(id, identity, encodeResult(requestId, result));
                 });
}

void ConnectionReply::okThenClose(const QJsonObject& result, int closeCode,
                                  const QString& reason) const {
    postToWorker(worker_, [id = connection_.id, requestId = requestId_, result, closeCode,
                           reason](NetworkWorker& w) {
        w.sendText(id, encodeResult(requestId, result));
        w.closeConnection(id, closeCode, reason);
    });
}

}  // namespace natter
