// The domain model: the records services work with, as every store implementation returns them.
// Internal ids (id, userId, ...) never leave the server; clients see the public ids.
#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

namespace natter {

struct UserRecord {
    qint64 id = 0;  // internal; never leaves the server
    QString publicId;
    QString username;
    QString displayName;
    QString passwordHash;
    qint64 createdAt = 0;
    qint64 disabledAt = 0;  // 0: enabled; else disabled by the operator (natter-server admin)

    bool isDisabled() const { return disabledAt != 0; }
};

struct NewUser {
    QString publicId;
    QString username;
    QString displayName;
    QString passwordHash;
    qint64 createdAt = 0;
};

struct SessionRecord {
    qint64 id = 0;  // internal
    QString publicId;
    qint64 userId = 0;
    QString deviceName;
    qint64 createdAt = 0;
    qint64 lastSeenAt = 0;
};

struct NewSession {
    QString publicId;
    qint64 userId = 0;
    QString tokenHash;
    QString deviceName;
    qint64 createdAt = 0;
};

// A user as other users may see them.
struct UserRef {
    QString publicId;
    QString username;
    QString displayName;
};

struct ConversationRecord {
    qint64 id = 0;  // internal
    QString publicId;
    QString kind;  // "private" or "group"
    QString name;  // groups only
    qint64 ownerId = 0;
    QString ownerPublicId;
    qint64 createdAt = 0;
    qint64 lastSeq = 0;
    qint64 lastActivityAt = 0;
    qint64 requestForUserId = 0;  // private: the member it is still a chat request for; 0: none

    bool isGroup() const { return kind == QLatin1StringView("group"); }
};

struct NewConversation {
    QString publicId;
    QString kind;
    QString name;
    qint64 ownerId = 0;  // 0: none
    QString pairKey;     // private conversations: unique per pair of users
    qint64 createdAt = 0;
    qint64 requestForUserId = 0;  // private: its recipient, until they answer or accept
};

struct MemberRecord {
    qint64 userId = 0;
    UserRef user;
    qint64 joinedAt = 0;
    qint64 lastReadSeq = 0;
    qint64 lastDeliveredSeq = 0;
    bool muted = false;
};

// A summary waiting for a user who is offline (docs/protocol.md section 8), claimed by one node.
struct PendingNotification {
    qint64 userId = 0;
    qint64 since = 0;  // when the first waiting message was sent
    int attempts = 0;  // webhook posts that failed so far
};

// One conversation of such a summary, as that user sees it.
struct WaitingConversation {
    QString publicId;
    QString kind;
    QString name;  // the group's name, or the other member's display name
    int unread = 0;
    QString lastSender;  // display name
    bool request = false;
};

// Someone who shares at least one conversation with a given user.
struct CoMember {
    qint64 userId = 0;
    QString publicId;
    qint64 lastSeenAt = 0;  // 0: never seen offline
};

// One emoji's reactions on a message (docs/protocol.md 5.2a): who, earliest first.
struct ReactionRecord {
    QString emoji;
    QStringList userPublicIds;
};

// What a reply shows of the message it answers, as that message is now.
struct ReplyPreview {
    qint64 seq = 0;
    std::optional<UserRef> sender;
    QString type;
    QString preview;  // the first kReplyPreviewMaxChars characters of its body; empty once deleted
    bool deleted = false;
};

// An upload (docs/protocol.md section 5.8): unfinished until its bytes matched its sha256.
struct FileRecord {
    QString ref;       // f_…, told to the owner when finished
    QString uploadId;  // up_…, names the unfinished upload
    qint64 ownerId = 0;
    QString sha256;  // announced; verified before finishing
    qint64 size = 0;
    QString mime;  // sniffed when finished
    qint64 createdAt = 0;
    bool finished = false;
};

struct MessageRecord {
    qint64 id = 0;
    QString publicId;
    qint64 conversationId = 0;
    QString conversationPublicId;
    qint64 seq = 0;
    std::optional<UserRef> sender;  // none for system messages
    QString clientMessageId;
    QString type;
    QString body;
    QString metaJson;  // empty: no meta
    qint64 sentAt = 0;
    qint64 replyToSeq = 0;  // 0: not a reply
    qint64 editedAt = 0;    // 0: never edited
    qint64 deletedAt = 0;   // 0: not deleted; else a tombstone (body and meta erased)
    // Filled by the store when it loads a message for the wire:
    QList<ReactionRecord> reactions;              // in kReactionEmoji order
    std::optional<ReplyPreview> replyTo;          // replies only
    std::shared_ptr<const MessageRecord> target;  // change entries: the changed message now

    bool isDeleted() const { return deletedAt != 0; }
};

struct NewMessage {
    QString publicId;
    qint64 senderId = 0;  // 0: a system message
    QString clientMessageId;
    QString type;
    QString body;
    QString metaJson;
    qint64 sentAt = 0;
    qint64 replyToSeq = 0;  // 0: not a reply
};

// A messages.search query (docs/protocol.md 5.3a), as the store runs it.
struct MessageSearchQuery {
    qint64 userId = 0;          // only conversations this user is a member of now
    QStringList words;          // lowercased; each must start a word of the message
    qint64 conversationId = 0;  // 0: every conversation of the user
    qint64 beforeId = 0;        // the paging cursor: only messages stored before this one; 0: none
    int limit = 0;
};

// A position in the conversation list (most recent activity first).
struct ConversationCursor {
    qint64 lastActivityAt = 0;
    QString publicId;
};

// A conversation with what its JSON needs: current members and the last message.
struct ConversationView {
    ConversationRecord conversation;
    QList<MemberRecord> members;
    std::optional<MessageRecord> lastMessage;
    QHash<qint64, qint64> unreadByUser;  // for the viewers it was loaded for
    QSet<qint64> blockers;               // private: those viewers who have blocked the other member
};

// What `natter-server admin list` and `find` show of an account.
struct AccountSummary {
    QString publicId;
    QString username;
    QString displayName;
    qint64 createdAt = 0;
    qint64 lastSeenAt = 0;  // 0: never seen offline
    qint64 disabledAt = 0;  // 0: enabled
    int sessions = 0;
};

// `natter-server admin counts`.
struct ServerCounts {
    qint64 users = 0;
    qint64 disabledUsers = 0;
    qint64 sessions = 0;
    qint64 privateConversations = 0;
    qint64 groups = 0;
    qint64 messages = 0;
};

// A session the operator revoked: every node closes its connections (docs/operations.md).
struct SessionRevocation {
    // Rows older than this are pruned: every live node has polled them long before.
    static constexpr qint64 kKeepMs = 10 * 60 * 1000;

    qint64 id = 0;  // increasing: the nodes poll for ids above the last they saw
    qint64 sessionId = 0;
};

}  // namespace natter
