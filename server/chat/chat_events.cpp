#include "chat_events.h"

#include "views/server_events.h"

namespace natter {

void ChatEvents::messageNew(const ConversationView& view, const MessageRecord& message,
                            std::optional<ConnectionRef> skip) const {
    for (events::ForMembers& forMembers : events::messageNew(view, message)) {
        bus_.publish(Audience{std::move(forMembers.userIds), skip}, forMembers.event);
    }
    if (observer_) {
        observer_->messageDelivered(view, message);
    }
}

void ChatEvents::conversationUpdated(const ConversationView& view) const {
    // The full conversation carries the viewer's own read state: one event per member.
    for (const MemberRecord& member : view.members) {
        conversationUpdated(view, member.userId);
    }
}

void ChatEvents::conversationUpdated(const ConversationView& view, qint64 userId) const {
    bus_.publish(Audience::user(userId), events::conversationUpdated(view, userId));
}

void ChatEvents::conversationRemoved(qint64 userId, const QString& conversationPublicId) const {
    bus_.publish(Audience::user(userId), events::conversationRemoved(conversationPublicId));
}

}  // namespace natter
