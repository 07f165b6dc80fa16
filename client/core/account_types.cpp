#include "core/account_types.h"

#include <QJsonArray>

namespace natter {
namespace {

QDateTime timestampFromJson(const QJsonValue& value) {
    return QDateTime::fromMSecsSinceEpoch(value.toInteger(), Qt::UTC);
}

}  // namespace

UserInfo UserInfo::fromJson(const QJsonObject& object) {
    return UserInfo{object.value(QStringLiteral("id")).toString(),
                    object.value(QStringLiteral("username")).toString(),
                    object.value(QStringLiteral("display_name")).toString()};
}

QJsonObject UserInfo::toJson() const {
    return {{QStringLiteral("id"), id},
            {QStringLiteral("username"), username},
            {QStringLiteral("display_name"), displayName}};
}

SessionInfo SessionInfo::fromJson(const QJsonObject& object) {
    return SessionInfo{object.value(QStringLiteral("id")).toString(),
                       object.value(QStringLiteral("device_name")).toString(),
                       timestampFromJson(object.value(QStringLiteral("created_at"))),
                       timestampFromJson(object.value(QStringLiteral("last_seen_at"))),
                       object.value(QStringLiteral("current")).toBool()};
}

QList<SessionInfo> SessionInfo::listFromJson(const QJsonObject& result) {
    QList<SessionInfo> sessions;
    const QJsonArray array = result.value(QStringLiteral("sessions")).toArray();
    sessions.reserve(array.size());
    for (const QJsonValue& value : array) {
        sessions.append(fromJson(value.toObject()));
    }
    return sessions;
}

}  // namespace natter
