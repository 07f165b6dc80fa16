#include "connection_registry.h"

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
        worker->post([id = ref.id, closeCode, reason](NetworkWorker& w) {
            w.closeConnection(id, closeCode, reason);
        });
    }
}

void ConnectionRegistry::closeAll(int closeCode, const QString& reason) const {
    for (auto it = bySession_.cbegin(); it != bySession_.cend(); ++it) {
        closeSession(it.key(), closeCode, reason, std::nullopt);
    }
}

void ConnectionRegistry::sendToUsers(const QList<qint64>& userIds, const QString& text,
                                     std::optional<ConnectionRef> skip) const {
    QList<QList<quint64>> recipientsByWorker(workers_.size());
    for (qint64 userId : userIds) {
        for (const ConnectionRef& ref : byUser_.value(userId)) {
            const int worker = NetworkWorker::workerIndexOf(ref);
            if (!(skip && *skip == ref) && worker >= 0 && worker < workers_.size()) {
                recipientsByWorker[worker].append(ref.id);
            }
        }
    }
    for (int index = 0; index < workers_.size(); ++index) {
        if (!recipientsByWorker[index].isEmpty()) {
            postEvent(workers_[index], std::move(recipientsByWorker[index]), text);
        }
    }
}

void ConnectionRegistry::postEvent(NetworkWorker* worker, QList<quint64> connectionIds,
                              const QString& text) {
    worker->post([ids = std::move(connectionIds), text](NetworkWorker& w) {
        w.deliverEvent(ids, text);
    });
}

void ConnectionRegistry::sendTo(const ConnectionRef& ref, const QString& text) const {
    if (NetworkWorker* worker = workerOf(ref)) {
        postEvent(worker, {ref.id}, text);
    }
}

}  // namespace natter
