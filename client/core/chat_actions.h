// What the windows may see of the chat core and ask it to do: the queries and user actions the
// widgets and models need, and the signals that keep them in step. ChatClient implements it;
// windows hold a ChatActions*, and only ui/app_controller meets ChatClient itself (the cache,
// catch-up paging and the connection stay out of the windows' reach).
#pragma once

#include <QList>
#include <QObject>
#include <QStringList>
#include <functional>
#include <optional>

#include "core/chat_types.h"
#include "core/file_types.h"

namespace natter {

struct MessageSearchPage;

class ChatActions : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    // --- what the client knows
    virtual QList<Conversation> conversations() const = 0;
    virtual std::optional<Conversation> conversation(const QString& id) const = 0;
    // One conversation's stored messages in seq order, then this device's unsent ones. `key` is a
    // conversation id, or a user id for a private chat whose first message is not stored yet.
    virtual QList<ChatMessage> messages(const QString& key) const = 0;
    virtual bool hasOlderMessages(const QString& conversationId) const = 0;
    virtual std::optional<UserInfo> user(const QString& userId) const = 0;
    virtual std::optional<QString> privateConversationWith(const QString& userId) const = 0;
    virtual QString myUserId() const = 0;
    // True once the conversation list (or the catch-up after a reconnect) is complete.
    virtual bool isReady() const = 0;
    virtual int totalUnread() const = 0;
    // Unknown until the server told.
    virtual Presence presence(const QString& userId) const = 0;
    // Who is typing in a conversation now (user ids), in the order they started.
    virtual QStringList typingUsers(const QString& conversationId) const = 0;
    virtual QList<UserInfo> blockedUsers() const = 0;
    virtual bool isBlocked(const QString& userId) const = 0;
    virtual bool isMuted(const QString& conversationId) const = 0;
    // Not in muted conversations, not in chat requests, not my own.
    virtual bool wantsNotification(const ChatMessage& message) const = 0;
    // The other member of a private chat; nullopt for groups and unknown conversations.
    virtual std::optional<UserInfo> peerOf(const QString& conversationId) const = 0;

    // --- sending (queued; sent when online, in order)
    // Returns the client_message_id, or an empty string when the text cannot be sent at all.
    virtual QString sendText(const QString& conversationId, const QString& body) = 0;
    // A reply to message `replyToSeq` of the conversation (docs/protocol.md 5.2a).
    virtual QString sendReply(const QString& conversationId, const QString& body,
                              qint64 replyToSeq) = 0;
    // The first message to a person without a private chat yet creates it.
    virtual QString sendTextToUser(const UserInfo& recipient, const QString& body) = 0;
    virtual void retry(const QString& clientMessageId) = 0;
    // Deletes a message the server refused (it never went out); false when there is no such
    // failed message.
    virtual bool discardUnsent(const QString& clientMessageId) = 0;
    // What the user wrote in a conversation (or to a person, by user id) and has not sent yet;
    // kept in the local cache. Setting an empty (or blank) text removes it.
    virtual QString draft(const QString& key) const = 0;
    virtual void setDraft(const QString& key, const QString& text) = 0;

    // --- attachments (docs/protocol.md 5.8): uploads go with their message through the outbox
    // A photo, video, audio or file message to an existing conversation: `meta` names the
    // local file (and thumbnail) to upload, its name, size and mime type. Returns the
    // client_message_id (its upload's progress id), or an empty string when it cannot be sent.
    virtual QString sendAttachment(const QString& conversationId, const QString& type,
                                   const AttachmentMeta& meta, const QString& caption) = 0;
    // Where the windows put the copies they make for sending (re-encoded photos, thumbnails).
    virtual QString outgoingFilesDirectory() const = 0;
    // The downloaded file of `ref` when it is in the cache; empty otherwise.
    virtual QString cachedFile(const QString& ref, qint64 size) = 0;
    // Fetches `ref` into the cache: fileDownloaded or fileDownloadFailed follow.
    virtual void downloadFile(const QString& ref, qint64 size, const QString& name) = 0;
    virtual bool isDownloading(const QString& ref) const = 0;
    // Stops a download (by ref) or takes an attachment message that is still uploading out of
    // the queue (by client_message_id).
    virtual void cancelTransfer(const QString& id) = 0;

    // --- changes to stored messages (docs/protocol.md 5.2a); sent at once, refusals come back
    // through actionFailed, the result through messagesChanged
    virtual void editMessage(const QString& conversationId, qint64 seq, const QString& body) = 0;
    virtual void deleteMessage(const QString& conversationId, qint64 seq) = 0;
    virtual void react(const QString& conversationId, qint64 seq, const QString& emoji,
                       bool added) = 0;

    // --- conversations, groups and people
    virtual void loadOlderMessages(const QString& conversationId) = 0;
    virtual void markRead(const QString& conversationId, qint64 seq) = 0;
    virtual void noteTyping(const QString& conversationId) = 0;
    virtual void stopTyping(const QString& conversationId) = 0;
    virtual void createGroup(const QString& name, const QStringList& memberIds,
                             const QString& firstMessage) = 0;
    virtual void addMembers(const QString& conversationId, const QStringList& memberIds) = 0;
    virtual void removeMember(const QString& conversationId, const QString& memberId) = 0;
    virtual void renameGroup(const QString& conversationId, const QString& name) = 0;
    virtual void leaveGroup(const QString& conversationId) = 0;
    virtual void searchUsers(const QString& query) = 0;
    virtual void loadRecentContacts() = 0;
    // One page of messages.search (docs/protocol.md 5.3a), everywhere or in one conversation
    // (`conversationId` empty: everywhere); `cursor` is the last page's next cursor, empty for the
    // first. `onPage` runs once, unless `context` goes first. MessageSearch does the paging.
    virtual void searchMessages(const QString& query, const QString& conversationId,
                                const QString& cursor, const QObject* context,
                                std::function<void(const natter::MessageSearchPage&)> onPage) = 0;

    // --- safety
    virtual void blockUser(const natter::UserInfo& user) = 0;
    virtual void unblockUser(const natter::UserInfo& user) = 0;
    virtual void loadBlockedUsers() = 0;
    virtual void acceptRequest(const QString& conversationId) = 0;
    virtual void setMuted(const QString& conversationId, bool muted) = 0;

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
    // Stored messages changed (edited, deleted, reacted to, or the quote of a reply): each as it
    // is now. Messages that are not loaded may be among them.
    void messagesChanged(const QString& conversationId, const QList<natter::ChatMessage>& messages);
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
    // An edit, deletion or reaction in the conversation was refused; in plain words.
    void changeRefused(const QString& conversationId, const QString& message);
    void totalUnreadChanged(int total);
    void presenceChanged(const natter::Presence& presence);
    void typingChanged(const QString& conversationId);
    // A message from someone else arrived live (message.new), after messagesAppended.
    void messageReceived(const natter::ChatMessage& message);
    // The blocked list changed (loaded, or someone blocked or unblocked on any device).
    void blockedUsersChanged();
    // A message of mine waits out the server's message rate and goes out by itself later.
    void sendingThrottled(const QString& key, qint64 retryAfterMs);
    // An upload (by client_message_id) or download (by ref) moved on.
    void transferProgress(const QString& id, qint64 done, qint64 total);
    void fileDownloaded(const QString& ref, const QString& path);
    void fileDownloadFailed(const QString& ref, const QString& reason);
    // The draft of a conversation (or of a chat with a person, by user id) changed.
    void draftChanged(const QString& key);
};

}  // namespace natter
