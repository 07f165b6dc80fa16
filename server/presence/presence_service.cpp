#include "presence_service.h"

#include <QJsonArray>
#include <QPointer>
#include <QTimer>

#include "util/log.h"
#include "views/server_events.h"

namespace natter {

PresenceService::PresenceService(const ServicePorts& ports, int offlineGraceMs, QObject* parent)
    : QObject(parent), ports_(ports), offlineGraceMs_(offlineGraceMs) {}

bool PresenceService::isOnline(qint64 userId) const {
    return ports_.directory.isUserOnline(userId) || graceTimers_.contains(userId);
}

void PresenceService::decideInCluster(ClusterLookup lookup) {
    cluster_ = std::move(lookup);
}

void PresenceService::withOnline(const QList<CoMember>& members,
                                 std::function<void(const QSet<qint64>&)> then) {
    QList<qint64> userIds;
    for (const CoMember& member : members) {
        userIds.append(member.userId);
    }
    const auto here = [this, userIds] {
        QSet<qint64> online;
        for (qint64 userId : userIds) {
            if (isOnline(userId)) {
                online.insert(userId);
            }
        }
        return online;
    };
    if (!cluster_) {
        then(here());
        return;
    }
    // Without Redis, this node's view (the directory and its mirror) is the best there is.
    cluster_(userIds, [guard = QPointer<PresenceService>(this), here,
                       then = std::move(then)](std::optional<QSet<qint64>> online) {
        if (guard) {
            then(online ? *online : here());
        }
    });
}

QJsonObject PresenceService::presenceJson(const CoMember& member,
                                          const QSet<qint64>& online) const {
    return online.contains(member.userId)
               ? events::presenceStatus(member.publicId, QStringLiteral("online"), 0)
               : events::presenceStatus(member.publicId, QStringLiteral("offline"),
                                        member.lastSeenAt);
}

void PresenceService::announce(const QList<CoMember>& audience, const QJsonObject& presence) const {
    QList<qint64> userIds;
    userIds.reserve(audience.size());
    for (const CoMember& member : audience) {
        userIds.append(member.userId);
    }
    ports_.bus.publish(Audience::users(std::move(userIds)), events::presenceChanged(presence));
}

void PresenceService::announceOnlineTo(const QList<CoMember>& audience,
                                       const QString& userPublicId) const {
    log::debug("presence.online", {{"user", userPublicId}});
    announce(audience, events::presenceStatus(userPublicId, QStringLiteral("online"), 0));
}

void PresenceService::connectionSignedIn(const Identity& identity,
                                         const ConnectionRef& connection) {
    const bool returnedWithinGrace = graceTimers_.contains(identity.userId);
    if (QTimer* timer = graceTimers_.take(identity.userId)) {
        timer->deleteLater();
    }
    const bool cameOnline =
        !cluster_ && !returnedWithinGrace && ports_.directory.connectionCount(identity.userId) == 1;
    const qint64 userId = identity.userId;
    jobs::background(
        ports_.storage, this,
        [this, userId, identity, connection, cameOnline](Store& store) -> JobQueue::Continuation {
            const QList<CoMember> audience = store.coMembers(userId);
            return [this, identity, connection, cameOnline, audience] {
                withOnline(audience, [this, identity, connection, cameOnline,
                                      audience](const QSet<qint64>& online) {
                    QJsonArray snapshot;
                    for (const CoMember& member : audience) {
                        snapshot.append(presenceJson(member, online));
                    }
                    ports_.bus.sendTo(connection, events::presenceSnapshot(snapshot));
                    if (cameOnline) {
                        announceOnlineTo(audience, identity.userPublicId);
                    }
                });
            };
        });
}

void PresenceService::connectionGone(const Identity& identity) {
    if (cluster_ || ports_.directory.isUserOnline(identity.userId) ||
        graceTimers_.contains(identity.userId)) {
        return;
    }
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);  // a coarse timer may fire up to 5% early
    const qint64 goneAt = ports_.clock.nowMs();
    connect(timer, &QTimer::timeout, this,
            [this, identity, goneAt] { goOffline(identity, goneAt); });
    graceTimers_.insert(identity.userId, timer);
    timer->start(offlineGraceMs_);
}

void PresenceService::goOffline(const Identity& identity, qint64 goneAt) {
    if (QTimer* timer = graceTimers_.take(identity.userId)) {
        timer->deleteLater();
    }
    if (ports_.directory.isUserOnline(identity.userId)) {
        return;
    }
    announceOfflineOf(identity.userId, identity.userPublicId, goneAt);
}

void PresenceService::announceOnline(const Identity& identity) {
    jobs::background(
        ports_.storage, this, [this, identity](Store& store) -> JobQueue::Continuation {
            const QList<CoMember> audience = store.coMembers(identity.userId);
            return
                [this, identity, audience] { announceOnlineTo(audience, identity.userPublicId); };
        });
}

void PresenceService::announceOffline(qint64 userId, qint64 goneAt) {
    announceOfflineOf(userId, {}, goneAt);
}

void PresenceService::announceOfflineOf(qint64 userId, const QString& publicId, qint64 goneAt) {
    jobs::background(
        ports_.storage, this,
        [this, userId, publicId, goneAt](Store& store) -> JobQueue::Continuation {
            store.setLastSeen(userId, goneAt);
            QString id = publicId;
            if (id.isEmpty()) {
                const std::optional<UserRecord> user = store.userById(userId);
                id = user ? user->publicId : QString();
            }
            const QList<CoMember> audience = store.coMembers(userId);
            return [this, id, goneAt, audience] {
                if (id.isEmpty()) {
                    return;  // the account is gone
                }
                log::debug("presence.offline", {{"user", id}});
                announce(audience, events::presenceStatus(id, QStringLiteral("offline"), goneAt));
            };
        });
}

void PresenceService::query(const Identity& asker, const QStringList& userIds,
                            const ReplyRef& reply) {
    jobs::forRequest(
        ports_.storage, this, reply,
        [this, asker, userIds, reply](Store& store) -> JobQueue::Continuation {
            const QList<CoMember> known = store.coMembers(asker.userId);
            return [this, known, userIds, reply] {
                QHash<QString, CoMember> byId;
                for (const CoMember& member : known) {
                    if (userIds.contains(member.publicId)) {
                        byId.insert(member.publicId, member);
                    }
                }
                withOnline(byId.values(), [this, byId, userIds, reply](const QSet<qint64>& online) {
                    QJsonArray answer;
                    for (const QString& id : userIds) {
                        const auto it = byId.constFind(id);
                        answer.append(it == byId.constEnd()
                                          ? events::presenceStatus(id, QStringLiteral("unknown"), 0)
                                          : presenceJson(*it, online));
                    }
                    reply->ok({{QStringLiteral("presence"), answer}});
                });
            };
        });
}

}  // namespace natter
