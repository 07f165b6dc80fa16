#include "connection_registry.h"

#include <QMetaObject>

#include "network_worker.h"

namespace natter {
namespace {

void insertInto(QHash<qint64, QSet<ConnectionRef>>& index, qint64 key, const ConnectionRef& ref) {
    index[key].insert(ref);
}

void removeFrom(QHash<qint64, QSet<ConnectionRef>>& index, qint64 key, const ConnectionRef& ref) {
    const auto it = index.find(key);
    if (it == index.end()) {
        return;
    }
    it->remove(ref);
    if (it->isEmpty()) {
        index.erase(it);
    }
}

}  // namespace

void ConnectionRegistry::add(const Identity& identity, const ConnectionRef& connection) {
    insertInto(bySession_, identity.sessionId, connection);
    insertInto(byUser_, identity.userId, connection);
}

void ConnectionRegistry::remove(const Identity& identity, const ConnectionRef& connection) {
    removeFrom(bySession_, identity.sessionId, connection);
    removeFrom(byUser_, identity.userId, connection);
}

NetworkWorker* ConnectionRegistry::workerOf(const ConnectionRef& connection) const {
    return workers_.value(NetworkWorker::workerIndexOf(connection), nullptr);
}

void ConnectionRegistry::closeSession(qint64 sessionId, int closeCode, const QString& reason,
                                      std::optional<ConnectionRef> keep) const {
    for (const ConnectionRef& ref : bySession_.value(sessionId)) {
        NetworkWorker* worker = workerOf(ref);
        if ((keep && *keep == ref) || !worker) {
            continue;
        }
        QMetaObject::invokeMethod(
            worker,
            [worker, id = ref.id, closeCode, reason] {
                worker->closeConnection(id, closeCode, reason);
            },
            Qt::QueuedConnection);
    }
}

void ConnectionRegistry::closeAll(int closeCode, const QString& reason) const {
    for (auto it = bySession_.cbegin(); it != bySession_.cend(); ++it) {
        closeSession(it.key(), closeCode, reason, std::nullopt);
    }
}

void ConnectionRegistry::sendToUser(qint64 userId, const QString& text,
                                    std::optional<ConnectionRef> skip) const {
    sendToUsers({userId}, text, skip);
}

// One post per worker, not per connection: the worker encodes the frame once for all of its
// connections (issue 16).
void ConnectionRegistry::sendToUsers(const QList<qint64>& userIds, const QString& text,
                                     std::optional<ConnectionRef> skip) const {
    QHash<NetworkWorker*, QList<quint64>> byWorker;
    for (qint64 userId : userIds) {
        for (const ConnectionRef& ref : byUser_.value(userId)) {
            NetworkWorker* worker = workerOf(ref);
            if (worker && !(skip && *skip == ref)) {
                byWorker[worker].append(ref.id);
            }
        }
    }
    for (auto it = byWorker.cbegin(); it != byWorker.cend(); ++it) {
        QMetaObject::invokeMethod(
            it.key(),
            [worker = it.key(), ids = it.value(), text] { worker->deliverEventToMany(ids, text); },
            Qt::QueuedConnection);
    }
}

void ConnectionRegistry::sendTo(const ConnectionRef& ref, const QString& text) const {
    if (NetworkWorker* worker = workerOf(ref)) {
        QMetaObject::invokeMethod(
            worker, [worker, id = ref.id, text] { worker->deliverEvent(id, text); },
            Qt::QueuedConnection);
    }
}

}  // namespace natter
