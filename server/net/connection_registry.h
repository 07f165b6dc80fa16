// The live, authenticated connections by session and by user, so the services can close a revoked
// session's sockets and deliver events to every device of a user. Lives on the service thread;
// workers report closed connections to it through the auth service.
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <optional>

#include "ports/identity.h"
#include "ports/connection_ref.h"

namespace natter {

class ConnectionRegistry {
public:
    void add(const Identity& identity, const ConnectionRef& connection);
    void remove(const Identity& identity, const ConnectionRef& connection);

    // Posts a close to every connection of the session except `keep`.
    void closeSession(qint64 sessionId, int closeCode, const QString& reason,
                      std::optional<ConnectionRef> keep = std::nullopt);
    // Posts `text` to every connection of the user except `skip`.
    void sendToUser(qint64 userId, const QString& text,
                    std::optional<ConnectionRef> skip = std::nullopt) const;

    // Posts `text` to one connection.
    static void sendTo(const ConnectionRef& connection, const QString& text);

    bool isSessionLive(qint64 sessionId) const { return bySession_.contains(sessionId); }
    qsizetype connectionCount(qint64 userId) const { return byUser_.value(userId).size(); }
    QList<qint64> liveSessions() const { return bySession_.keys(); }
    bool isUserOnline(qint64 userId) const { return byUser_.contains(userId); }

private:
    QHash<qint64, QSet<ConnectionRef>> bySession_;
    QHash<qint64, QSet<ConnectionRef>> byUser_;
};

}  // namespace natter
