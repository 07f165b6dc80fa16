// The user and session objects of docs/protocol.md section 3.4, as the client keeps them.
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace natter {

struct UserInfo {
    QString id;
    QString username;
    QString displayName;

    static UserInfo fromJson(const QJsonObject& object);
    QJsonObject toJson() const;
};

// One signed-in device of the user.
struct SessionInfo {
    QString id;
    QString deviceName;
    QDateTime createdAt;
    QDateTime lastSeenAt;
    bool current = false;  // the session of this connection

    static SessionInfo fromJson(const QJsonObject& object);
    static QList<SessionInfo> listFromJson(const QJsonObject& result);
};

// Who this client is signed in as, after auth.register, auth.login or auth.resume.
struct SignedInAccount {
    UserInfo user;
    SessionInfo session;
};

}  // namespace natter

Q_DECLARE_METATYPE(natter::UserInfo)
Q_DECLARE_METATYPE(natter::SessionInfo)
Q_DECLARE_METATYPE(natter::SignedInAccount)
