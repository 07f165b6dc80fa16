#include "models/message_list_model.h"

#include "core/chat_actions.h"
#include "protocol_limits.h"

namespace natter {

namespace {

// Rows keep their time in local time, converted once: asking the system for the local time on
// every paint costs file checks of the time zone each time, and scrolling paints many rows.
ChatMessage inLocalTime(ChatMessage message) {
    message.sentAt = message.sentAt.toLocalTime();
    return message;
}

// The rows to show: change entries (docs/protocol.md 5.2a) are applied, never shown.
QList<ChatMessage> inLocalTime(const QList<ChatMessage>& messages) {
    QList<ChatMessage> local;
    local.reserve(messages.size());
    for (const ChatMessage& message : messages) {
        if (!message.isChange()) {
            local.append(inLocalTime(message));
        }
    }
    return local;
}

}  // namespace

MessageListModel::MessageListModel(QObject* parent) : QAbstractListModel(parent) {}

int MessageListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(rows_.size());
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return {};
    }
    const ChatMessage& message = rows_.at(index.row());
    switch (role) {
        case Qt::DisplayRole:
        case BodyRole:
            return MessageText::describe(message, myUserId_, names_);
        case Qt::AccessibleTextRole:
            //: read out before the first message that was unread when the chat was opened
            return newMessages_.isAbove(message)
                       ? tr("New messages. %1").arg(accessibleText(message))
                       : accessibleText(message);
        case NewMessagesRole:
            return newMessages_.isAbove(message);
        case IdRole:
            return message.id;
        case SeqRole:
            return message.seq;
        case ClientMessageIdRole:
            return message.clientMessageId;
        case SenderIdRole:
            return message.sender ? message.sender->id : QString();
        case SenderNameRole:
            return message.sender ? message.sender->displayName : QString();
        case TimeRole:
            return message.sentAt;
        case MineRole:
            return message.sender && message.sender->id == myUserId_;
        case DeliveryRole:
            return int(message.delivery);
        case FailureTextRole:
            return message.failureText;
        case IsSystemRole:
            return message.isSystem();
        case DayBoundaryRole:
            return startsDay(index.row());
        case ShowSenderRole:
            return showsSender(index.row());
        case ReceiptRole:
            return int(receiptOf(message));
        case SeenByRole:
            return seenBy(message);
        case ReceiptTextRole:
            return receiptText(message);
        case ReplyToSeqRole:
            return message.replyTo ? message.replyTo->seq : 0;
        case ReplySenderRole:
            return message.replyTo ? nameOf(message.replyTo->sender) : QString();
        case ReplyPreviewRole:
            return replyPreview(message);
        case ReplyDeletedRole:
            return message.replyTo && message.replyTo->deleted;
        case EditedRole:
            return message.isEdited() && !message.deleted;
        case DeletedRole:
            return message.deleted;
        case ReactionsRole:
            return reactionsOf(message);
        case CanReplyRole:
            return message.delivery == Delivery::Sent && message.seq > 0 && !message.isSystem() &&
                   !message.deleted;
        case CanEditRole:
            return canEdit(message);
        case CanDeleteRole:
            return canDelete(message);
        case AttachmentRole:
            return attachments_.dataFor(message);
        case HighlightedRole:
            return highlightedSeq_ > 0 && message.seq == highlightedSeq_;
        case Qt::ToolTipRole:
            return isGroup_ && receiptOf(message) == Receipt::Seen
                       ? tr("Seen by %1").arg(seenBy(message).join(QStringLiteral(", ")))
                       : QVariant();
        default:
            return {};
    }
}

QHash<int, QByteArray> MessageListModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "messageId"},
                  {SeqRole, "seq"},
                  {ClientMessageIdRole, "clientMessageId"},
                  {SenderIdRole, "senderId"},
                  {SenderNameRole, "senderName"},
                  {BodyRole, "body"},
                  {TimeRole, "time"},
                  {MineRole, "mine"},
                  {DeliveryRole, "delivery"},
                  {FailureTextRole, "failureText"},
                  {IsSystemRole, "isSystem"},
                  {DayBoundaryRole, "dayBoundary"},
                  {ShowSenderRole, "showSender"},
                  {ReceiptRole, "receipt"},
                  {SeenByRole, "seenBy"},
                  {ReceiptTextRole, "receiptText"},
                  {NewMessagesRole, "newMessages"},
                  {ReplyToSeqRole, "replyToSeq"},
                  {ReplySenderRole, "replySender"},
                  {ReplyPreviewRole, "replyPreview"},
                  {ReplyDeletedRole, "replyDeleted"},
                  {EditedRole, "edited"},
                  {DeletedRole, "deleted"},
                  {ReactionsRole, "reactions"},
                  {CanReplyRole, "canReply"},
                  {CanEditRole, "canEdit"},
                  {CanDeleteRole, "canDelete"},
                  {HighlightedRole, "highlighted"},
                  {AttachmentRole, "attachment"}});
    return names;
}

QString MessageListModel::nameOf(const std::optional<UserInfo>& user) const {
    if (!user) {
        return {};
    }
    if (user->id == myUserId_) {
        //: who wrote a quoted message, when it was me
        return tr("You");
    }
    const QString known = names_ ? names_(user->id) : QString();
    return known.isEmpty() ? user->displayName : known;
}

QString MessageListModel::replyPreview(const ChatMessage& message) const {
    if (!message.replyTo) {
        return {};
    }
    if (message.replyTo->deleted) {
        return tr("Message deleted");
    }
    return message.replyTo->preview;
}

bool MessageListModel::canEdit(const ChatMessage& message) const {
    const bool mine = message.sender && message.sender->id == myUserId_;
    return mine && message.type == QStringLiteral("text") && !message.deleted &&
           message.delivery == Delivery::Sent && message.seq > 0 &&
           // The server does not announce its edit window: the documented default is assumed.
           message.sentAt.secsTo(QDateTime::currentDateTimeUtc()) <
               limits::kEditWindowSecondsDefault;
}

bool MessageListModel::canDelete(const ChatMessage& message) const {
    if (message.delivery != Delivery::Sent || message.seq <= 0 || message.isSystem() ||
        message.deleted) {
        return false;
    }
    const bool mine = message.sender && message.sender->id == myUserId_;
    return mine || (isGroup_ && !ownerId_.isEmpty() && ownerId_ == myUserId_);
}

QVariantList MessageListModel::reactionsOf(const ChatMessage& message) const {
    QVariantList list;
    for (const Reaction& reaction : message.reactions) {
        QStringList who;
        for (const QString& userId : reaction.userIds) {
            who << nameOf(UserInfo{userId, {}, tr("someone")});
        }
        list.append(QVariantMap{{QStringLiteral("emoji"), reaction.emoji},
                                {QStringLiteral("count"), reaction.userIds.size()},
                                {QStringLiteral("mine"), reaction.userIds.contains(myUserId_)},
                                {QStringLiteral("names"), who}});
    }
    return list;
}

int MessageListModel::lastEditableRow() const {
    for (int row = int(rows_.size()) - 1; row >= 0; --row) {
        if (canEdit(rows_.at(row))) {
            return row;
        }
    }
    return -1;
}

void MessageListModel::setHighlightedSeq(qint64 seq) {
    const int before = rowOfSeq(highlightedSeq_);
    highlightedSeq_ = seq;
    refreshRow(before);
    refreshRow(rowOfSeq(seq));
}

// Each changed message takes its row's place; ones not loaded are none of this view's business.
void MessageListModel::applyChanged(const QList<ChatMessage>& messages) {
    for (const ChatMessage& message : messages) {
        const int row = rowOfSeq(message.seq);
        if (row >= 0 && row < storedCount() && !message.isChange()) {
            rows_[row] = inLocalTime(message);
            refreshRow(row);
        }
    }
}

bool MessageListModel::startsDay(int row) const {
    return row == 0 || rows_.at(row).sentAt.date() != rows_.at(row - 1).sentAt.date();
}

bool MessageListModel::showsSender(int row) const {
    const ChatMessage& message = rows_.at(row);
    if (!isGroup_ || !message.sender || message.sender->id == myUserId_) {
        return false;
    }
    if (row == 0 || startsDay(row)) {
        return true;
    }
    const ChatMessage& previous = rows_.at(row - 1);
    return !previous.sender || previous.sender->id != message.sender->id;
}

QStringList MessageListModel::seenBy(const ChatMessage& message) const {
    QStringList names;
    if (message.seq <= 0) {
        return names;
    }
    for (auto it = readPositions_.cbegin(); it != readPositions_.cend(); ++it) {
        if (it.key() != myUserId_ && it.value() >= message.seq) {
            const QString name = names_ ? names_(it.key()) : QString();
            names << (name.isEmpty() ? tr("someone") : name);
        }
    }
    names.sort(Qt::CaseInsensitive);
    return names;
}

MessageListModel::Receipt MessageListModel::receiptOf(const ChatMessage& message) const {
    const bool mine = message.sender && message.sender->id == myUserId_;
    // A tombstone has no receipt: nobody reads a deleted message, an old tick would mislead.
    if (!mine || message.isSystem() || message.delivery != Delivery::Sent || message.deleted) {
        return Receipt::None;
    }
    if (!seenBy(message).isEmpty()) {
        return Receipt::Seen;
    }
    return deliveredToSomeone(message) ? Receipt::Delivered : Receipt::Sent;
}

bool MessageListModel::deliveredToSomeone(const ChatMessage& message) const {
    for (auto it = deliveredPositions_.cbegin(); it != deliveredPositions_.cend(); ++it) {
        if (it.key() != myUserId_ && it.value() >= message.seq) {
            return true;
        }
    }
    return false;
}

QString MessageListModel::receiptText(const ChatMessage& message) const {
    switch (receiptOf(message)) {
        case Receipt::None:
            return {};
        case Receipt::Sent:
            //: my message is stored; it has not reached anyone else's device yet
            return tr("Sent");
        case Receipt::Delivered:
            //: my message reached a device of the other person (or of a group member)
            return tr("Delivered");
        case Receipt::Seen:
            break;
    }
    //: %n is how many group members have read my message
    return isGroup_ ? tr("Seen by %n", nullptr, int(seenBy(message).size())) : tr("Seen");
}

QString MessageListModel::accessibleText(const ChatMessage& message) const {
    QString text = MessageText::describe(message, myUserId_, names_);
    if (message.sender) {
        text = message.sender->displayName + QStringLiteral(": ") + text;
    }
    const QString receipt = receiptText(message);
    return receipt.isEmpty() ? text : text + QStringLiteral(" (") + receipt + QLatin1Char(')');
}

void MessageListModel::setReadPositions(const QHash<QString, qint64>& positions) {
    if (positions == readPositions_) {
        return;
    }
    readPositions_ = positions;
    receiptsChanged();
}

void MessageListModel::setDeliveredPositions(const QHash<QString, qint64>& positions) {
    if (positions == deliveredPositions_) {
        return;
    }
    deliveredPositions_ = positions;
    receiptsChanged();
}

void MessageListModel::receiptsChanged() {
    if (!rows_.isEmpty()) {
        emit dataChanged(
            index(0), index(int(rows_.size()) - 1),
            {ReceiptRole, SeenByRole, ReceiptTextRole, Qt::ToolTipRole, Qt::AccessibleTextRole});
    }
}

void MessageListModel::onConversationChanged(const Conversation& conversation) {
    isGroup_ = conversation.isGroup();
    ownerId_ = conversation.ownerId;
    setReadPositions(conversation.readPositions);
    setDeliveredPositions(conversation.deliveredPositions);
}

void MessageListModel::onTransfer(const QString& id, qint64 done, qint64 total) {
    if (total < 0 || done >= total) {
        attachments_.endProgress(id);
    } else {
        attachments_.setProgress(id, done, total);
    }
    for (int row = 0; row < rows_.size(); ++row) {
        if (AttachmentState::concerns(rows_.at(row), id)) {
            refreshRow(row);
        }
    }
}

void MessageListModel::disconnectChat() {
    for (const QMetaObject::Connection& connection : std::as_const(connections_)) {
        disconnect(connection);
    }
    connections_.clear();
}

void MessageListModel::showConversation(ChatActions* chat, const QString& key) {
    disconnectChat();
    key_ = key;
    const auto conversation = chat->conversation(key);
    setContext(chat->myUserId(), conversation && conversation->isGroup(),
               [chat](const QString& userId) {
                   const auto user = chat->user(userId);
                   return user ? user->displayName : QString();
               });
    ownerId_ = conversation ? conversation->ownerId : QString();
    highlightedSeq_ = 0;
    readPositions_ = conversation ? conversation->readPositions : QHash<QString, qint64>();
    deliveredPositions_ =
        conversation ? conversation->deliveredPositions : QHash<QString, qint64>();
    newMessages_.reset(conversation && conversation->unreadCount > 0 ? conversation->lastReadSeq + 1
                                                                     : 0);
    attachments_.setChat(chat);
    setMessages(chat->messages(key));
    auto forMe = [this](const QString& candidate) { return candidate == key_; };
    connections_ << connect(chat, &ChatActions::transferProgress, this,
                            &MessageListModel::onTransfer);
    connections_ << connect(chat, &ChatActions::fileDownloaded, this,
                            [this](const QString& ref) { onTransfer(ref, 0, -1); });
    connections_ << connect(chat, &ChatActions::fileDownloadFailed, this,
                            [this](const QString& ref) {
                                attachments_.markFailed(ref);
                                onTransfer(ref, 0, -1);
                            });
    connections_ << connect(chat, &ChatActions::messagesAppended, this,
                            [=, this](const QString& k, const QList<ChatMessage>& messages) {
                                if (forMe(k))
                                    appendStored(messages);
                            });
    connections_ << connect(chat, &ChatActions::olderMessagesLoaded, this,
                            [=, this](const QString& k, const QList<ChatMessage>& messages) {
                                if (forMe(k))
                                    prependOlder(messages);
                            });
    connections_ << connect(chat, &ChatActions::messagesChanged, this,
                            [=, this](const QString& k, const QList<ChatMessage>& messages) {
                                if (forMe(k))
                                    applyChanged(messages);
                            });
    connections_ << connect(chat, &ChatActions::outgoingChanged, this,
                            [=, this](const QString& k, const ChatMessage& message) {
                                if (forMe(k))
                                    upsertOutgoing(message);
                            });
    connections_ << connect(chat, &ChatActions::outgoingRemoved, this,
                            [=, this](const QString& k, const QString& clientMessageId) {
                                if (forMe(k))
                                    removeOutgoing(clientMessageId);
                            });
    connections_ << connect(chat, &ChatActions::conversationChanged, this,
                            [=, this](const Conversation& c) {
                                if (forMe(c.id))
                                    onConversationChanged(c);
                            });
}

void MessageListModel::setContext(const QString& myUserId, bool isGroup, NameLookup names) {
    myUserId_ = myUserId;
    isGroup_ = isGroup;
    names_ = std::move(names);
}

void MessageListModel::setMessages(const QList<ChatMessage>& messages) {
    beginResetModel();
    rows_ = inLocalTime(messages);
    newMessages_.update(rows_, myUserId_);
    endResetModel();
}

int MessageListModel::storedCount() const {
    int count = 0;
    while (count < rows_.size() && rows_.at(count).delivery == Delivery::Sent) {
        ++count;
    }
    return count;
}

void MessageListModel::refreshRow(int row) {
    if (row >= 0 && row < rows_.size()) {
        emit dataChanged(index(row), index(row));
    }
}

// The divider appears once its message is loaded; its row and the one it left repaint.
void MessageListModel::refreshNewMessages() {
    const qint64 before = newMessages_.dividerSeq();
    if (newMessages_.update(rows_, myUserId_)) {
        refreshRow(rowOfSeq(before));
        refreshRow(rowOfSeq(newMessages_.dividerSeq()));
    }
}

void MessageListModel::markNewFrom(qint64 firstUnreadSeq) {
    if (firstUnreadSeq == newMessages_.firstUnreadSeq()) {
        return;
    }
    const qint64 before = newMessages_.dividerSeq();
    newMessages_.reset(firstUnreadSeq);
    newMessages_.update(rows_, myUserId_);
    refreshRow(rowOfSeq(before));
    refreshRow(rowOfSeq(newMessages_.dividerSeq()));
}

int MessageListModel::rowOfSeq(qint64 seq) const {
    if (seq <= 0) {
        return -1;
    }
    for (int row = 0; row < rows_.size(); ++row) {
        if (rows_.at(row).seq == seq) {
            return row;
        }
    }
    return -1;
}

void MessageListModel::appendStored(const QList<ChatMessage>& stored) {
    const QList<ChatMessage> messages = inLocalTime(stored);
    if (messages.isEmpty()) {
        return;
    }
    const int first = storedCount();
    beginInsertRows({}, first, first + int(messages.size()) - 1);
    for (int i = 0; i < messages.size(); ++i) {
        rows_.insert(first + i, messages.at(i));
    }
    endInsertRows();
    refreshRow(first + int(messages.size()));  // the next row may now continue a run or a day
    refreshNewMessages();
}

void MessageListModel::prependOlder(const QList<ChatMessage>& older) {
    const QList<ChatMessage> messages = inLocalTime(older);
    if (messages.isEmpty()) {
        return;
    }
    beginInsertRows({}, 0, int(messages.size()) - 1);
    rows_ = messages + rows_;
    endInsertRows();
    refreshRow(int(messages.size()));
    refreshNewMessages();
    emit olderPrepended(int(messages.size()));
}

int MessageListModel::outgoingRow(const QString& clientMessageId) const {
    for (int row = storedCount(); row < rows_.size(); ++row) {
        if (rows_.at(row).clientMessageId == clientMessageId) {
            return row;
        }
    }
    return -1;
}

void MessageListModel::upsertOutgoing(const ChatMessage& message) {
    const int row = outgoingRow(message.clientMessageId);
    if (row >= 0) {
        rows_[row] = inLocalTime(message);
        refreshRow(row);
        return;
    }
    beginInsertRows({}, int(rows_.size()), int(rows_.size()));
    rows_.append(inLocalTime(message));
    endInsertRows();
}

void MessageListModel::removeOutgoing(const QString& clientMessageId) {
    const int row = outgoingRow(clientMessageId);
    if (row < 0) {
        return;
    }
    beginRemoveRows({}, row, row);
    rows_.removeAt(row);
    endRemoveRows();
    refreshRow(row);
}

}  // namespace natter
