#include "record_json.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace natter {

UserRef refOf(const UserRecord& user) {
    return UserRef{user.publicId, user.username, user.displayName};
}

QJsonObject userJson(const UserRef& user) {
    return {{QStringLiteral("id"), user.publicId},
            {QStringLiteral("username"), user.username},
            {QStringLiteral("display_name"), user.displayName}};
}

QString compactJson(const QJsonObject& object) {
    return object.isEmpty()
               ? QString()
               : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

namespace {

QJsonValue senderJson(const std::optional<UserRef>& sender) {
    return sender ? QJsonValue(userJson(*sender)) : QJsonValue();
}

QJsonArray reactionsJson(const QList<ReactionRecord>& reactions) {
    QJsonArray array;
    for (const ReactionRecord& reaction : reactions) {
        array.append(QJsonObject{
            {QStringLiteral("emoji"), reaction.emoji},
            {QStringLiteral("count"), reaction.userPublicIds.size()},
            {QStringLiteral("user_ids"), QJsonArray::fromStringList(reaction.userPublicIds)}});
    }
    return array;
}

// The members of docs/protocol.md 5.2a, each only where it applies.
void addChangeState(const MessageRecord& m, QJsonObject& json) {
    if (m.replyTo) {
        json.insert(QStringLiteral("reply_to"),
                    QJsonObject{{QStringLiteral("seq"), m.replyTo->seq},
                                {QStringLiteral("sender"), senderJson(m.replyTo->sender)},
                                {QStringLiteral("type"), m.replyTo->type},
                                {QStringLiteral("preview"), m.replyTo->preview},
                                {QStringLiteral("deleted"), m.replyTo->deleted}});
    }
    if (m.editedAt != 0) {
        json.insert(QStringLiteral("edited_at"), m.editedAt);
    }
    if (m.isDeleted()) {
        json.insert(QStringLiteral("deleted"), true);
    }
    if (!m.reactions.isEmpty()) {
        json.insert(QStringLiteral("reactions"), reactionsJson(m.reactions));
    }
    if (m.target) {
        json.insert(QStringLiteral("target"), messageJson(*m.target));
    }
}

}  // namespace

QJsonObject messageJson(const MessageRecord& m) {
    const QJsonValue meta = m.metaJson.isEmpty()
                                ? QJsonValue(QJsonValue::Null)
                                : QJsonValue(QJsonDocument::fromJson(m.metaJson.toUtf8()).object());
    QJsonObject json{{QStringLiteral("id"), m.publicId},
                     {QStringLiteral("conversation_id"), m.conversationPublicId},
                     {QStringLiteral("seq"), m.seq},
                     {QStringLiteral("sender"), senderJson(m.sender)},
                     {QStringLiteral("client_message_id"),
                      m.clientMessageId.isEmpty() ? QJsonValue() : QJsonValue(m.clientMessageId)},
                     {QStringLiteral("type"), m.type},
                     {QStringLiteral("body"), m.body},
                     {QStringLiteral("meta"), meta},
                     {QStringLiteral("sent_at"), m.sentAt}};
    addChangeState(m, json);
    return json;
}

QString conversationNameFor(const ConversationView& view, qint64 viewerUserId) {
    if (view.conversation.isGroup()) {
        return view.conversation.name;
    }
    for (const MemberRecord& member : view.members) {
        if (member.userId != viewerUserId) {
            return member.user.displayName;
        }
    }
    return view.conversation.name;
}

QJsonObject conversationSummaryJson(const ConversationView& view, qint64 viewerUserId) {
    return {{QStringLiteral("id"), view.conversation.publicId},
            {QStringLiteral("kind"), view.conversation.kind},
            {QStringLiteral("name"), conversationNameFor(view, viewerUserId)}};
}

QJsonObject conversationJson(const ConversationView& view, qint64 viewerUserId) {
    QJsonArray members;
    QJsonArray readPositions;
    MemberRecord viewer;
    const ConversationRecord& c = view.conversation;
    for (const MemberRecord& member : view.members) {
        members.append(userJson(member.user));
        if (member.userId == viewerUserId) {
            viewer = member;
            continue;
        }
        // A recipient's markers stay theirs while the chat is still a request for them (5.6).
        const bool hidden = c.requestForUserId == member.userId;
        readPositions.append(QJsonObject{
            {QStringLiteral("user_id"), member.user.publicId},
            {QStringLiteral("last_read_seq"), hidden ? 0 : member.lastReadSeq},
            {QStringLiteral("last_delivered_seq"), hidden ? 0 : member.lastDeliveredSeq}});
    }
    QJsonObject json = conversationSummaryJson(view, viewerUserId);
    json.insert(QStringLiteral("owner_id"),
                c.ownerPublicId.isEmpty() ? QJsonValue() : QJsonValue(c.ownerPublicId));
    json.insert(QStringLiteral("members"), members);
    json.insert(QStringLiteral("created_at"), c.createdAt);
    json.insert(QStringLiteral("last_seq"), c.lastSeq);
    json.insert(QStringLiteral("last_activity_at"), c.lastActivityAt);
    json.insert(QStringLiteral("last_message"),
                view.lastMessage ? QJsonValue(messageJson(*view.lastMessage)) : QJsonValue());
    json.insert(QStringLiteral("last_read_seq"), viewer.lastReadSeq);
    json.insert(QStringLiteral("muted"), viewer.muted);
    json.insert(QStringLiteral("request"), c.requestForUserId == viewerUserId);
    if (!c.isGroup()) {
        json.insert(QStringLiteral("blocked"), view.blockers.contains(viewerUserId));
    }
    json.insert(QStringLiteral("unread_count"), view.unreadByUser.value(viewerUserId, 0));
    json.insert(QStringLiteral("read_positions"), readPositions);
    return json;
}

}  // namespace natter
