// The chat part of docs/protocol.md (sections 5.2, 5.3, 5.7) on top of the signed-in connection of
// an AccountClient: conversations, messages with an outbox (exactly-once sending through
// client_message_id), history paging, catch-up with `sync` after every reconnect, group
// management, people search, and the server's events.
#pragma once

#include <QDeadlineTimer>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <memory>
#include <optional>
#include <vector>

#include "account_client.h"
#include "chat_types.h"
#include "conversation_store.h"

namespace natter {

class ChatClient : public QObject {
    Q_OBJECT

public:
    explicit ChatClient(AccountClient* account, QObject* parent = nullptr);
    ~ChatClient() override;

    // --- the local cache (chat_client_cache.cpp): one file per account in `dir`, so a restart
    // shows what was known at once (offline too) and unsent messages survive. Off when empty.
    void setCacheDirectory(const QString& dir);
    // The signed-in (or restored) account's cache file; empty when there is none.
    QString cacheFile() const;

    // --- what the client knows
    QList<Conversation> conversations() const { return store_.conversations(); }
    std::optional<Conversation> conversation(const QString& id) const { return store_.find(id); }
    // One conversation's stored messages in seq order, then this device's unsent ones. `key` is a
    // conversation id, or a user id for a private chat whose first message is not stored yet.
    QList<ChatMessage> messages(const QString& key) const;
    bool hasOlderMessages(const QString& conversationId) const;
    std::optional<UserInfo> user(const QString& userId) const { return store_.user(userId); }
    std::optional<QString> privateConversationWith(const QString& userId) const;
    QString myUserId() const;
    // True once the conversation list (or the catch-up after a reconnect) is complete.
    bool isReady() const { return ready_; }
    // Messages per conversation in one `sync` answer (1..200; the most by default).
    void setSyncPageSize(int messages) { syncPageSize_ = messages; }

    // --- sending (queued in the outbox; sent when online, in order)
    // Returns the client_message_id, or an empty string when the text cannot be sent at all.
    QString sendText(const QString& conversationId, const QString& body);
    // The first message to a person without a private chat yet creates it.
    QString sendTextToUser(const UserInfo& recipient, const QString& body);
    void retry(const QString& clientMessageId);

    // --- requests
    void loadOlderMessages(const QString& conversationId);
    void createGroup(const QString& name, const QStringList& memberIds,
                     const QString& firstMessage);
    void addMembers(const QString& conversationId, const QStringList& memberIds);
    void removeMember(const QString& conversationId, const QString& memberId);
    void renameGroup(const QString& conversationId, const QString& name);
    void leaveGroup(const QString& conversationId);
    void searchUsers(const QString& query);
    void loadRecentContacts();

    // --- read state, presence and typing (docs/protocol.md 5.4, 5.5; chat_client_presence.cpp)
    int totalUnread() const { return store_.totalUnread(); }
    // Marks the conversation read up to `seq` (the highest seq shown); never moves back.
    void markRead(const QString& conversationId, qint64 seq);
    // Unknown until the server told.
    Presence presence(const QString& userId) const;
    // Who is typing in a conversation now (user ids), in the order they started.
    QStringList typingUsers(const QString& conversationId) const;
    // The user typed in the conversation: tells the others, at most every kTypingRepeatMs.
    void noteTyping(const QString& conversationId);
    // The user stopped (cleared the composer, sent, or left the conversation).
    void stopTyping(const QString& conversationId);

    static constexpr int kTypingRepeatMs = 3'000;

    // --- safety and delivery (docs/protocol.md 5.5 delivered, 5.6; chat_client_safety.cpp)
    // Delivered markers are reported by themselves for messages from others, at most once per
    // kDeliveredBatchMs per conversation.
    void blockUser(const natter::UserInfo& user);
    void unblockUser(const natter::UserInfo& user);
    // Asks for the blocked list (done after every sign-in and reconnect).
    void loadBlockedUsers();
    QList<UserInfo> blockedUsers() const { return blockedUsers_; }
    bool isBlocked(const QString& userId) const;
    void acceptRequest(const QString& conversationId);
    void setMuted(const QString& conversationId, bool muted);
    bool isMuted(const QString& conversationId) const;
    // Whether a message that arrived deserves a desktop notification: not in muted
    // conversations, not in chat requests, not my own.
    bool wantsNotification(const natter::ChatMessage& message) const;
    // The other member of a private chat; nullopt for groups and unknown conversations.
    std::optional<UserInfo> peerOf(const QString& conversationId) const;

    static constexpr int kDeliveredBatchMs = 500;

signals:
    void readyChanged(bool ready);
    void conversationsReset();
    void conversationChanged(const natter::Conversation& conversation);
    void conversationRemoved(const QString& conversationId);
    // Newly stored messages, at the end of the conversation, in seq order.
    void messagesAppended(const QString& conversationId,
                          const QList<natter::ChatMessage>& messages);
    void olderMessagesLoaded(const QString& conversationId,
                             const QList<natter::ChatMessage>& messages);
    // An unsent message was added or changed state (pending / failed).
    void outgoingChanged(const QString& key, const natter::ChatMessage& message);
    // An unsent message left the outbox (it is stored now and arrives with messagesAppended).
    void outgoingRemoved(const QString& key, const QString& clientMessageId);
    // The first message to `userId` created conversation `conversationId`.
    void privateChatCreated(const QString& userId, const QString& conversationId);
    void groupCreated(const natter::Conversation& conversation);
    void usersFound(const QString& query, const QList<natter::UserInfo>& users);
    void recentContactsLoaded(const QList<natter::UserInfo>& users);
    // A group action, search or history request failed; in plain words.
    void actionFailed(const QString& message);
    void totalUnreadChanged(int total);
    void presenceChanged(const natter::Presence& presence);
    void typingChanged(const QString& conversationId);
    // A message from someone else arrived live (message.new), after messagesAppended.
    void messageReceived(const natter::ChatMessage& message);
    // The blocked list changed (loaded, or someone blocked or unblocked on any device).
    void blockedUsersChanged();
    // A message of mine waits out the server's message rate and goes out by itself later.
    void sendingThrottled(const QString& key, qint64 retryAfterMs);

private:
    using ResultHandler = std::function<void(const QJsonObject&)>;

    void call(QLatin1StringView method, const QJsonObject& params, ResultHandler onResult);
    void onSignedIn();
    void onSignedOut();
    void setReady(bool ready);
    void loadConversationPage(const QString& cursor);
    void runSync();
    void onSyncAnswer(const QJsonObject& result);
    void onEvent(const QString& name, const QJsonObject& data);
    void onMessageEvent(const QJsonObject& data);
    void fetchConversation(const QString& conversationId);
    void applyConversation(const Conversation& conversation, bool fromListing = false);
    void applyMessages(const QString& conversationId, const QList<ChatMessage>& messages);
    void dropConversation(const QString& conversationId);
    // Emits conversationChanged, and totalUnreadChanged when the sum moved.
    void publishConversation(const QString& conversationId);
    void publishTotalUnread();

    // Read state, presence and typing events; false when `name` is none of them.
    bool onStateEvent(const QString& name, const QJsonObject& data);
    void onReadState(const QJsonObject& data);
    void onReceipt(const QJsonObject& data);
    void applyPresence(const Presence& presence);
    void askPresenceOf(const QList<UserInfo>& members);
    void onTyping(const QJsonObject& data);
    void setTyping(const QString& conversationId, const QString& userId, int expiresInMs);
    void expireTyping();
    void sendTyping(const QString& conversationId, bool typing);
    void resetLiveState();

    // Safety and delivered events; false when `name` is none of them.
    bool onSafetyEvent(const QString& name, const QJsonObject& data);
    void initSafety();
    void resetSafetyState();
    void applyBlock(const UserInfo& user, bool blocked);
    void applyMuted(const QString& conversationId, bool muted);
    void onDeliveryReceipt(const QJsonObject& data);
    // Messages up to `seq` are on this device; reported when one of them is from someone else.
    void noteHeld(const QString& conversationId, const QList<ChatMessage>& messages);
    void flushDelivered();
    void sendDelivered(const QString& conversationId, qint64 seq);
    // The plain words for a refused message, naming the person where it helps.
    QString refusalText(const ChatMessage& message, const RequestFailure& failure) const;

    // The local cache (chat_client_cache.cpp).
    struct CacheLink;
    struct CacheLinkDeleter {  // defined where CacheLink is (chat_client_cache.cpp)
        void operator()(CacheLink* link) const;
    };
    void onRestored();
    void onSessionEnded(AccountClient::SignOutReason reason);
    // Opens the account's cache and puts what it holds in the store; false when it holds nothing.
    bool restoreFromCache();
    void closeCache(bool erase);
    void connectCacheNotes();
    void scheduleCacheWrite(int delayMs);
    void writeCache();
    void noteCachedMessages(const QString& conversationId, const QList<ChatMessage>& messages);
    // Serves the next older page from the cache; false when the cache has none.
    bool loadOlderFromCache(const QString& conversationId);
    void afterCatchUp();
    // The server's history does not match what is cached (cursor_out_of_range): start over.
    void reloadFromServer();

    QString queue(ChatMessage message);
    void flushOutbox();
    void onSendAnswer(const QString& clientMessageId, const RequestOutcome& outcome);
    void holdOutbox(const ChatMessage& message, qint64 retryAfterMs);
    // Takes a stored message out of the outbox; returns the user id when it was the first
    // message of a private chat.
    QString resolveOutgoing(const ChatMessage& stored);
    ChatMessage* findOutgoing(const QString& clientMessageId);
    Conversation privateChatDraft(const QString& conversationId, const QString& recipientId) const;
    static QString keyOf(const ChatMessage& message);

    AccountClient* account_;
    ConversationStore store_;
    std::vector<ChatMessage> outbox_;      // oldest first
    QHash<QString, UserInfo> recipients_;  // people written to before a chat with them existed
    int syncPageSize_;
    bool ready_ = false;
    bool sending_ = false;
    bool syncRunning_ = false;
    bool syncAgain_ = false;
    QSet<QString> olderLoading_;

    int publishedTotalUnread_ = 0;
    QHash<QString, qint64> markReadSent_;  // conversation -> seq asked for, answer pending
    QHash<QString, Presence> presence_;
    QSet<QString> presenceAsked_;
    struct Typist {
        QString userId;
        QDeadlineTimer expires;
    };
    QHash<QString, QList<Typist>> typing_;  // by conversation, in the order they started
    QTimer* typingExpiry_;
    QHash<QString, QDeadlineTimer> typingRepeatAfter_;  // conversations I said I type in

    QList<UserInfo> blockedUsers_;          // most recently blocked first
    QHash<QString, qint64> deliveredDone_;  // conversation -> my marker as last reported
    QHash<QString, qint64> deliveredDue_;   // conversation -> seq to report at the next flush
    QSet<QString> deliveredInFlight_;
    QTimer* deliveredTimer_ = nullptr;

    std::unique_ptr<CacheLink, CacheLinkDeleter> cache_;
    bool listAfterSync_ = false;  // refresh read state of quiet conversations after catch-up
    QDeadlineTimer sendAfter_;    // the server's message rate: the outbox waits until then
};

}  // namespace natter
