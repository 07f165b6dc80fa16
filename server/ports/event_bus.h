// The one way server-pushed events (docs/protocol.md section 5.7) reach clients. Services publish
// to users, never to sockets; the local bus delivers to this node's connections, a Redis bus
// (issue 10) to every node's.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

#include "connection_ref.h"

namespace natter {

// One event as it goes on the wire: {"event": name, "data": data}.
struct ServerEvent {
    QString name;
    QJsonObject data;
};

// Who receives an event: every live connection of these users, except `skip` (the connection that
// caused the event; it learns from its answer).
struct Audience {
    QList<qint64> userIds;
    std::optional<ConnectionRef> skip;

    static Audience user(qint64 userId) { return Audience{{userId}, std::nullopt}; }
    static Audience users(QList<qint64> userIds) {
        return Audience{std::move(userIds), std::nullopt};
    }
};

class EventBus {
public:
    virtual ~EventBus() = default;

    // Encodes the event once and delivers it to the audience. Service thread only.
    virtual void publish(const Audience& audience, const ServerEvent& event) = 0;
    // Delivers the event to one connection (e.g. the presence snapshot after sign-in).
    virtual void sendTo(const ConnectionRef& connection, const ServerEvent& event) = 0;
    // Closes every connection of the session, except `keep` (which closes after its answer).
    virtual void closeSession(qint64 sessionId, int closeCode, const QString& reason,
                              std::optional<ConnectionRef> keep = std::nullopt) = 0;
};

}  // namespace natter
