// One conversation's messages for the conversation view: the stored ones in seq order, then this
// device's unsent ones (pending or failed). Older history is prepended on demand.
#pragma once

#include <QAbstractListModel>

#include "chat_types.h"
#include "message_text.h"

namespace natter {

class ChatClient;

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
        TimeRole,  // QDateTime (UTC)
        MineRole,
        DeliveryRole,  // natter::Delivery as int
        FailureTextRole,
        IsSystemRole,
        DayBoundaryRole,  // first message of a calendar day (local time): draw a separator
        ShowSenderRole,   // a group message from someone else that starts a run: name it
    };
    Q_ENUM(Role)

    explicit MessageListModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Shows conversation (or private draft) `key` of `chat` and follows its changes.
    void showConversation(ChatClient* chat, const QString& key);
    QString key() const { return key_; }

    void setContext(const QString& myUserId, bool isGroup, NameLookup names);
    void setMessages(const QList<natter::ChatMessage>& messages);
    void appendStored(const QList<natter::ChatMessage>& messages);
    void prependOlder(const QList<natter::ChatMessage>& messages);
    void upsertOutgoing(const natter::ChatMessage& message);
    void removeOutgoing(const QString& clientMessageId);

    const ChatMessage& messageAt(int row) const { return rows_.at(row); }

signals:
    // Older messages were put in front (the view keeps its scroll position).
    void olderPrepended(int count);

private:
    int storedCount() const;
    int outgoingRow(const QString& clientMessageId) const;
    bool startsDay(int row) const;
    bool showsSender(int row) const;
    void refreshRow(int row);
    void disconnectChat();

    QList<ChatMessage> rows_;
    QString key_;
    QString myUserId_;
    bool isGroup_ = false;
    NameLookup names_;
    QList<QMetaObject::Connection> connections_;
};

}  // namespace natter
