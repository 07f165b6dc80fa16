// The chat part of docs/protocol.md (sections 5.2, 5.3, 5.7) on top of the signed-in connection of
// an AccountClient: conversations, messages with an outbox (exactly-once sending through
// client_message_id), history paging, catch-up with `sync` after every reconnect, group
// management, people search, and the server's events.
#pragma once

#include <QHash>
#include <QSet>
#include <functional>
#include <memory>
#include <optional>

#include "core/account_client.h"
#include "core/chat_actions.h"
#include "core/chat_safety.h"
#include "core/chat_types.h"
#include "core/conversation_store.h"
#include "core/outbox.h"
#include "core/presence_tracker.h"
#include "core/request_sender.h"

namespace natter {

class AttachmentUploads;
class ChatCacheWriter;
class FileTransfer;

// A facade: it owns the parts (Outbox, PresenceTracker, ChatSafety, ChatCacheWriter), keeps the
// store, catches up, and routes the server's events to their handlers through a table.
class ChatClient : public ChatActions, private RequestSender {
    Q_OBJECT

public:
    explicit ChatClient(AccountClient* account, QObject* parent = nullptr);
    ~ChatClient() override;

    // --- the local cache (ChatCacheWriter): one file per account in `dir`, so a restart
    // shows what was known at once (offline too) and unsent messages survive. Off when empty.
    void setCacheDirectory(const QString& dir);
    // The signed-in (or restored) account's cache file; empty when there is none.
    QString cacheFile() const;

    // --- what the client knows
    QList<Conversation> conversations() const override { return store_.conversations(); }
    std::optional<Conversation> conversation(const QString& id) const override {
        return store_.find(id);
    }
    // One conversation's stored messages in seq order, then this device's unsent ones. `key` is a
    // conversation id, or a user id for a private chat whose first message is not stored yet.
    QList<ChatMessage> messages(const QString& key) const override;
    bool hasOlderMessages(const QString& conversationId) const override;
    std::optional<UserInfo> user(const QString& userId) const override {
        return store_.user(userId);
    }
    std::optional<QString> privateConversationWith(const QString& userId) const override;
    QString myUserId() const override;
    // True once the conversation list (or the catch-up after a reconnect) is complete.
    bool isReady() const override { return ready_; }
    // Messages per conversation in one `sync` answer (1..200; the most by default).
    void setSyncPageSize(int messages) { syncPageSize_ = messages; }

    // --- sending (queued in the outbox; sent when online, in order)
    // Returns the client_message_id, or an empty string when the text cannot be sent at all.
    QString sendText(const QString& conversationId, const QString& body) override;
    QString sendReply(const QString& conversationId, const QString& body,
                      qint64 replyToSeq) override;
    // The first message to a person without a private chat yet creates it.
    QString sendTextToUser(const UserInfo& recipient, const QString& body) override;
    void retry(const QString& clientMessageId) override;
    bool discardUnsent(const QString& clientMessageId) override;
    QString draft(const QString& key) const override { return store_.draft(key); }
    void setDraft(const QString& key, const QString& text) override;

    // --- attachments (docs/protocol.md 5.8; chat_client_files.cpp)
    QString sendAttachment(const QString& conversationId, const QString& type,
                           const AttachmentMeta& meta, const QString& caption) override;
    QString outgoingFilesDirectory() const override;
    QString cachedFile(const QString& ref, qint64 size) override;
    void downloadFile(const QString& ref, qint64 size, const QString& name) override;
    bool isDownloading(const QString& ref) const override;
    void cancelTransfer(const QString& id) override;
    FileTransfer* fileTransfer() const { return files_.get(); }

    // --- changes to stored messages (docs/protocol.md 5.2a; chat_client_changes.cpp)
    void editMessage(const QString& conversationId, qint64 seq, const QString& body) override;
    void deleteMessage(const QString& conversationId, qint64 seq) override;
    void react(const QString& conversationId, qint64 seq, const QString& emoji,
               bool added) override;

    // --- requests
    void loadOlderMessages(const QString& conversationId) override;
    void createGroup(const QString& name, const QStringList& memberIds,
                     const QString& firstMessage) override;
    void addMembers(const QString& conversationId, const QStringList& memberIds) override;
    void removeMember(const QString& conversationId, const QString& memberId) override;
    void renameGroup(const QString& conversationId, const QString& name) override;
    void leaveGroup(const QString& conversationId) override;
    void searchUsers(const QString& query) override;
    void loadRecentContacts() override;
    void searchMessages(const QString& query, const QString& conversationId, const QString& cursor,
                        const QObject* context,
                        std::function<void(const MessageSearchPage&)> onPage) override;

    // --- read state, presence and typing (docs/protocol.md 5.4, 5.5; PresenceTracker)
    int totalUnread() const override { return store_.totalUnread(); }
    // Marks the conversation read up to `seq` (the highest seq shown); never moves back.
    void markRead(const QString& conversationId, qint64 seq) override;
    // Unknown until the server told.
    Presence presence(const QString& userId) const override;
    // Who is typing in a conversation now (user ids), in the order they started.
    QStringList typingUsers(const QString& conversationId) const override;
    // The user typed in the conversation: tells the others, at most every kTypingRepeatMs.
    void noteTyping(const QString& conversationId) override;
    // The user stopped (cleared the composer, sent, or left the conversation).
    void stopTyping(const QString& conversationId) override;

    static constexpr int kTypingRepeatMs = PresenceTracker::kTypingRepeatMs;

    // --- safety and delivery (docs/protocol.md 5.5 delivered, 5.6; ChatSafety)
    // Delivered markers are reported by themselves for messages from others, at most once per
    // kDeliveredBatchMs per conversation.
    void blockUser(const natter::UserInfo& user) override;
    void unblockUser(const natter::UserInfo& user) override;
    // Asks for the blocked list (done after every sign-in and reconnect).
    void loadBlockedUsers() override;
    QList<UserInfo> blockedUsers() const override;
    bool isBlocked(const QString& userId) const override;
    void acceptRequest(const QString& conversationId) override;
    void setMuted(const QString& conversationId, bool muted) override;
    bool isMuted(const QString& conversationId) const override;
    // Whether a message that arrived deserves a desktop notification: not in muted
    // conversations, not in chat requests, not my own.
    bool wantsNotification(const natter::ChatMessage& message) const override;
    // The other member of a private chat; nullopt for groups and unknown conversations.
    std::optional<UserInfo> peerOf(const QString& conversationId) const override;

    static constexpr int kDeliveredBatchMs = ChatSafety::kDeliveredBatchMs;

private:
    using EventHandler = std::function<void(const QJsonObject&)>;

    // RequestSender, for the parts.
    void send(QLatin1StringView method, const QJsonObject& params, const QObject* context,
              OutcomeHandler onOutcome) override;
    void call(QLatin1StringView method, const QJsonObject& params, const QObject* context,
              ResultHandler onResult) override;
    std::optional<UserInfo> me() const override;
    bool isOnline() const override;
    RequestSender& asSender() { return *this; }  // what the parts see of this client

    void connectParts();
    void connectFiles();
    void initEventTable();
    void onSignedIn();
    void onRestored();
    void onSessionEnded(AccountClient::SignOutReason reason);
    void onSignedOut();
    // Nothing of the previous connection's people (typing) or account (everything) stays.
    void resetLiveState();
    // Opens the account's cache and puts what it holds in the store; false when it holds nothing.
    bool restoreFromCache();
    void setReady(bool ready);
    void loadConversationPage(const QString& cursor);
    void runSync();
    void onSyncAnswer(const QJsonObject& result);
    void afterCatchUp();
    // The server's history does not match what is cached (cursor_out_of_range): start over.
    void reloadFromServer();

    void onEvent(const QString& name, const QJsonObject& data);
    void onMessageEvent(const QJsonObject& data);
    void onReadState(const QJsonObject& data);
    void onReceipt(const QJsonObject& data);
    // user.updated, or this account's own new name: everywhere the user is shown.
    void onUserUpdated(const UserInfo& user);
    void onOutgoingStored(const ChatMessage& stored, const QString& recipientId);
    void fetchConversation(const QString& conversationId);
    void applyConversation(const Conversation& conversation, bool fromListing = false);
    void applyMessages(const QString& conversationId, const QList<ChatMessage>& messages);
    // A change request (messages.edit, .delete, .react) and what its answer brings.
    void requestChange(QLatin1StringView method, QJsonObject params);
    void onChangeAnswer(const QString& conversationId, const QJsonObject& result);
    void publishChanged(const QString& conversationId, const QList<ChatMessage>& changed);
    void dropConversation(const QString& conversationId);
    void moveDraft(const QString& userId, const QString& conversationId);
    // Emits conversationChanged, and totalUnreadChanged when the sum moved.
    void publishConversation(const QString& conversationId);
    void publishTotalUnread();
    void loadOlderFromServer(const QString& conversationId);

    AccountClient* account_;
    ConversationStore store_;
    int syncPageSize_;
    bool ready_ = false;
    bool syncRunning_ = false;
    bool syncAgain_ = false;
    bool listAfterSync_ = false;  // refresh read state of quiet conversations after catch-up
    QSet<QString> olderLoading_;
    int publishedTotalUnread_ = 0;
    QHash<QString, qint64> markReadSent_;         // conversation -> seq asked for, answer pending
    QHash<QString, EventHandler> eventHandlers_;  // by event name (docs/protocol.md 5.7)

    // The parts; declared after the store they refer to, so they go first.
    std::unique_ptr<Outbox> outbox_;
    std::unique_ptr<PresenceTracker> presence_;
    std::unique_ptr<ChatSafety> safety_;
    std::unique_ptr<ChatCacheWriter> cache_;
    std::unique_ptr<FileTransfer> files_;
    std::unique_ptr<AttachmentUploads> uploads_;
    QString cacheDir_;
};

}  // namespace natter
