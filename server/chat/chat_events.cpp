#include "chat_events.h"

#include <QHash>

#include "codec.h"
#include "method_names.h"
#include "net/connection_registry.h"
#include "notify/offline_notifier.h"

namespace natter {

void ChatEvents::messageNew(const ConversationView& view, const MessageRecord& message,
                            std::optional<ConnectionRef> skip) const {
    // message.new differs between viewers only in the conversation's name: group members all see
    // the same one, the two sides of a private chat each other's. Encode once per name.
    const QJsonObject messageData = messageJson(message);
    QHash<QString, QString> encodedByName;
    for (const MemberRecord& member : view.members) {
        const QString name = conversationNameFor(view, member.userId);
        auto it = encodedByName.find(name);
        if (it == encodedByName.end()) {
            const QJsonObject data{
                {QStringLiteral("conversation"), conversationSummaryJson(view, member.userId)},
                {QStringLiteral("message"), messageData}};
            it = encodedByName.insert(name, encodeEvent(QString(event::kMessageNew), data));
        }
        registry_.sendToUser(member.userId, it.value(), skip);
    }
    if (offline_) {
        offline_->messageDelivered(view, message);
    }
}

void ChatEvents::conversationUpdated(const ConversationView& view) const {
    // The full conversation carries the viewer's own read state: one encoding per member.
    for (const MemberRecord& member : view.members) {
        conversationUpdated(view, member.userId);
    }
}

void ChatEvents::conversationUpdated(const ConversationView& view, qint64 userId) const {
    const QJsonObject data{{QStringLiteral("conversation"), conversationJson(view, userId)}};
    registry_.sendToUser(userId, encodeEvent(QString(event::kConversationUpdated), data));
}

void ChatEvents::conversationRemoved(qint64 userId, const QString& conversationPublicId) const {
    registry_.sendToUser(userId,
                         encodeEvent(QString(event::kConversationRemoved),
                                     {{QStringLiteral("conversation_id"), conversationPublicId}}));
}

}  // namespace natter
