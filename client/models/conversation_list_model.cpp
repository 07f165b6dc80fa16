#include "models/conversation_list_model.h"

#include "core/chat_actions.h"

namespace natter {

ConversationListModel::ConversationListModel(QObject* parent) : QAbstractListModel(parent) {}

int ConversationListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

QString ConversationListModel::initialsOf(const QString& name) {
    QString initials;
    for (const QString& word : name.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (initials.size() < 2 && word.at(0).isLetterOrNumber()) {
            initials.append(word.at(0).toUpper());
        }
    }
    return initials.isEmpty() ? QStringLiteral("?") : initials;
}

QString ConversationListModel::peerId(const Conversation& conversation) const {
    if (!conversation.isGroup()) {
        for (const UserInfo& member : conversation.members) {
            if (member.id != myUserId_) {
                return member.id;
            }
        }
    }
    return {};
}

QString ConversationListModel::avatarKey(const Conversation& conversation) const {
    const QString peer = peerId(conversation);
    return peer.isEmpty() ? conversation.id : peer;  // the same colour as that person everywhere
}

Presence::Status ConversationListModel::peerStatus(const Conversation& conversation) const {
    const QString peer = peerId(conversation);
    return peer.isEmpty() || !presence_ ? Presence::Status::Unknown : presence_(peer).status;
}

// "Ann Lee, 3 unread, online: see you" for screen readers.
QString ConversationListModel::accessibleText(const Conversation& conversation) const {
    QStringList parts{conversation.name};
    if (conversation.unreadCount > 0) {
        parts << tr("%n unread", nullptr, conversation.unreadCount);
    }
    switch (peerStatus(conversation)) {
        case Presence::Status::Online:
            parts << tr("online");
            break;
        case Presence::Status::Offline:
            parts << tr("offline");
            break;
        case Presence::Status::Unknown:
            break;
    }
    if (conversation.request) {
        parts << tr("chat request");
    }
    if (conversation.muted) {
        parts << tr("muted");
    }
    QString text = parts.join(QStringLiteral(", "));
    if (const QString draft = draftOf(conversation); !draft.isEmpty()) {
        //: the start of a message the user wrote in the chat and did not send yet
        text += QStringLiteral(": ") + tr("Draft: %1").arg(draft.simplified());
    } else if (conversation.lastMessage) {
        text += QStringLiteral(": ") + MessageText::preview(*conversation.lastMessage, myUserId_,
                                                            names_, conversation.isGroup());
    }
    return text;
}

QVariant ConversationListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const Conversation& conversation = rows_.at(index.row());
    switch (role) {
        case Qt::DisplayRole:
        case NameRole:
            return conversation.name;
        case Qt::AccessibleTextRole:
            return accessibleText(conversation);
        case IdRole:
            return conversation.id;
        case PreviewRole:
            return conversation.lastMessage
                       ? MessageText::preview(*conversation.lastMessage, myUserId_, names_,
                                              conversation.isGroup())
                       : QString();
        case LastActivityRole:
            return conversation.lastActivityAt;
        case IsGroupRole:
            return conversation.isGroup();
        case MemberNamesRole: {
            QStringList names;
            for (const UserInfo& member : conversation.members) {
                names.append(member.displayName);
            }
            return names;
        }
        case UnreadCountRole:
            return conversation.unreadCount;
        case PresenceRole:
            return int(peerStatus(conversation));
        case AvatarKeyRole:
            return avatarKey(conversation);
        case InitialsRole:
            return initialsOf(conversation.name);
        case MutedRole:
            return conversation.muted;
        case RequestRole:
            return conversation.request;
        case BlockedRole:
            return conversation.blocked;
        case DraftRole:
            return draftOf(conversation);
        default:
            return {};
    }
}

QHash<int, QByteArray> ConversationListModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "conversationId"},
                  {NameRole, "name"},
                  {PreviewRole, "preview"},
                  {LastActivityRole, "lastActivity"},
                  {IsGroupRole, "isGroup"},
                  {MemberNamesRole, "memberNames"},
                  {UnreadCountRole, "unreadCount"},
                  {AvatarKeyRole, "avatarKey"},
                  {InitialsRole, "initials"},
                  {PresenceRole, "presence"},
                  {MutedRole, "muted"},
                  {RequestRole, "request"},
                  {BlockedRole, "blocked"},
                  {DraftRole, "draft"}});
    return names;
}

void ConversationListModel::connectTo(ChatActions* chat) {
    setNameLookup([chat](const QString& userId) {
        const auto user = chat->user(userId);
        return user ? user->displayName : QString();
    });
    connect(chat, &ChatActions::conversationsReset, this, [this, chat] {
        setMyUserId(chat->myUserId());
        setConversations(chat->conversations());
    });
    connect(chat, &ChatActions::conversationChanged, this, &ConversationListModel::upsert);
    connect(chat, &ChatActions::conversationRemoved, this, &ConversationListModel::remove);
    setPresenceLookup([chat](const QString& userId) { return chat->presence(userId); });
    setDraftLookup([chat](const QString& conversationId) { return chat->draft(conversationId); });
    connect(chat, &ChatActions::draftChanged, this, &ConversationListModel::onDraftChanged);
    connect(chat, &ChatActions::presenceChanged, this, &ConversationListModel::onPresenceChanged);
    setMyUserId(chat->myUserId());
    setConversations(chat->conversations());
}

void ConversationListModel::setConversations(const QList<Conversation>& conversations) {
    beginResetModel();
    rows_ = conversations;
    endResetModel();
    countRequests();
}

void ConversationListModel::countRequests() {
    const int count = int(std::count_if(rows_.cbegin(), rows_.cend(), [](const Conversation& c) {
        return c.request && !c.blocked;
    }));
    if (count != requestCount_) {
        requestCount_ = count;
        emit requestCountChanged(count);
    }
}

void ConversationListModel::upsert(const Conversation& conversation) {
    const int row = rowOf(conversation.id);
    if (row >= 0) {
        rows_[row] = conversation;
        emit dataChanged(index(row), index(row));
        countRequests();
        return;
    }
    beginInsertRows({}, int(rows_.size()), int(rows_.size()));
    rows_.append(conversation);
    endInsertRows();
    countRequests();
}

void ConversationListModel::remove(const QString& conversationId) {
    const int row = rowOf(conversationId);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    rows_.removeAt(row);
    endRemoveRows();
    countRequests();
}

void ConversationListModel::onPresenceChanged(const Presence& presence) {
    for (int row = 0; row < rows_.size(); ++row) {
        if (peerId(rows_.at(row)) == presence.userId) {
            emit dataChanged(index(row), index(row), {PresenceRole, Qt::AccessibleTextRole});
        }
    }
}

void ConversationListModel::onDraftChanged(const QString& key) {
    const int row = rowOf(key);
    if (row >= 0) {
        emit dataChanged(index(row), index(row), {DraftRole, Qt::AccessibleTextRole});
    }
}

QString ConversationListModel::draftOf(const Conversation& conversation) const {
    return drafts_ ? drafts_(conversation.id) : QString();
}

int ConversationListModel::rowOf(const QString& conversationId) const {
    for (int row = 0; row < rows_.size(); ++row) {
        if (rows_.at(row).id == conversationId) {
            return row;
        }
    }
    return -1;
}

ConversationFilterModel::ConversationFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
    sort(0, Qt::AscendingOrder);
}

void ConversationFilterModel::setFilterText(const QString& text) {
    text_ = text.trimmed();
    invalidate();  // the order depends on the text too
}

void ConversationFilterModel::setShowRequests(bool requests) {
    if (requests != requests_) {
        requests_ = requests;
        invalidateFilter();
    }
}

bool ConversationFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& parent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, parent);
    const bool request = index.data(ConversationListModel::RequestRole).toBool();
    if (request != requests_ ||
        (request && index.data(ConversationListModel::BlockedRole).toBool())) {
        return false;  // the other section, or a declined request
    }
    const QString& text = text_;
    if (text.isEmpty()) {
        return true;
    }
    QStringList haystack = index.data(ConversationListModel::MemberNamesRole).toStringList();
    haystack.append(index.data(ConversationListModel::NameRole).toString());
    return std::any_of(haystack.cbegin(), haystack.cend(), [&](const QString& name) {
        return name.contains(text, Qt::CaseInsensitive);
    });
}

int ConversationFilterModel::matchRank(const QModelIndex& index) const {
    if (text_.isEmpty()) {
        return 0;
    }
    const QString name = index.data(ConversationListModel::NameRole).toString();
    int rank = kOtherMatch;
    if (name.compare(text_, Qt::CaseInsensitive) == 0) {
        rank = kExactName;
    } else if (name.startsWith(text_, Qt::CaseInsensitive)) {
        rank = kNamePrefix;
    } else {
        const QStringList words = name.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (std::any_of(words.cbegin(), words.cend(), [this](const QString& word) {
                return word.startsWith(text_, Qt::CaseInsensitive);
            })) {
            rank = kWordPrefix;
        }
    }
    // Within a rank, the person before a group they are in.
    return 2 * rank + (index.data(ConversationListModel::IsGroupRole).toBool() ? 1 : 0);
}

// "Less" sorts first: while filtering, the best match first (see matchRank); then the most
// recent activity; ties by name for a stable order.
bool ConversationFilterModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const int leftRank = matchRank(left);
    const int rightRank = matchRank(right);
    if (leftRank != rightRank) {
        return leftRank < rightRank;
    }
    const QDateTime a = left.data(ConversationListModel::LastActivityRole).toDateTime();
    const QDateTime b = right.data(ConversationListModel::LastActivityRole).toDateTime();
    if (a != b) {
        return a > b;
    }
    return left.data(ConversationListModel::NameRole)
               .toString()
               .localeAwareCompare(right.data(ConversationListModel::NameRole).toString()) < 0;
}

}  // namespace natter
