// Announces committed chat changes to the members (docs/protocol.md section 5.7) through the event
// bus, and tells the delivery observer (offline notifications) of every message delivered.
// Service thread only.
#pragma once

#include <optional>

#include "ports/delivery_observer.h"
#include "ports/event_bus.h"

namespace natter {

class ChatEvents {
public:
    // observer may be null.
    explicit ChatEvents(EventBus& bus, DeliveryObserver* observer = nullptr)
        : bus_(bus), observer_(observer) {}

    // message.new to every member's connections except `skip` (the sending connection).
    void messageNew(const ConversationView& view, const MessageRecord& message,
                    std::optional<ConnectionRef> skip = std::nullopt) const;
    // message.changed (a change entry) to every member's connections except `skip`.
    void messageChanged(const ConversationView& view, const MessageRecord& change,
                        std::optional<ConnectionRef> skip) const;
    // conversation.updated to every member's connections.
    void conversationUpdated(const ConversationView& view) const;
    // conversation.updated to one member's connections (a chat request that stopped being one).
    void conversationUpdated(const ConversationView& view, qint64 userId) const;
    // conversation.removed to every connection of a user who left or was removed.
    void conversationRemoved(qint64 userId, const QString& conversationPublicId) const;

private:
    EventBus& bus_;
    DeliveryObserver* observer_;
};

}  // namespace natter
