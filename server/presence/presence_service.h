// Who is online, told to the people who share a conversation with them: `online` on a user's first
// connection, `offline` once the last one has stayed gone for the grace period (docs/protocol.md
// section 5.4). Lives on the service thread; the auth service reports connections coming and going.
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <functional>
#include <optional>

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

    // Calls `done` with the users among `userIds` who are online anywhere in the cluster
    // (connected, or in their grace period), or with nullopt when Redis cannot tell now.
    using ClusterLookup = std::function<void(
        const QList<qint64>& userIds, std::function<void(std::optional<QSet<qint64>>)> done)>;
    // On a node of a cluster (docs/scaling.md, "Presence") Redis decides when a user comes online
    // and goes offline, so that one node announces each change, and snapshots and presence.get ask
    // Redis through `lookup`. From then on only the two calls below announce.
    void decideInCluster(ClusterLookup lookup);
    void announceOnline(const Identity& identity);
    void announceOffline(qint64 userId, qint64 goneAt);

private:
    // Online: connected now, or gone for less than the grace period (not yet announced offline).
    // On this node; withOnline() asks the cluster.
    bool isOnline(qint64 userId) const;
    // Calls `then` with the members who are online (at once, unless Redis has to be asked).
    void withOnline(const QList<CoMember>& members,
                    std::function<void(const QSet<qint64>& online)> then);
    QJsonObject presenceJson(const CoMember& member, const QSet<qint64>& online) const;
    void announce(const QList<CoMember>& audience, const QJsonObject& presence) const;
    void announceOnlineTo(const QList<CoMember>& audience, const QString& userPublicId) const;
    // goneAt: when the last connection went; what last_seen_at reports.
    void goOffline(const Identity& identity, qint64 goneAt);
    // Records last_seen_at and tells the user's co-members; `publicId` empty: read from the store.
    void announceOfflineOf(qint64 userId, const QString& publicId, qint64 goneAt);

    ServicePorts ports_;
    int offlineGraceMs_;
    QHash<qint64, QTimer*> graceTimers_;  // children; users whose last connection just went
    ClusterLookup cluster_;               // set on a node of a cluster
};

}  // namespace natter
