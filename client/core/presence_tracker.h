// Who is online and who is typing (docs/protocol.md 5.4 and the presence and typing events of 5.7),
// and this user's own typing notices, sent at most every kTypingRepeatMs per conversation.
#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QSet>

#include "core/chat_types.h"
#include "core/conversation_store.h"
#include "core/request_sender.h"

class QTimer;

namespace natter {

class PresenceTracker : public QObject {
    Q_OBJECT

public:
    static constexpr int kTypingRepeatMs = 3'000;

    PresenceTracker(RequestSender& link, const ConversationStore& store, QObject* parent = nullptr);

    // Unknown until the server told, while the link is down (forgetPresence) and for people
    // whose presence is hidden (the blocked).
    Presence presence(const QString& userId) const;
    // The link is gone: what we knew goes stale and no change would reach us, so everyone is
    // unknown until the next sign-in's presence.snapshot. Each one known is announced.
    void forgetPresence();
    // Whose presence is not shown (the people I blocked); each one whose visibility changes is
    // announced.
    void setHiddenUsers(const QSet<QString>& userIds);
    // Who is typing in a conversation now (user ids), in the order they started.
    QStringList typingUsers(const QString& conversationId) const;
    // The user typed in the conversation: tells the others, at most every kTypingRepeatMs.
    void noteTyping(const QString& conversationId);
    // The user stopped (cleared the composer, sent, or left the conversation).
    void stopTyping(const QString& conversationId);

    // People met in a new conversation after the sign-in snapshot: asks once what they are.
    void askPresenceOf(const QList<UserInfo>& members);
    // A message from `userId` arrived: they are done typing.
    void noteSent(const QString& conversationId, const QString& userId);
    void forgetConversation(const QString& conversationId);
    // Nothing of the previous connection's people stays.
    void reset();

    // The server's events.
    void onPresenceSnapshot(const QJsonObject& data);
    void onPresenceChanged(const QJsonObject& data);
    void onTyping(const QJsonObject& data);

signals:
    void presenceChanged(const natter::Presence& presence);
    void typingChanged(const QString& conversationId);

private:
    void applyPresence(const Presence& presence);
    // expiresInMs 0: stopped.
    void setTyping(const QString& conversationId, const QString& userId, int expiresInMs);
    void expireTyping();
    void sendTyping(const QString& conversationId, bool typing);

    RequestSender& link_;
    const ConversationStore& store_;
    QHash<QString, Presence> presence_;
    QSet<QString> presenceAsked_;
    QSet<QString> hidden_;
    struct Typist {
        QString userId;
        QDeadlineTimer expires;
    };
    QHash<QString, QList<Typist>> typing_;  // by conversation, in the order they started
    QTimer* typingExpiry_;
    QHash<QString, QDeadlineTimer> typingRepeatAfter_;  // conversations I said I type in
};

}  // namespace natter
