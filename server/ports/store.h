// The storage interfaces services use. Implementations run on the storage thread (see
// store/storage_executor.h); every method may throw StoreError (ports/store_error.h).
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

#include "records.h"
#include "store_error.h"

namespace natter {

// Each interface is one concern; a use case takes only the ones it needs (and a test can fake
// just those). Store is all of them together: what a storage job receives. Transactions and schema
// migration are not here: only the storage executor controls them (store/transactional_store.h).

class UserStore {
public:
    virtual ~UserStore() = default;

    virtual std::optional<UserRecord> userByUsername(const QString& username) = 0;
    virtual std::optional<UserRecord> userById(qint64 id) = 0;
    // nullopt when the username is taken: decided by the unique key, so two registrations racing
    // for one name cannot both succeed, whichever connection or node runs them.
    virtual std::optional<UserRecord> insertUser(const NewUser& user) = 0;
    // Changes the name others see (and search by); nullopt when there is no such user.
    virtual std::optional<UserRecord> setDisplayName(qint64 userId, const QString& displayName) = 0;

    // Users as others see them.
    virtual std::optional<UserRecord> userByPublicId(const QString& publicId) = 0;
    virtual QList<UserRecord> usersByPublicIds(const QStringList& publicIds) = 0;
    // foldedPrefix: case-folded; matches username or display name prefixes.
    virtual QList<UserRef> searchUsers(const QString& foldedPrefix, qint64 excludeUserId,
                                       int limit) = 0;
    virtual QList<UserRef> recentPartners(qint64 userId, int limit) = 0;
};

class SessionStore {
public:
    virtual ~SessionStore() = default;

    virtual SessionRecord insertSession(const NewSession& session) = 0;
    virtual std::optional<SessionRecord> sessionByTokenHash(const QString& tokenHash) = 0;
    virtual std::optional<SessionRecord> sessionByPublicId(qint64 userId,
                                                           const QString& publicId) = 0;
    virtual QList<SessionRecord> sessionsOfUser(qint64 userId) = 0;  // most recently seen first
    virtual bool deleteSession(qint64 sessionId) = 0;
    virtual void touchSession(qint64 sessionId, qint64 nowMs) = 0;
    // Deletes sessions last seen before cutoffMs, except those listed; returns how many went.
    virtual int deleteIdleSessions(qint64 cutoffMs, const QList<qint64>& keep) = 0;
};

class ConversationStore {
public:
    virtual ~ConversationStore() = default;

    // "OfMember" lookups return nothing unless userId is a member.
    virtual std::optional<ConversationRecord> conversationOfMember(const QString& publicId,
                                                                   qint64 userId) = 0;
    virtual std::optional<ConversationRecord> conversationById(qint64 id) = 0;
    virtual std::optional<ConversationRecord> privateConversation(const QString& pairKey) = 0;
    // Holds the conversation's row until the transaction ends, so a rule that reads, then writes
    // (the member cap, who owns a group) sees every earlier writer's result and no other writer
    // can act between its read and its write. Several nodes write one PostgreSQL database at
    // once; SQLite has one writer per database, so there it costs nothing. Unknown ids lock
    // nothing.
    virtual void lockConversation(const QString& publicId) = 0;
    virtual ConversationRecord insertConversation(const NewConversation& conversation) = 0;
    virtual void setConversationName(qint64 conversationId, const QString& name) = 0;
    virtual void setConversationOwner(qint64 conversationId, qint64 ownerId) = 0;
    // Most recent activity first; after `cursor` when given.
    virtual QList<ConversationRecord> conversationsOfUser(
        qint64 userId, const std::optional<ConversationCursor>& cursor, int limit) = 0;

    virtual void addMember(qint64 conversationId, qint64 userId, qint64 joinedAt) = 0;
    virtual bool removeMember(qint64 conversationId, qint64 userId) = 0;
    // Earliest joined first.
    virtual QList<MemberRecord> members(qint64 conversationId) = 0;
};

class MessageStore {
public:
    virtual ~MessageStore() = default;

    // Appends with the next seq and moves the conversation's last activity. The database
    // allocates the seq, so concurrent appends get distinct, gapless seqs. Throws a Conflict
    // StoreError (and appends nothing) when the sender already has a message with this
    // clientMessageId: look it up with messageByClientId first to answer a resend.
    virtual MessageRecord appendMessage(qint64 conversationId, const NewMessage& message) = 0;
    virtual std::optional<MessageRecord> messageByClientId(qint64 senderId,
                                                           const QString& clientMessageId) = 0;
    // Ascending seq; at most `limit` messages right below beforeSeq / right above afterSeq.
    virtual QList<MessageRecord> messagesBefore(qint64 conversationId, qint64 beforeSeq,
                                                int limit) = 0;
    virtual QList<MessageRecord> messagesAfter(qint64 conversationId, qint64 afterSeq,
                                               int limit) = 0;
    // The message with this seq, if any (any type, tombstones included).
    virtual std::optional<MessageRecord> messageAt(qint64 conversationId, qint64 seq) = 0;
    // The newest message that is not a change entry (docs/protocol.md 5.2a): last_message.
    virtual std::optional<MessageRecord> latestMessage(qint64 conversationId) = 0;

    // Changes to a stored message (5.2a); the caller appends the change entry.
    virtual void editMessage(qint64 messageId, const QString& body, qint64 editedAt) = 0;
    // Erases body, meta and reactions: the row that remains is a tombstone.
    virtual void eraseMessage(qint64 messageId, qint64 deletedAt) = 0;
    // Return whether anything changed (a reaction is there at most once per user and emoji).
    virtual bool addReaction(qint64 messageId, qint64 userId, const QString& emoji,
                             qint64 atMs) = 0;
    virtual bool removeReaction(qint64 messageId, qint64 userId, const QString& emoji) = 0;
};

// Full-text search over user messages (docs/protocol.md 5.3a): text and captions, never system
// messages, change entries or tombstones; an edited message by its current body only.
class MessageSearchStore {
public:
    virtual ~MessageSearchStore() = default;

    // Newest (most recently stored) first: at most query.limit messages.
    virtual QList<MessageRecord> searchMessages(const MessageSearchQuery& query) = 0;
};

class ReadStateStore {
public:
    virtual ~ReadStateStore() = default;

    // Markers only move forward; returns the marker after the call. Marking read also moves the
    // delivered marker (what was read was delivered).
    virtual qint64 markRead(qint64 conversationId, qint64 userId, qint64 seq) = 0;
    virtual qint64 markDelivered(qint64 conversationId, qint64 userId, qint64 seq) = 0;
    // Returns whether the setting changed.
    virtual bool setMuted(qint64 conversationId, qint64 userId, bool muted) = 0;
    // Messages after the user's marker sent by other users (not system messages).
    virtual qint64 unreadCount(qint64 conversationId, qint64 userId) = 0;
    virtual qint64 totalUnread(qint64 userId) = 0;
};

// Blocking and chat requests (docs/protocol.md section 5.6).
class SafetyStore {
public:
    virtual ~SafetyStore() = default;

    // A block is one-way: blocker -> blocked. insertBlock / deleteBlock return whether anything
    // changed.
    virtual bool insertBlock(qint64 blockerId, qint64 blockedId, qint64 atMs) = 0;
    virtual bool deleteBlock(qint64 blockerId, qint64 blockedId) = 0;
    virtual bool hasBlocked(qint64 blockerId, qint64 blockedId) = 0;
    virtual bool blockedEitherWay(qint64 userA, qint64 userB) = 0;
    virtual int blockCount(qint64 blockerId) = 0;
    virtual QList<UserRef> blockedUsers(qint64 blockerId) = 0;  // most recently blocked first
    // The conversation stops being a chat request for anyone.
    virtual void clearRequest(qint64 conversationId) = 0;
};

class PresenceStore {
public:
    virtual ~PresenceStore() = default;

    // Everyone sharing a conversation with the user, and when a user was last seen.
    virtual QList<CoMember> coMembers(qint64 userId) = 0;
    virtual void setLastSeen(qint64 userId, qint64 atMs) = 0;
};

// Summaries for users who are offline, durable and shared by every node (one row per user).
class NotificationStore {
public:
    virtual ~NotificationStore() = default;

    // Records that a summary is due for the user at dueAt; keeps one already waiting.
    virtual void addPendingNotification(qint64 userId, qint64 since, qint64 dueAt) = 0;
    // Claims up to `limit` due, unclaimed summaries until `leaseUntil` (a node that dies holding
    // one lets another take it after that) and returns them; no two nodes get the same one.
    virtual QList<PendingNotification> claimDueNotifications(qint64 now, qint64 leaseUntil,
                                                             int limit) = 0;
    // The user's unmuted conversations with messages from others sent at or after `since` and
    // not read yet; the first to get one first.
    virtual QList<WaitingConversation> waitingConversations(qint64 userId, qint64 since) = 0;
    virtual void deletePendingNotification(qint64 userId) = 0;
    // Unclaims it for another attempt at dueAt, counting a failed one.
    virtual void retryPendingNotification(qint64 userId, qint64 dueAt) = 0;
};

// Uploads and which messages reference them (docs/protocol.md section 5.8); the bytes are the
// BlobStore's.
class FileStore {
public:
    virtual ~FileStore() = default;

    virtual void insertFile(const FileRecord& file) = 0;
    virtual std::optional<FileRecord> fileByUploadId(const QString& uploadId, qint64 ownerId) = 0;
    virtual std::optional<FileRecord> fileByRef(const QString& ref) = 0;
    // The sizes of all the owner's uploads, finished or not.
    virtual qint64 storedBytes(qint64 ownerId) = 0;
    virtual void finishFile(const QString& ref, const QString& mime) = 0;
    virtual void deleteFile(const QString& ref) = 0;
    // Whether a finished upload holds this content.
    virtual bool contentHeld(const QString& sha256) = 0;
    // Whether the user is a member of a conversation holding a message that references the file.
    virtual bool memberSeesFile(const QString& ref, qint64 userId) = 0;
    virtual void attachFile(qint64 messageId, const QString& ref) = 0;
    // Removes the message's references; returns the files no message references any more.
    virtual QList<FileRecord> detachFiles(qint64 messageId) = 0;
    // Uploads created before cutoffMs that no message references.
    virtual QList<FileRecord> unreferencedFiles(qint64 cutoffMs) = 0;
};

// The operator's account controls (natter-server admin, docs/operations.md) and what the running
// server needs of them: disabled accounts, one-time password reset codes, revoked sessions.
class AccountAdminStore {
public:
    virtual ~AccountAdminStore() = default;

    // Every account, or those whose username or display name contains `text` (case-folded), by
    // username.
    virtual QList<AccountSummary> accounts(const QString& foldedText) = 0;
    virtual ServerCounts counts() = 0;
    virtual void setDisabled(qint64 userId, qint64 disabledAtOrZero) = 0;
    // Deletes the user's sessions and records each as revoked at `nowMs` (the nodes close its
    // connections); returns how many. Prunes revocations older than `pruneBeforeMs`.
    virtual int revokeAllSessions(qint64 userId, qint64 nowMs, qint64 pruneBeforeMs) = 0;
    virtual QList<SessionRevocation> revocationsAfter(qint64 afterId) = 0;
    virtual qint64 latestRevocationId() = 0;
    // Replaces the user's reset code (one per user).
    virtual void setPasswordReset(qint64 userId, const QString& codeHash, qint64 expiresAt) = 0;
    // Deletes the code when it is the user's and unexpired; returns whether it was.
    virtual bool consumePasswordReset(qint64 userId, const QString& codeHash, qint64 nowMs) = 0;
    virtual void setPasswordHash(qint64 userId, const QString& passwordHash) = 0;
    // Erases the account's personal data and keeps an anonymous row that its messages (erased
    // too) still point to; the sessions must be revoked first (docs/operations.md).
    virtual void eraseAccount(qint64 userId, const QString& tombstoneName, qint64 nowMs) = 0;
};

class Store : public UserStore,
              public SessionStore,
              public ConversationStore,
              public MessageStore,
              public MessageSearchStore,
              public ReadStateStore,
              public SafetyStore,
              public PresenceStore,
              public NotificationStore,
              public FileStore,
              public AccountAdminStore {
public:
    ~Store() override = default;
};

}  // namespace natter
