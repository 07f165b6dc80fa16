// The messages this device wrote that the server has not stored yet (docs/protocol.md 5.2):
// queued in the order they were written, sent one at a time when the client is ready, exactly once
// through client_message_id, held while the server's message rate asks to wait, retried after a
// timeout, and marked failed (with the reason in plain words) when the server refuses them.
#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <functional>
#include <vector>

#include "core/chat_types.h"
#include "core/conversation_store.h"
#include "core/file_types.h"
#include "core/request_sender.h"

namespace natter {

// A new client_message_id (a UUID).
QString newClientMessageId();
// The content fields of a text message (messages.send, conversations.create_group).
QJsonObject textContent(const QString& clientMessageId, const QString& body);

class Outbox : public QObject {
    Q_OBJECT

public:
    // The plain words for a message the server refused.
    using RefusalWording = std::function<QString(const ChatMessage&, const RequestFailure&)>;

    Outbox(RequestSender& link, const ConversationStore& store, RefusalWording wording,
           QObject* parent = nullptr);

    // Returns the client_message_id, or an empty string when the text cannot be sent at all.
    // With replyToSeq > 0, a reply to that message of the conversation (docs/protocol.md 5.2a).
    QString sendText(const QString& conversationId, const QString& body, qint64 replyToSeq = 0);
    // The first message to a person without a private chat yet creates it.
    QString sendTextToUser(const UserInfo& recipient, const QString& body);
    // A photo, video, audio or file message (docs/protocol.md 5.2) with an optional caption. It
    // waits in the queue (without holding back the messages after it) until setUploaded() names
    // its refs; `meta` carries the local paths of the file and thumbnail to upload.
    QString sendAttachment(const QString& conversationId, const QString& type,
                           const AttachmentMeta& meta, const QString& caption);
    // The attachment's file (and thumbnail) are on the server: the message can go out.
    void setUploaded(const QString& clientMessageId, const QString& ref, const QString& thumbRef);
    // Its upload failed for good; the user may retry (which uploads again).
    void setFailed(const QString& clientMessageId, const QString& reason);
    // Takes out a message whose send has not started (an attachment still uploading, or a failed
    // one); false when it is on its way or unknown.
    bool cancel(const QString& clientMessageId);
    void retry(const QString& clientMessageId);
    // Takes a failed message out for good (the user deleted it, or is editing it to send anew);
    // false when it is not a failed message of the queue (a pending one may be on its way).
    bool discard(const QString& clientMessageId);
    // Sends the oldest pending message when the link is ready and no wait is running.
    void flush();

    // Oldest first; a conversation id or, before the chat exists, the recipient's user id is the
    // key of each (keyOf).
    const std::vector<ChatMessage>& messages() const { return messages_; }
    QList<ChatMessage> messagesFor(const QString& key) const;
    bool contains(const QString& clientMessageId) const;
    // Someone written to before a chat with them existed; empty when unknown.
    UserInfo recipient(const QString& userId) const { return recipients_.value(userId); }
    // What is known of a private chat the server just created, until conversations.get answers.
    Conversation privateChatDraft(const QString& conversationId, const QString& recipientId) const;
    static QString keyOf(const ChatMessage& message);

    // Takes a stored message out; returns the user id when it was the first message of a private
    // chat.
    QString resolve(const ChatMessage& stored);
    void dropConversation(const QString& conversationId);
    // Unsent messages of another account must never go out under this one.
    void keepOnlyFrom(const QString& userId);
    void clear();
    // What a cache held (older) replaces the queue, followed by what was written here meanwhile;
    // true when the queue now holds messages the cache lacks.
    bool adoptCached(std::vector<ChatMessage> cached, const QList<UserInfo>& recipients);

signals:
    // An unsent message was added or changed state (pending / failed).
    void outgoingChanged(const QString& key, const natter::ChatMessage& message);
    // An unsent message left the outbox (it is stored now and arrives with messagesAppended).
    void outgoingRemoved(const QString& key, const QString& clientMessageId);
    void sendingThrottled(const QString& key, qint64 retryAfterMs);
    // The server stored a message of mine; `recipientId` is set when it created a private chat.
    // The client stores it (which resolves it) before the outbox goes on.
    void stored(const natter::ChatMessage& message, const QString& recipientId);

private:
    QString queue(ChatMessage message);
    // Text, or an attachment whose upload is done.
    static bool isSendable(const ChatMessage& message);
    static QJsonObject contentOf(const ChatMessage& message);
    ReplyRef quoteOf(const QString& conversationId, qint64 seq) const;
    void onSendAnswer(const QString& clientMessageId, const RequestOutcome& outcome);
    void hold(const ChatMessage& message, qint64 retryAfterMs);
    ChatMessage* find(const QString& clientMessageId);

    RequestSender& link_;
    const ConversationStore& store_;
    RefusalWording wording_;
    std::vector<ChatMessage> messages_;    // oldest first
    QHash<QString, UserInfo> recipients_;  // people written to before a chat with them existed
    bool sending_ = false;
    QString sendingId_;         // the client_message_id of the messages.send in flight
    QDeadlineTimer sendAfter_;  // the server's message rate: the outbox waits until then
};

}  // namespace natter
