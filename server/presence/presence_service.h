// Who is online, told to the people who share a conversation with them: `online` on a user's first
// connection, `offline` once the last one has stayed gone for the grace period (docs/protocol.md
// section 5.4). Lives on the service thread; the auth service reports connections coming and going.
#pragma once

#include <QHash>
#include <QObject>
#include <QStringList>
#include <functional>

#include "ports/reply.h"
#include "ports/service_ports.h"

class QTimer;

namespace natter {

class PresenceService : public QObject {
    Q_OBJECT
public:
    PresenceService(const ServicePorts& ports, int offlineGraceMs, QObject* parent = nullptr);

    // After the directory has recorded the connection.
    void connectionSignedIn(const Identity& identity, const ConnectionRef& connection);
    // After the directory has forgotten the connection.
    void connectionGone(const Identity& identity);
    void query(const Identity& asker, const QStringList& userIds, const ReplyRef& reply);

    // On a node of a cluster (docs/scaling.md, "Presence") Redis decides when a user comes online
    // and goes offline, so that one node announces each change; `inGrace` tells whether a user's
    // grace period runs on this node. From then on only the two calls below announce.
    void decideInCluster(std::function<bool(qint64 userId)> inGrace);
    void announceOnline(const Identity& identity);
    void announceOffline(qint64 userId, qint64 goneAt);

private:
    // Online: connected now, or gone for less than the grace period (not yet announced offline).
    bool isOnline(qint64 userId) const;
    QJsonObject presenceJson(const CoMember& member) const;
    void announce(const QList<CoMember>& audience, const QJsonObject& presence) const;
    void announceOnlineTo(const QList<CoMember>& audience, const QString& userPublicId) const;
    // goneAt: when the last connection went; what last_seen_at reports.
    void goOffline(const Identity& identity, qint64 goneAt);
    // Records last_seen_at and tells the user's co-members; `publicId` empty: read from the store.
    void announceOfflineOf(qint64 userId, const QString& publicId, qint64 goneAt);

    ServicePorts ports_;
    int offlineGraceMs_;
    QHash<qint64, QTimer*> graceTimers_;        // children; users whose last connection just went
    std::function<bool(qint64)> clusterGrace_;  // set on a node of a cluster
};

}  // namespace natter
