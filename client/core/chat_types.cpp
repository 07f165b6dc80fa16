#include "core/chat_types.h"

#include <QJsonArray>

#include "message_rules.h"

namespace natter {
namespace {

QDateTime timestamp(const QJsonValue& value) {
    return QDateTime::fromMSecsSinceEpoch(value.toInteger(), Qt::UTC);
}

}  // namespace

ChatMessage ChatMessage::fromJson(const QJsonObject& object) {
    ChatMessage message;
    message.id = object.value(QStringLiteral("id")).toString();
    message.conversationId = object.value(QStringLiteral("conversation_id")).toString();
    message.seq = object.value(QStringLiteral("seq")).toInteger();
    const QJsonValue sender = object.value(QStringLiteral("sender"));
    if (sender.isObject()) {
        message.sender = UserInfo::fromJson(sender.toObject());
    }
    message.clientMessageId = object.value(QStringLiteral("client_message_id")).toString();
    message.type = object.value(QStringLiteral("type")).toString();
    message.body = object.value(QStringLiteral("body")).toString();
    message.meta = object.value(QStringLiteral("meta")).toObject();
    message.sentAt = timestamp(object.value(QStringLiteral("sent_at")));
    message.readState(object);
    const QJsonValue target = object.value(QStringLiteral("target"));
    if (message.isChange() && target.isObject()) {
        message.target = std::make_shared<const ChatMessage>(fromJson(target.toObject()));
    }
    return message;
}

QString ChatMessage::changeAction() const {
    return meta.value(QStringLiteral("action")).toString();
}

qint64 ChatMessage::targetSeq() const {
    return meta.value(QStringLiteral("target_seq")).toInteger();
}

bool ChatMessage::hasReaction(const QString& emoji, const QString& userId) const {
    return std::any_of(reactions.cbegin(), reactions.cend(), [&](const Reaction& reaction) {
        return reaction.emoji == emoji && reaction.userIds.contains(userId);
    });
}

QString ChatMessage::quotePreview() const {
    return deleted ? QString() : replyPreviewOf(body);
}

void ChatMessage::readState(const QJsonObject& object) {
    const QJsonValue reply = object.value(QStringLiteral("reply_to"));
    replyTo.reset();
    if (reply.isObject()) {
        const QJsonObject ref = reply.toObject();
        ReplyRef to;
        to.seq = ref.value(QStringLiteral("seq")).toInteger();
        if (ref.value(QStringLiteral("sender")).isObject()) {
            to.sender = UserInfo::fromJson(ref.value(QStringLiteral("sender")).toObject());
        }
        to.type = ref.value(QStringLiteral("type")).toString();
        to.preview = ref.value(QStringLiteral("preview")).toString();
        to.deleted = ref.value(QStringLiteral("deleted")).toBool();
        replyTo = to;
    }
    const QJsonValue edited = object.value(QStringLiteral("edited_at"));
    editedAt = edited.isDouble() ? timestamp(edited) : QDateTime();
    deleted = object.value(QStringLiteral("deleted")).toBool();
    reactions.clear();
    for (const QJsonValue& value : object.value(QStringLiteral("reactions")).toArray()) {
        const QJsonObject entry = value.toObject();
        Reaction reaction{entry.value(QStringLiteral("emoji")).toString(), {}};
        for (const QJsonValue& id : entry.value(QStringLiteral("user_ids")).toArray()) {
            reaction.userIds << id.toString();
        }
        if (!reaction.emoji.isEmpty() && !reaction.userIds.isEmpty()) {
            reactions.append(reaction);
        }
    }
}

QJsonObject ChatMessage::stateJson() const {
    QJsonObject state;
    if (replyTo) {
        QJsonObject ref{{QStringLiteral("seq"), replyTo->seq},
                        {QStringLiteral("type"), replyTo->type},
                        {QStringLiteral("preview"), replyTo->preview},
                        {QStringLiteral("deleted"), replyTo->deleted}};
        if (replyTo->sender) {
            ref.insert(QStringLiteral("sender"), replyTo->sender->toJson());
        }
        state.insert(QStringLiteral("reply_to"), ref);
    }
    if (editedAt.isValid()) {
        state.insert(QStringLiteral("edited_at"), editedAt.toMSecsSinceEpoch());
    }
    if (deleted) {
        state.insert(QStringLiteral("deleted"), true);
    }
    QJsonArray list;
    for (const Reaction& reaction : reactions) {
        list.append(QJsonObject{
            {QStringLiteral("emoji"), reaction.emoji},
            {QStringLiteral("count"), reaction.userIds.size()},
            {QStringLiteral("user_ids"), QJsonArray::fromStringList(reaction.userIds)}});
    }
    if (!list.isEmpty()) {
        state.insert(QStringLiteral("reactions"), list);
    }
    return state;
}

bool Conversation::hasMember(const QString& userId) const {
    return std::any_of(members.cbegin(), members.cend(),
                       [&](const UserInfo& user) { return user.id == userId; });
}

Conversation::Kind Conversation::kindFromName(const QString& name) {
    return name == QStringLiteral("group") ? Kind::Group : Kind::Private;
}

Conversation Conversation::fromJson(const QJsonObject& object) {
    Conversation conversation;
    conversation.id = object.value(QStringLiteral("id")).toString();
    conversation.kind = kindFromName(object.value(QStringLiteral("kind")).toString());
    conversation.name = object.value(QStringLiteral("name")).toString();
    conversation.ownerId = object.value(QStringLiteral("owner_id")).toString();
    conversation.members = usersFromJson(object.value(QStringLiteral("members")).toArray());
    conversation.createdAt = timestamp(object.value(QStringLiteral("created_at")));
    conversation.lastSeq = object.value(QStringLiteral("last_seq")).toInteger();
    conversation.lastActivityAt = timestamp(object.value(QStringLiteral("last_activity_at")));
    const QJsonValue last = object.value(QStringLiteral("last_message"));
    if (last.isObject()) {
        conversation.lastMessage = ChatMessage::fromJson(last.toObject());
    }
    conversation.hasReadState = object.contains(QStringLiteral("last_read_seq"));
    conversation.lastReadSeq = object.value(QStringLiteral("last_read_seq")).toInteger();
    conversation.unreadCount = object.value(QStringLiteral("unread_count")).toInt();
    for (const QJsonValue& value : object.value(QStringLiteral("read_positions")).toArray()) {
        const QJsonObject position = value.toObject();
        conversation.readPositions.insert(
            position.value(QStringLiteral("user_id")).toString(),
            position.value(QStringLiteral("last_read_seq")).toInteger());
        conversation.deliveredPositions.insert(
            position.value(QStringLiteral("user_id")).toString(),
            position.value(QStringLiteral("last_delivered_seq")).toInteger());
    }
    conversation.hasSafetyState = object.contains(QStringLiteral("muted"));
    conversation.request = object.value(QStringLiteral("request")).toBool();
    conversation.blocked = object.value(QStringLiteral("blocked")).toBool();
    conversation.muted = object.value(QStringLiteral("muted")).toBool();
    return conversation;
}

Presence Presence::fromJson(const QJsonObject& object) {
    Presence presence;
    presence.userId = object.value(QStringLiteral("user_id")).toString();
    const QString status = object.value(QStringLiteral("status")).toString();
    if (status == QStringLiteral("online")) {
        presence.status = Status::Online;
    } else if (status == QStringLiteral("offline")) {
        presence.status = Status::Offline;
    }
    const QJsonValue lastSeen = object.value(QStringLiteral("last_seen_at"));
    if (lastSeen.isDouble()) {
        presence.lastSeenAt = timestamp(lastSeen);
    }
    return presence;
}

QList<UserInfo> usersFromJson(const QJsonArray& array) {
    QList<UserInfo> users;
    users.reserve(array.size());
    for (const QJsonValue& value : array) {
        users.append(UserInfo::fromJson(value.toObject()));
    }
    return users;
}

}  // namespace natter
