// The signed-in devices of the user (sessions.list), for views. Fed by the core layer.
#pragma once

#include <QAbstractListModel>
#include <QList>

#include "core/account_types.h"

namespace natter {

class SessionsModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        DeviceNameRole,
        CreatedAtRole,
        LastSeenAtRole,
        CurrentRole,
    };
    Q_ENUM(Role)

    explicit SessionsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces the whole list (the server's answer to sessions.list).
    void setSessions(const QList<natter::SessionInfo>& sessions);
    // Drops one session, e.g. after it was revoked.
    void removeSession(const QString& sessionId);
    // Drops every session except the current one (after sessions.revoke_others).
    void keepOnlyCurrent();
    void clear();

    const SessionInfo& sessionAt(int row) const { return sessions_.at(row); }

private:
    QString displayText(const SessionInfo& session) const;

    QList<SessionInfo> sessions_;
};

}  // namespace natter
