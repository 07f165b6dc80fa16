// Blocking, chat requests and mute (docs/protocol.md 5.6), and reporting which messages reached
// this device (5.5, delivered state), batched: at most once per kDeliveredBatchMs per
// conversation, and only for messages from others.
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <optional>

#include "core/chat_types.h"
#include "core/conversation_store.h"
#include "core/request_sender.h"

class QTimer;

namespace natter {

class ChatSafety : public QObject {
    Q_OBJECT

public:
    static constexpr int kDeliveredBatchMs = 500;

    ChatSafety(RequestSender& link, ConversationStore& store, QObject* parent = nullptr);

    void blockUser(const UserInfo& user);
    void unblockUser(const UserInfo& user);
    // Asks for the blocked list (done after every sign-in and reconnect).
    void loadBlockedUsers();
    QList<UserInfo> blockedUsers() const { return blockedUsers_; }
    bool isBlocked(const QString& userId) const;
    void acceptRequest(const QString& conversationId);
    void setMuted(const QString& conversationId, bool muted);
    bool isMuted(const QString& conversationId) const;
    // Not in muted conversations, not in chat requests, not my own.
    bool wantsNotification(const ChatMessage& message) const;
    // The other member of a private chat; nullopt for groups and unknown conversations.
    std::optional<UserInfo> peerOf(const QString& conversationId) const;
    // The plain words for a refused message, naming the person where it helps; `recipient` is
    // the person a first message was written to before the chat existed.
    QString refusalText(const ChatMessage& message, const RequestFailure& failure,
                        const UserInfo& recipient) const;

    // Messages up to their newest seq are on this device; reported when one is from someone else
    // and the conversation is not a chat request still waiting for me to accept it.
    void noteHeld(const QString& conversationId, const QList<ChatMessage>& messages);
    // Back online and caught up: the blocked list may have changed, reports may be due.
    void onReady();
    void reset();

    // The server's events.
    void onBlockChanged(const QJsonObject& data);
    void onMuted(const QJsonObject& data);
    void onDeliveryReceipt(const QJsonObject& data);

signals:
    // The blocked list changed (loaded, or someone blocked or unblocked on any device).
    void blockedUsersChanged();
    // A conversation in the store changed here (blocked, muted, delivered markers).
    void conversationEdited(const QString& conversationId);
    // The server's answer to accepting a request.
    void conversationAccepted(const natter::Conversation& conversation);

private:
    void applyBlock(const UserInfo& user, bool blocked);
    void applyMuted(const QString& conversationId, bool muted);
    void flushDelivered();
    void sendDelivered(const QString& conversationId, qint64 seq);

    RequestSender& link_;
    ConversationStore& store_;
    QList<UserInfo> blockedUsers_;          // most recently blocked first
    QHash<QString, qint64> deliveredDone_;  // conversation -> my marker as last reported
    QHash<QString, qint64> deliveredDue_;   // conversation -> seq to report at the next flush
    QSet<QString> deliveredInFlight_;
    QTimer* deliveredTimer_;
};

}  // namespace natter
