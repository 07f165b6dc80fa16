// The event bus of a single node: encodes each event once and hands it to this node's connections
// through the registry. Service thread only.
#pragma once

#include "ports/event_bus.h"

namespace natter {

class ConnectionRegistry;

class LocalEventBus final : public EventBus {
public:
    explicit LocalEventBus(const ConnectionRegistry& registry) : registry_(registry) {}

    void publish(const Audience& audience, const ServerEvent& event) override;
    void sendTo(const ConnectionRef& connection, const ServerEvent& event) override;
    void closeSession(qint64 sessionId, int closeCode, const QString& reason,
                      std::optional<ConnectionRef> keep) override;

private:
    const ConnectionRegistry& registry_;
};

}  // namespace natter
