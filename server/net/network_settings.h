// What a network worker needs to know to accept connections.
#pragma once

#include <QSslConfiguration>
#include <QStringList>
#include <optional>

namespace natter {

struct NetworkSettings {
    std::optional<QSslConfiguration> tls;  // set: every connection must speak TLS (wss://)
    QStringList allowedOrigins;            // browser origins allowed to connect
    int pingIntervalMs = 20'000;
};

}  // namespace natter
