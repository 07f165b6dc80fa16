// The event bus of a node in a cluster (docs/scaling.md): delivers to this node's connections
// directly, like LocalEventBus, and sends ONE message per other node that holds a recipient, on
// that node's own channel, with the encoded event once. Messages from the other nodes arrive
// the same way and go to the local connections. Service thread only.
#pragma once

#include <QObject>
#include <QTimer>

#include "ports/event_bus.h"

namespace natter {

class ConnectionRegistry;
class RedisNode;

class RedisEventBus : public QObject, public EventBus {
    Q_OBJECT
public:
    // How long after the first reason to catch up the local connections are closed: the other
    // nodes' rejoin notices of one Redis restart then cost each client one reconnect, not several.
    static constexpr int kCatchUpDelayMs = 1'000;

    RedisEventBus(RedisNode& node, const ConnectionRegistry& local, QObject* parent = nullptr);

    void publish(const Audience& audience, const ServerEvent& event) override;
    void sendTo(const ConnectionRef& connection, const ServerEvent& event) override;
    void closeSession(qint64 sessionId, int closeCode, const QString& reason,
                      std::optional<ConnectionRef> keep) override;

private:
    void onNodeMessage(const QByteArray& payload);
    void send(quint32 node, const QByteArray& payload);

    RedisNode& node_;
    const ConnectionRegistry& local_;
    QTimer catchUp_;
};

}  // namespace natter
