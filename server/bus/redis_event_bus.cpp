#include "redis_event_bus.h"

#include "close_codes.h"
#include "codec.h"
#include "net/connection_registry.h"
#include "node_messages.h"
#include "redis_node.h"
#include "util/log.h"

namespace natter {

RedisEventBus::RedisEventBus(RedisNode& node, const ConnectionRegistry& local, QObject* parent)
    : QObject(parent), node_(node), local_(local) {
    connect(&node_, &RedisNode::messageReceived, this, &RedisEventBus::onNodeMessage);
    catchUp_.setSingleShot(true);
    catchUp_.setInterval(kCatchUpDelayMs);
    connect(&node_, &RedisNode::catchUpNeeded, this, [this] {
        if (!catchUp_.isActive()) {
            catchUp_.start();
        }
    });
    // docs/protocol.md section 6: 4003 means reconnect at once, resume and sync; nothing is lost.
    connect(&catchUp_, &QTimer::timeout, this, [this] {
        log::info("cluster.catch_up");
        local_.closeAll(close_code::kTooSlow, QStringLiteral("catch up"));
    });
}

void RedisEventBus::publish(const Audience& audience, const ServerEvent& event) {
    if (audience.userIds.isEmpty()) {
        return;
    }
    const QString text = encodeEvent(event.name, event.data);
    local_.sendToUsers(audience.userIds, text, audience.skip);
    const auto holders = node_.remoteHolders(audience.userIds);
    if (holders.isEmpty()) {
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    for (auto it = holders.cbegin(); it != holders.cend(); ++it) {
        send(it.key(), node_message::encodeDeliver(*it, audience.skip, utf8));
    }
}

void RedisEventBus::sendTo(const ConnectionRef& connection, const ServerEvent& event) {
    const QString text = encodeEvent(event.name, event.data);
    if (connection.node == node_.id()) {
        local_.sendTo(connection, text);
    } else {
        send(connection.node, node_message::encode(node_message::DeliverTo{connection.id, text}));
    }
}

void RedisEventBus::closeSession(qint64 sessionId, int closeCode, const QString& reason,
                                 std::optional<ConnectionRef> keep) {
    local_.closeSession(sessionId, closeCode, reason, keep);
    const QByteArray payload =
        node_message::encode(node_message::CloseSession{sessionId, closeCode, keep, reason});
    for (quint32 node : node_.nodesHoldingSession(sessionId)) {
        send(node, payload);
    }
}

// A message lost while the link is down is made up for by the catch-up after it (docs/scaling.md).
void RedisEventBus::send(quint32 node, const QByteArray& payload) {
    if (!node_.publishToNode(node, payload)) {
        log::debug("cluster.publish_dropped", {{"node", QString::number(node)}});
    }
}

void RedisEventBus::onNodeMessage(const QByteArray& payload) {
    const auto message = node_message::decodeNodeMessage(payload);
    if (!message) {
        log::warning("cluster.bad_node_message", {{"bytes", QString::number(payload.size())}});
        return;
    }
    if (const auto* deliver = std::get_if<node_message::Deliver>(&*message)) {
        local_.sendToUsers(deliver->userIds, deliver->text, deliver->skip);
    } else if (const auto* one = std::get_if<node_message::DeliverTo>(&*message)) {
        local_.sendTo(ConnectionRef{node_.id(), one->connectionId}, one->text);
    } else {
        const auto& close = std::get<node_message::CloseSession>(*message);
        local_.closeSession(close.sessionId, close.closeCode, close.reason, close.keep);
    }
}

}  // namespace natter
