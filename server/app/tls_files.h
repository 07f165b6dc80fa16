// The server's TLS identity from its PEM files (--tls-cert, --tls-key), read at start and again on
// SIGHUP.
#pragma once

#include <QSslConfiguration>
#include <QString>
#include <variant>

#include "server_config.h"

namespace natter {

// The TLS configuration for serving wss://, or why the files cannot be used.
std::variant<QSslConfiguration, QString> loadTls(const ServerConfig& config);

}  // namespace natter
