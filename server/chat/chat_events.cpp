#include "chat_events.h"

#include <QHash>

#include "codec.h"
#include "method_names.h"
#include "net/connection_registry.h"

namespace natter {

template <typename DataFor>
void ChatEvents::toMembers(const ConversationView& view, QLatin1StringView event, DataFor dataFor,
                           std::optional<ConnectionRef> skip) const {
    // Group members all see the same name; the two sides of a private chat see each other's.
    QHash<QString, QString> encodedByName;
    for (const MemberRecord& member : view.members) {
        const QString name = conversationNameFor(view, member.userId);
        auto it = encodedByName.find(name);
        if (it == encodedByName.end()) {
            it = encodedByName.insert(name, encodeEvent(QString(event), dataFor(member.userId)));
        }
        registry_.sendToUser(member.userId, it.value(), skip);
    }
}

void ChatEvents::messageNew(const ConversationView& view, const MessageRecord& message,
                            std::optional<ConnectionRef> skip) const {
    const QJsonObject messageData = messageJson(message);
    toMembers(
        view, event::kMessageNew,
        [&](qint64 viewer) {
            return QJsonObject{
                {QStringLiteral("conversation"), conversationSummaryJson(view, viewer)},
                {QStringLiteral("message"), messageData}};
        },
        skip);
}

void ChatEvents::conversationUpdated(const ConversationView& view) const {
    toMembers(
        view, event::kConversationUpdated,
        [&](qint64 viewer) {
            return QJsonObject{{QStringLiteral("conversation"), conversationJson(view, viewer)}};
        },
        std::nullopt);
}

void ChatEvents::conversationRemoved(qint64 userId, const QString& conversationPublicId) const {
    registry_.sendToUser(userId,
                         encodeEvent(QString(event::kConversationRemoved),
                                     {{QStringLiteral("conversation_id"), conversationPublicId}}));
}

}  // namespace natter
