// Delivers committed chat changes as events (docs/protocol.md section 5.3) to members' live
// connections. Service thread only; encodes each distinct payload once, not once per connection.
#pragma once

#include <optional>

#include "chat_json.h"
#include "net/connection_ref.h"

namespace natter {

class ConnectionRegistry;

class ChatEvents {
public:
    explicit ChatEvents(const ConnectionRegistry& registry) : registry_(registry) {}

    // message.new to every member's connections except `skip` (the sending connection).
    void messageNew(const ConversationView& view, const MessageRecord& message,
                    std::optional<ConnectionRef> skip = std::nullopt) const;
    // conversation.updated to every member's connections.
    void conversationUpdated(const ConversationView& view) const;
    // conversation.removed to every connection of a user who left or was removed.
    void conversationRemoved(qint64 userId, const QString& conversationPublicId) const;

private:
    const ConnectionRegistry& registry_;
};

}  // namespace natter
