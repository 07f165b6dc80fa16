#include "presence_service.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTimer>

#include "codec.h"
#include "method_names.h"
#include "net/connection_registry.h"
#include "store/storage_executor.h"
#include "util/log.h"

namespace natter {
namespace {

QJsonObject statusJson(const QString& userId, const QString& status, qint64 lastSeenAt) {
    return {
        {QStringLiteral("user_id"), userId},
        {QStringLiteral("status"), status},
        {QStringLiteral("last_seen_at"), lastSeenAt > 0 ? QJsonValue(lastSeenAt) : QJsonValue()}};
}

}  // namespace

PresenceService::PresenceService(StorageExecutor& storage, ConnectionRegistry& registry,
                                 int offlineGraceMs, QObject* parent)
    : QObject(parent), storage_(storage), registry_(registry), offlineGraceMs_(offlineGraceMs) {}

bool PresenceService::isOnline(qint64 userId) const {
    return registry_.isUserOnline(userId) || graceTimers_.contains(userId);
}

QJsonObject PresenceService::presenceJson(const CoMember& member) const {
    return isOnline(member.userId)
               ? statusJson(member.publicId, QStringLiteral("online"), 0)
               : statusJson(member.publicId, QStringLiteral("offline"), member.lastSeenAt);
}

void PresenceService::announce(const QList<CoMember>& audience, const QJsonObject& presence) const {
    const QString text = encodeEvent(QString(event::kPresenceChanged), presence);
    for (const CoMember& member : audience) {
        registry_.sendToUser(member.userId, text);
    }
}

void PresenceService::connectionSignedIn(const Identity& identity,
                                         const ConnectionRef& connection) {
    const bool returnedWithinGrace = graceTimers_.contains(identity.userId);
    if (QTimer* timer = graceTimers_.take(identity.userId)) {
        timer->deleteLater();
    }
    const bool cameOnline = !returnedWithinGrace && registry_.connectionCount(identity.userId) == 1;
    const qint64 userId = identity.userId;
    storage_.submit(this,
                    [this, userId, identity, connection,
                     cameOnline](Store& store) -> StorageExecutor::Continuation {
                        const QList<CoMember> audience = store.coMembers(userId);
                        return [this, identity, connection, cameOnline, audience] {
                            QJsonArray snapshot;
                            for (const CoMember& member : audience) {
                                snapshot.append(presenceJson(member));
                            }
                            ConnectionRegistry::sendTo(
                                connection, encodeEvent(QString(event::kPresenceSnapshot),
                                                        {{QStringLiteral("presence"), snapshot}}));
                            if (cameOnline) {
                                log::debug("presence.online", {{"user", identity.userPublicId}});
                                announce(audience, statusJson(identity.userPublicId,
                                                              QStringLiteral("online"), 0));
                            }
                        };
                    },
                    {});
}

void PresenceService::connectionGone(const Identity& identity) {
    if (registry_.isUserOnline(identity.userId) || graceTimers_.contains(identity.userId)) {
        return;
    }
    auto* timer = new QTimer(this);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer);  // a coarse timer may fire up to 5% early
    const qint64 goneAt = QDateTime::currentMSecsSinceEpoch();
    connect(timer, &QTimer::timeout, this,
            [this, identity, goneAt] { goOffline(identity, goneAt); });
    graceTimers_.insert(identity.userId, timer);
    timer->start(offlineGraceMs_);
}

void PresenceService::goOffline(const Identity& identity, qint64 goneAt) {
    if (QTimer* timer = graceTimers_.take(identity.userId)) {
        timer->deleteLater();
    }
    if (registry_.isUserOnline(identity.userId)) {
        return;
    }
    storage_.submit(this,
                    [this, identity, goneAt](Store& store) -> StorageExecutor::Continuation {
                        store.setLastSeen(identity.userId, goneAt);
                        const QList<CoMember> audience = store.coMembers(identity.userId);
                        return [this, identity, goneAt, audience] {
                            log::debug("presence.offline", {{"user", identity.userPublicId}});
                            announce(audience, statusJson(identity.userPublicId,
                                                          QStringLiteral("offline"), goneAt));
                        };
                    },
                    {});
}

void PresenceService::query(const Identity& asker, const QStringList& userIds,
                            const Responder& responder) {
    storage_.submit(
        this,
        [this, asker, userIds, responder](Store& store) -> StorageExecutor::Continuation {
            const QList<CoMember> known = store.coMembers(asker.userId);
            return [this, known, userIds, responder] {
                QHash<QString, CoMember> byId;
                for (const CoMember& member : known) {
                    byId.insert(member.publicId, member);
                }
                QJsonArray answer;
                for (const QString& id : userIds) {
                    const auto it = byId.constFind(id);
                    answer.append(it == byId.constEnd()
                                      ? statusJson(id, QStringLiteral("unknown"), 0)
                                      : presenceJson(*it));
                }
                responder.ok({{QStringLiteral("presence"), answer}});
            };
        },
        [responder](const QString&) { responder.fail(ErrorCode::InternalError); });
}

}  // namespace natter
