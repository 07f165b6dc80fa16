// One conversation's messages for the conversation view: the stored ones in seq order, then this
// device's unsent ones (pending or failed). Older history is prepended on demand.
#pragma once

#include <QAbstractListModel>

#include "core/chat_types.h"
#include "models/attachment_state.h"
#include "models/message_text.h"
#include "models/new_messages_marker.h"

namespace natter {

class ChatActions;

class MessageListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        SeqRole,
        ClientMessageIdRole,
        SenderIdRole,
        SenderNameRole,
        BodyRole,  // the text to show; system messages in plain words
        TimeRole,  // QDateTime (local time)
        MineRole,
        DeliveryRole,  // natter::Delivery as int
        FailureTextRole,
        IsSystemRole,
        DayBoundaryRole,  // first message of a calendar day (local time): draw a separator
        ShowSenderRole,   // a group message from someone else that starts a run: name it
        ReceiptRole,      // my stored messages: Receipt as int
        SeenByRole,       // QStringList: names of the others who have read it
        ReceiptTextRole,  // "Sent", "Delivered", "Seen", "Seen by 2"; empty when none applies
        NewMessagesRole,  // the first message that was unread at opening: the divider is above it
        // Replies, edits, deletions and reactions (docs/protocol.md 5.2a)
        ReplyToSeqRole,    // the seq a reply answers; 0 for others
        ReplySenderRole,   // who wrote the quoted message
        ReplyPreviewRole,  // the quote's text ("Message deleted" once it is)
        ReplyDeletedRole,  // the quoted message was deleted
        EditedRole,        // edited after it was sent
        DeletedRole,       // a tombstone
        ReactionsRole,     // QVariantList of QVariantMap {emoji, count, mine, names}
        CanReplyRole,      // stored, not a system message, not deleted
        CanEditRole,       // mine, text, within the edit window
        CanDeleteRole,     // mine, or I own the group
        HighlightedRole,   // the target of a jump from a quote, for a moment
        AttachmentRole,    // photo, video, audio, file: a QVariantMap (AttachmentState)
    };
    Q_ENUM(Role)

    // Sent: stored by the server; Delivered: on a device of someone else (docs/protocol.md 5.5);
    // Seen: read by someone else.
    enum class Receipt { None, Sent, Delivered, Seen };

    explicit MessageListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Shows conversation (or private draft) `key` of `chat` and follows its changes.
    void showConversation(ChatActions* chat, const QString& key);
    QString key() const { return key_; }
    // What was unread when the conversation was opened (0: nothing). showConversation() sets it.
    qint64 firstUnreadSeq() const { return newMessages_.firstUnreadSeq(); }
    // Messages came while the user was away from the open chat: the divider moves above the
    // first message from `firstUnreadSeq` on (what was read before stays above it).
    void markNewFrom(qint64 firstUnreadSeq);

    void setContext(const QString& myUserId, bool isGroup, NameLookup names);
    // The other members' read markers (user id -> last_read_seq).
    void setReadPositions(const QHash<QString, qint64>& positions);
    // The other members' delivered markers (user id -> last_delivered_seq).
    void setDeliveredPositions(const QHash<QString, qint64>& positions);
    void setMessages(const QList<natter::ChatMessage>& messages);
    void appendStored(const QList<natter::ChatMessage>& messages);
    void prependOlder(const QList<natter::ChatMessage>& messages);
    void upsertOutgoing(const natter::ChatMessage& message);
    void removeOutgoing(const QString& clientMessageId);

    const ChatMessage& messageAt(int row) const { return rows_.at(row); }
    // The row of a stored message; -1 when it is not loaded.
    int rowOfSeq(qint64 seq) const;
    // My newest message that can still be edited; -1 when there is none.
    int lastEditableRow() const;
    // Marks the row of `seq` for a moment (0: none).
    void setHighlightedSeq(qint64 seq);
    // Whether I reacted to the message in `row` with `emoji`.
    bool hasMyReaction(int row, const QString& emoji) const {
        return rows_.at(row).hasReaction(emoji, myUserId_);
    }

signals:
    // Older messages were put in front (the view keeps its scroll position).
    void olderPrepended(int count);

private:
    int storedCount() const;
    int outgoingRow(const QString& clientMessageId) const;
    bool startsDay(int row) const;
    bool showsSender(int row) const;
    QStringList seenBy(const ChatMessage& message) const;
    Receipt receiptOf(const ChatMessage& message) const;
    QString receiptText(const ChatMessage& message) const;
    QString accessibleText(const ChatMessage& message) const;
    bool deliveredToSomeone(const ChatMessage& message) const;
    void receiptsChanged();
    void onConversationChanged(const Conversation& conversation);
    void refreshRow(int row);
    void refreshNewMessages();
    void disconnectChat();
    // An upload or download moved on, finished or failed (`total` < 0: it is over).
    void onTransfer(const QString& id, qint64 done, qint64 total);
    void applyChanged(const QList<natter::ChatMessage>& messages);
    bool canEdit(const ChatMessage& message) const;
    bool canDelete(const ChatMessage& message) const;
    QVariantList reactionsOf(const ChatMessage& message) const;
    QString replyPreview(const ChatMessage& message) const;
    QString nameOf(const std::optional<UserInfo>& user) const;

    QList<ChatMessage> rows_;
    QString key_;
    QString myUserId_;
    bool isGroup_ = false;
    QString ownerId_;  // of a group: may delete any message
    qint64 highlightedSeq_ = 0;
    NameLookup names_;
    QHash<QString, qint64> readPositions_;
    QHash<QString, qint64> deliveredPositions_;
    QList<QMetaObject::Connection> connections_;
    NewMessagesMarker newMessages_;
    AttachmentState attachments_;
};

}  // namespace natter
