#include "local_event_bus.h"

#include "codec.h"
#include "connection_registry.h"

namespace natter {

void LocalEventBus::publish(const Audience& audience, const ServerEvent& event) {
    if (audience.userIds.isEmpty()) {
        return;
    }
    registry_.sendToUsers(audience.userIds, encodeEvent(event.name, event.data), audience.skip);
}

void LocalEventBus::sendTo(const ConnectionRef& connection, const ServerEvent& event) {
    registry_.sendTo(connection, encodeEvent(event.name, event.data));
}

void LocalEventBus::closeSession(qint64 sessionId, int closeCode, const QString& reason,
                                 std::optional<ConnectionRef> keep) {
    registry_.closeSession(sessionId, closeCode, reason, keep);
}

}  // namespace natter
