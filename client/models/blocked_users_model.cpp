#include "models/blocked_users_model.h"

#include "core/chat_actions.h"

namespace natter {

BlockedUsersModel::BlockedUsersModel(QObject* parent) : QAbstractListModel(parent) {}

int BlockedUsersModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(users_.size());
}

QVariant BlockedUsersModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const UserInfo& user = users_.at(index.row());
    switch (role) {
        case Qt::DisplayRole:
            //: a blocked person: %1 is the display name, %2 the username
            return tr("%1 (@%2)").arg(user.displayName, user.username);
        case Qt::AccessibleTextRole:
            //: %1 is a blocked person's display name
            return tr("%1, blocked").arg(user.displayName);
        case IdRole:
            return user.id;
        case UsernameRole:
            return user.username;
        case DisplayNameRole:
            return user.displayName;
        default:
            return {};
    }
}

QHash<int, QByteArray> BlockedUsersModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(
        {{IdRole, "userId"}, {UsernameRole, "username"}, {DisplayNameRole, "displayName"}});
    return names;
}

void BlockedUsersModel::connectTo(ChatActions* chat) {
    chat_ = chat;
    connect(chat, &ChatActions::blockedUsersChanged, this,
            [this, chat] { setUsers(chat->blockedUsers()); });
    setUsers(chat->blockedUsers());
}

int BlockedUsersModel::rowOf(const QString& userId) const {
    for (int row = 0; row < users_.size(); ++row) {
        if (users_.at(row).id == userId) {
            return row;
        }
    }
    return -1;
}

// Removes the rows that went, then inserts the new ones where the new list has them; what
// remains is in the same relative order in both lists, as both are "most recent first".
void BlockedUsersModel::setUsers(const QList<UserInfo>& users) {
    for (int row = int(users_.size()) - 1; row >= 0; --row) {
        const QString id = users_.at(row).id;
        if (std::none_of(users.cbegin(), users.cend(),
                         [&](const UserInfo& u) { return u.id == id; })) {
            beginRemoveRows({}, row, row);
            users_.removeAt(row);
            endRemoveRows();
        }
    }
    for (int row = 0; row < users.size(); ++row) {
        const int found = rowOf(users.at(row).id);
        if (found == row) {
            users_[row] = users.at(row);  // a new display name
            emit dataChanged(index(row), index(row));
            continue;
        }
        if (found > row) {  // out of order: take it out, it goes in again below
            beginRemoveRows({}, found, found);
            users_.removeAt(found);
            endRemoveRows();
        }
        beginInsertRows({}, row, row);
        users_.insert(row, users.at(row));
        endInsertRows();
    }
}

void BlockedUsersModel::unblock(int row) {
    if (chat_ != nullptr && row >= 0 && row < users_.size()) {
        chat_->unblockUser(users_.at(row));
    }
}

}  // namespace natter
