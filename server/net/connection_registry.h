// This node's live, signed-in connections by session and by user: the local PresenceDirectory, and
// what the local event bus delivers through. Lives on the service thread; the auth service records
// connections as they sign in and close.
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <optional>

#include "ports/presence_directory.h"

namespace natter {

class NetworkWorker;

class ConnectionRegistry final : public PresenceDirectory {
public:
    // The workers, in index order: a connection id names its worker (NetworkWorker::workerIndexOf).
    void setWorkers(QList<NetworkWorker*> workers) { workers_ = std::move(workers); }

    void add(const Identity& identity, const ConnectionRef& connection) override;
    void remove(const Identity& identity, const ConnectionRef& connection) override;
    bool isUserOnline(qint64 userId) const override { return byUser_.contains(userId); }
    qsizetype connectionCount(qint64 userId) const override { return byUser_.value(userId).size(); }
    bool isSessionLive(qint64 sessionId) const override { return bySession_.contains(sessionId); }
    QList<qint64> liveSessions() const override { return bySession_.keys(); }
    qsizetype liveSessionCount() const { return bySession_.size(); }
    qsizetype onlineUserCount() const { return byUser_.size(); }

    // Posts a close to every connection of the session except `keep`.
    void closeSession(qint64 sessionId, int closeCode, const QString& reason,
                      std::optional<ConnectionRef> keep) const;
    // Posts a close to every signed-in connection of this node.
    void closeAll(int closeCode, const QString& reason) const;
    // Posts `text` to every connection of the users except `skip`: one queued call per worker,
    // carrying all of its recipients, so a group's event is not copied once per connection.
    void sendToUsers(const QList<qint64>& userIds, const QString& text,
                     std::optional<ConnectionRef> skip) const;
    // Posts `text` to one connection.
    void sendTo(const ConnectionRef& connection, const QString& text) const;

private:
    NetworkWorker* workerOf(const ConnectionRef& connection) const;
    static void postEvent(NetworkWorker* worker, QList<quint64> connectionIds, const QString& text);

    QList<NetworkWorker*> workers_;
    QHash<qint64, QSet<ConnectionRef>> bySession_;
    QHash<qint64, QSet<ConnectionRef>> byUser_;
};

}  // namespace natter
