// The people the user has blocked (docs/protocol.md 5.6, users.blocked), most recently blocked
// first, for the People page. Follows the chat core (ChatActions), whose block.changed events
// keep it in step with the user's other devices.
#pragma once

#include <QAbstractListModel>
#include <QList>

#include "core/account_types.h"

namespace natter {

class ChatActions;

class BlockedUsersModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        UsernameRole,
        DisplayNameRole,
    };
    Q_ENUM(Role)

    explicit BlockedUsersModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void connectTo(ChatActions* chat);
    // Replaces the rows, moving as few as it can: rows that stay keep their Unblock buttons.
    void setUsers(const QList<natter::UserInfo>& users);
    // Asks the server to unblock the person in `row` (the row goes when the server agrees).
    void unblock(int row);
    const UserInfo& userAt(int row) const { return users_.at(row); }

private:
    int rowOf(const QString& userId) const;

    QList<UserInfo> users_;
    ChatActions* chat_ = nullptr;
};

}  // namespace natter
