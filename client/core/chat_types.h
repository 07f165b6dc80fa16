// The message and conversation objects of docs/protocol.md section 3.4, as the client keeps them,
// plus the client-side delivery state of messages this device wrote.
#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

#include "core/account_types.h"

namespace natter {

// Where a message stands from this device's point of view.
enum class Delivery {
    Sent,     // stored by the server (it has a seq)
    Pending,  // written here, not acknowledged yet (offline or in flight)
    Failed,   // the server refused it; the user may retry
};

// The message a reply answers, as it is now (docs/protocol.md 5.2a `reply_to`).
struct ReplyRef {
    qint64 seq = 0;
    std::optional<UserInfo> sender;
    QString type;
    QString preview;  // the first kReplyPreviewMaxChars characters; empty once deleted
    bool deleted = false;
};

// One emoji's reactions on a message (5.2a `reactions`), earliest first.
struct Reaction {
    QString emoji;
    QStringList userIds;
};

struct ChatMessage {
    QString id;  // empty while pending
    QString conversationId;
    qint64 seq = 0;                  // 0 while pending
    std::optional<UserInfo> sender;  // nullopt for system messages
    QString clientMessageId;
    QString type;
    QString body;
    QJsonObject meta;
    QDateTime sentAt;
    Delivery delivery = Delivery::Sent;
    QString failureText;  // why the server refused it (Failed only), in plain words
    QString recipientId;  // pending first message of a private chat: the other user (no
                          // conversation yet)
    // What 5.2a adds to a message's current state.
    std::optional<ReplyRef> replyTo;
    QDateTime editedAt;    // invalid: never edited
    bool deleted = false;  // a tombstone: body and meta are gone
    QList<Reaction> reactions;
    // Change entries only: the changed message as it is now (never cached).
    std::shared_ptr<const ChatMessage> target;

    bool isSystem() const { return type == QStringLiteral("system"); }
    // A change entry (docs/protocol.md 5.2a: an edit, deletion or reaction of another message).
    bool isChange() const { return type == QStringLiteral("change"); }
    bool isEdited() const { return editedAt.isValid(); }
    // Change entries: "edit", "delete", "react_add" or "react_remove", and the seq they change.
    QString changeAction() const;
    qint64 targetSeq() const;
    // Whether `userId` reacted with `emoji`.
    bool hasReaction(const QString& emoji, const QString& userId) const;
    // What a reply to this message quotes (5.2a reply_to.preview): the first
    // kReplyPreviewMaxChars characters (code points) of the body; empty once deleted.
    QString quotePreview() const;
    static ChatMessage fromJson(const QJsonObject& object);
    // The 5.2a state (reply_to, edited_at, deleted, reactions) as the protocol writes it, and
    // back: the local cache keeps it in one column.
    QJsonObject stateJson() const;
    void readState(const QJsonObject& object);
};

struct Conversation {
    enum class Kind { Private, Group };

    QString id;
    Kind kind = Kind::Private;
    QString name;
    QString ownerId;  // empty for private chats
    QList<UserInfo> members;
    QDateTime createdAt;
    qint64 lastSeq = 0;
    QDateTime lastActivityAt;
    std::optional<ChatMessage> lastMessage;
    // Read state (docs/protocol.md 5.5). hasReadState is false for the brief conversation of a
    // message.new event, which carries none.
    bool hasReadState = false;
    qint64 lastReadSeq = 0;
    int unreadCount = 0;
    QHash<QString, qint64> readPositions;  // the other members' markers, by user id
    // The other members' last_delivered_seq, by user id (read_positions[].last_delivered_seq).
    QHash<QString, qint64> deliveredPositions;
    // Safety (docs/protocol.md 5.6), as the viewer sees it. hasSafetyState is false for the
    // brief conversation of a message.new event and for drafts, which carry none of it.
    bool hasSafetyState = false;
    bool request = false;  // a private chat someone started with me that I have not accepted
    bool blocked = false;  // private chats: I blocked the other member
    bool muted = false;

    bool isGroup() const { return kind == Kind::Group; }
    bool hasMember(const QString& userId) const;
    static Conversation fromJson(const QJsonObject& object);
    static Kind kindFromName(const QString& name);
};

QList<UserInfo> usersFromJson(const QJsonArray& array);

// Whether a person is connected (docs/protocol.md 5.4).
struct Presence {
    enum class Status { Unknown, Online, Offline };

    QString userId;
    Status status = Status::Unknown;
    QDateTime lastSeenAt;  // invalid when the server does not know it

    bool isOnline() const { return status == Status::Online; }
    static Presence fromJson(const QJsonObject& object);
};

}  // namespace natter

Q_DECLARE_METATYPE(natter::ChatMessage)
Q_DECLARE_METATYPE(natter::Conversation)
Q_DECLARE_METATYPE(natter::Delivery)
Q_DECLARE_METATYPE(natter::Presence)
