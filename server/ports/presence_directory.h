// Which users and sessions have a live, signed-in connection right now. The auth service records
// connections as they sign in and close; presence, the offline notifier and the session list read
// it. Service thread only. Local today (one node); shared through Redis in a scale-out (issue 10).
#pragma once

#include <QList>

#include "connection_ref.h"
#include "identity.h"

namespace natter {

class PresenceDirectory {
public:
    virtual ~PresenceDirectory() = default;

    virtual void add(const Identity& identity, const ConnectionRef& connection) = 0;
    virtual void remove(const Identity& identity, const ConnectionRef& connection) = 0;

    virtual bool isUserOnline(qint64 userId) const = 0;
    virtual qsizetype connectionCount(qint64 userId) const = 0;
    virtual bool isSessionLive(qint64 sessionId) const = 0;
    virtual QList<qint64> liveSessions() const = 0;
};

}  // namespace natter
