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

void ChatEvents::messageChanged(const ConversationView& view, const MessageRecord& change,
                                std::optional<ConnectionRef> skip) const {
    // No delivery observer: a change is not a message to notify anyone of (protocol.md 5.2a).
    for (events::ForMembers& forMembers : events::messageChanged(view, change)) {
        bus_.publish(Audience{std::move(forMembers.userIds), skip}, forMembers.event);
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
