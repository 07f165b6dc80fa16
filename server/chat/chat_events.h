// Delivers committed chat changes as events (docs/protocol.md section 5.7) to members' live
// connections. Service thread only; encodes each distinct payload once, not once per connection.
#pragma once

#include <optional>

#include "chat_json.h"
#include "ports/connection_ref.h"

namespace natter {

class ConnectionRegistry;
class OfflineNotifier;

class ChatEvents {
public:
    // offline (may be null) hears of every message delivered, to notify members who are offline.
    explicit ChatEvents(const ConnectionRegistry& registry, OfflineNotifier* offline = nullptr)
        : registry_(registry), offline_(offline) {}

    // message.new to every member's connections except `skip` (the sending connection).
    void messageNew(const ConversationView& view, const MessageRecord& message,
                    std::optional<ConnectionRef> skip = std::nullopt) const;
    // conversation.updated to every member's connections.
    void conversationUpdated(const ConversationView& view) const;
    // conversation.updated to one member's connections (a chat request that stopped being one).
    void conversationUpdated(const ConversationView& view, qint64 userId) const;
    // conversation.removed to every connection of a user who left or was removed.
    void conversationRemoved(qint64 userId, const QString& conversationPublicId) const;

private:
    const ConnectionRegistry& registry_;
    OfflineNotifier* offline_;
};

}  // namespace natter
