#include "session_registry.h"

#include <QMetaObject>

#include "net/network_worker.h"

namespace natter {

void SessionRegistry::add(qint64 sessionId, const ConnectionRef& connection) {
    bySession_[sessionId].insert(connection);
}

void SessionRegistry::remove(qint64 sessionId, const ConnectionRef& connection) {
    auto it = bySession_.find(sessionId);
    if (it == bySession_.end()) {
        return;
    }
    it->remove(connection);
    if (it->isEmpty()) {
        bySession_.erase(it);
    }
}

void SessionRegistry::closeSession(qint64 sessionId, int closeCode, const QString& reason,
                                   std::optional<ConnectionRef> keep) {
    const auto connections = bySession_.value(sessionId);
    for (const ConnectionRef& ref : connections) {
        if (keep && *keep == ref) {
            continue;
        }
        QMetaObject::invokeMethod(
            ref.worker, [ref, closeCode, reason] { ref.worker->closeConnection(ref.id, closeCode, reason); },
            Qt::QueuedConnection);
    }
}

}  // namespace natter
