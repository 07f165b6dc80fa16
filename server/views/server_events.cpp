#include "server_events.h"

#include <QHash>

#include "method_names.h"
#include "protocol_limits.h"
#include "record_json.h"

namespace natter::events {
namespace {

ServerEvent named(QLatin1StringView name, QJsonObject data) {
    return ServerEvent{QString(name), std::move(data)};
}

const QString kConversationId = QStringLiteral("conversation_id");
const QString kUserId = QStringLiteral("user_id");

}  // namespace

namespace {

QList<ForMembers> messageEvent(QLatin1StringView eventName, const ConversationView& view,
                               const MessageRecord& message) {
    // message.new (and message.changed) differs between viewers only in the conversation's name:
    // group members all see the same one, the two sides of a private chat each other's.
    const QJsonObject messageData = messageJson(message);
    QList<ForMembers> grouped;
    QHash<QString, qsizetype> indexByName;
    for (const MemberRecord& member : view.members) {
        const QString name = conversationNameFor(view, member.userId);
        auto it = indexByName.constFind(name);
        if (it == indexByName.constEnd()) {
            it = indexByName.insert(name, grouped.size());
            grouped.append(
                ForMembers{{},
                           named(eventName, {{QStringLiteral("conversation"),
                                              conversationSummaryJson(view, member.userId)},
                                             {QStringLiteral("message"), messageData}})});
        }
        grouped[*it].userIds.append(member.userId);
    }
    return grouped;
}

}  // namespace

QList<ForMembers> messageNew(const ConversationView& view, const MessageRecord& message) {
    return messageEvent(event::kMessageNew, view, message);
}

QList<ForMembers> messageChanged(const ConversationView& view, const MessageRecord& change) {
    return messageEvent(event::kMessageChanged, view, change);
}

ServerEvent conversationUpdated(const ConversationView& view, qint64 viewerUserId) {
    return named(event::kConversationUpdated,
                 {{QStringLiteral("conversation"), conversationJson(view, viewerUserId)}});
}

ServerEvent conversationRemoved(const QString& conversationPublicId) {
    return named(event::kConversationRemoved, {{kConversationId, conversationPublicId}});
}

ServerEvent readStateChanged(const QJsonObject& state) {
    return named(event::kReadStateChanged, state);
}

ServerEvent receipt(Receipt kind, const QString& conversationPublicId, const QString& userPublicId,
                    qint64 seq) {
    const bool read = kind == Receipt::Read;
    return named(
        read ? event::kReceiptRead : event::kReceiptDelivered,
        {{kConversationId, conversationPublicId},
         {kUserId, userPublicId},
         {read ? QStringLiteral("last_read_seq") : QStringLiteral("last_delivered_seq"), seq}});
}

ServerEvent conversationMuted(const QString& conversationPublicId, bool muted) {
    return named(event::kConversationMuted,
                 {{kConversationId, conversationPublicId}, {QStringLiteral("muted"), muted}});
}

ServerEvent typing(const QString& conversationPublicId, const QString& userPublicId, bool typing) {
    return named(event::kTyping, {{kConversationId, conversationPublicId},
                                  {kUserId, userPublicId},
                                  {QStringLiteral("typing"), typing},
                                  {QStringLiteral("expires_in_ms"), limits::kTypingTtlMs}});
}

ServerEvent blockChanged(const UserRef& user, bool blocked) {
    return named(event::kBlockChanged,
                 {{QStringLiteral("user"), userJson(user)}, {QStringLiteral("blocked"), blocked}});
}

ServerEvent userUpdated(const UserRef& user) {
    return named(event::kUserUpdated, {{QStringLiteral("user"), userJson(user)}});
}

ServerEvent presenceChanged(const QJsonObject& presence) {
    return named(event::kPresenceChanged, presence);
}

ServerEvent presenceSnapshot(const QJsonArray& presence) {
    return named(event::kPresenceSnapshot, {{QStringLiteral("presence"), presence}});
}

QJsonObject presenceStatus(const QString& userPublicId, const QString& status, qint64 lastSeenAt) {
    return {
        {kUserId, userPublicId},
        {QStringLiteral("status"), status},
        {QStringLiteral("last_seen_at"), lastSeenAt > 0 ? QJsonValue(lastSeenAt) : QJsonValue()}};
}

}  // namespace natter::events
