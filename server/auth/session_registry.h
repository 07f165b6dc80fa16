// Which live connections belong to which session, so a revocation can close them at once.
// Lives on the service thread; workers report closed connections to it.
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <optional>

#include "net/connection_ref.h"

namespace natter {

class SessionRegistry {
public:
    void add(qint64 sessionId, const ConnectionRef& connection);
    void remove(qint64 sessionId, const ConnectionRef& connection);
    // Posts a close to every connection of the session except `keep`.
    void closeSession(qint64 sessionId, int closeCode, const QString& reason,
                      std::optional<ConnectionRef> keep = std::nullopt);
    bool isLive(qint64 sessionId) const { return bySession_.contains(sessionId); }
    QList<qint64> liveSessions() const { return bySession_.keys(); }

private:
    QHash<qint64, QSet<ConnectionRef>> bySession_;
};

}  // namespace natter
