// What a network worker needs to know to accept connections.
#pragma once

#include <QSslConfiguration>
#include <QStringList>
#include <optional>

#include "node_limits.h"
#include "protocol_limits.h"

namespace natter {

class Metrics;

struct NetworkSettings {
    quint32 nodeId = 0;                    // this node, in every ConnectionRef it hands out
    std::optional<QSslConfiguration> tls;  // set: every connection must speak TLS (wss://)
    QStringList allowedOrigins;            // browser origins allowed to connect
    int pingIntervalMs = 20'000;
    // Each connection's request budget (server settings request-rate, request-burst).
    double requestRatePerSecond = limits::kRequestRatePerSecond;
    double requestBurst = limits::kRequestBurst;
    qint64 maxOutboundBytes = 0;       // per connection; beyond it the connection is closed (4003)
    NodeLimits* nodeLimits = nullptr;  // shared by all workers; owned by ServerApp
    Metrics* metrics = nullptr;        // errors answered, events delivered; owned by ServerApp
};

}  // namespace natter
