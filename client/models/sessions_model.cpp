#include "models/sessions_model.h"

#include <QLocale>

namespace natter {

SessionsModel::SessionsModel(QObject* parent) : QAbstractListModel(parent) {}

int SessionsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(sessions_.size());
}

QVariant SessionsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const SessionInfo& session = sessions_.at(index.row());
    switch (role) {
        case Qt::DisplayRole:
            return displayText(session);
        case Qt::ToolTipRole:
            return tr("Signed in on %1")
                .arg(QLocale().toString(session.createdAt.toLocalTime(), QLocale::ShortFormat));
        case IdRole:
            return session.id;
        case DeviceNameRole:
            return session.deviceName;
        case CreatedAtRole:
            return session.createdAt;
        case LastSeenAtRole:
            return session.lastSeenAt;
        case CurrentRole:
            return session.current;
        default:
            return {};
    }
}

QHash<int, QByteArray> SessionsModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(IdRole, "sessionId");
    names.insert(DeviceNameRole, "deviceName");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(LastSeenAtRole, "lastSeenAt");
    names.insert(CurrentRole, "current");
    return names;
}

void SessionsModel::setSessions(const QList<SessionInfo>& sessions) {
    beginResetModel();
    sessions_ = sessions;
    endResetModel();
}

void SessionsModel::removeSession(const QString& sessionId) {
    for (int row = 0; row < sessions_.size(); ++row) {
        if (sessions_.at(row).id == sessionId) {
            beginRemoveRows({}, row, row);
            sessions_.removeAt(row);
            endRemoveRows();
            return;
        }
    }
}

void SessionsModel::keepOnlyCurrent() {
    for (int row = int(sessions_.size()) - 1; row >= 0; --row) {
        if (!sessions_.at(row).current) {
            beginRemoveRows({}, row, row);
            sessions_.removeAt(row);
            endRemoveRows();
        }
    }
}

void SessionsModel::clear() {
    setSessions({});
}

QString SessionsModel::displayText(const SessionInfo& session) const {
    const QString lastSeen =
        QLocale().toString(session.lastSeenAt.toLocalTime(), QLocale::ShortFormat);
    const QString name =
        session.current ? tr("%1 (This device)").arg(session.deviceName) : session.deviceName;
    return name + QLatin1Char('\n') + tr("Last active: %1").arg(lastSeen);
}

}  // namespace natter
