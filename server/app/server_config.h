// natter-server's settings, from (highest first) command-line flags, NATTER_* environment
// variables, an INI config file ([server] section) and built-in defaults.
#pragma once

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <optional>
#include <variant>

#include "bus/redis_endpoint.h"
#include "protocol_limits.h"

namespace natter {

struct ServerConfig {
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 4860;
    QString dataDir;   // default: the per-user data dir (QStandardPaths::AppDataLocation)
    QString database;  // default: sqlite:<dataDir>/natter.sqlite3
    // Where uploaded files live (store/FileBlobStore), whichever the database.
    QString filesDir() const { return dataDir + QStringLiteral("/files"); }
    // Several nodes (docs/scaling.md): from --redis and --redis-password-file, parsed (and the
    // file read) once; nullopt: one node, no Redis.
    std::optional<RedisEndpoint> redis;
    int nodeAliveTtlSeconds = 60;  // docs: RedisNode::kAliveTtlSeconds
    QString tlsCertFile;
    QString tlsKeyFile;
    QStringList allowedOrigins;
    QString logLevel = QStringLiteral("info");
    bool logJson = false;                  // --log-format json
    int workers = 0;                       // 0: one per CPU core
    int hashThreads = 0;                   // 0: one per CPU core
    qint64 sessionIdleTimeoutSeconds = 0;  // 0: kSessionIdleTimeoutDays
    int pingIntervalSeconds = 20;          // docs: kPingIntervalMs
    // Abuse limits (docs/protocol.md sections 2 and 5.1).
    double requestRatePerSecond = limits::kRequestRatePerSecond;  // per connection
    double requestBurst = limits::kRequestBurst;
    double registerBurst = limits::kRegistrationBurstPerAddress;  // per client address
    double registerRatePerHour = limits::kRegistrationsPerHourPerAddress;
    // Transport limits (docs/protocol.md section 2).
    qint64 maxOutboundBytes = limits::kMaxOutboundBytes;
    qint64 maxOutboundTotalBytes = limits::kMaxOutboundTotalBytes;
    int maxConnections = 0;  // 0: what the descriptor limit allows
    int maxConnectionsPerAddress = limits::kMaxConnectionsPerAddress;
    // Spam rules (docs/protocol.md section 5.6).
    double messageRatePerSecond = 1.0;                // docs: kMessageRatePerSecond
    double messageBurst = 5.0;                        // docs: kMessageBurst
    QString bannedWordsFile;                          // empty: no banned words
    QString linkPolicy = QStringLiteral("contacts");  // allow | contacts | deny
    // How long after sending a text message may be edited (docs/protocol.md 5.2a).
    qint64 editWindowSeconds = limits::kEditWindowSecondsDefault;
    // Files (docs/protocol.md 5.8); stored under <data-dir>/files.
    qint64 maxFileBytes = limits::kMaxFileBytes;
    qint64 fileQuotaBytes = limits::kFileQuotaBytes;
    qint64 uploadExpirySeconds = limits::kUploadExpirySeconds;
    // Notifications for users who are offline (docs/protocol.md section 8).
    QString notifyWebhook;  // empty: off
    QString notifySecret;   // HMAC key for X-Natter-Signature; never logged
    int notifyDelaySeconds = 60;
    // The admin HTTP listener (docs/operations.md): off unless an address is set.
    std::optional<QHostAddress> adminAddress;
    quint16 adminPort = 0;
    bool adminAllowRemote = false;  // else a non-loopback admin address is refused
    // --migrate-from: copy this SQLite database into `database` and exit (a command, not a
    // setting: flag only, never from the environment or a config file).
    QString migrateFrom;
    // --backup-to / --restore-from: one-shot commands on the SQLite database (backup_command.h).
    QString backupTo;
    QString restoreFrom;
    // `admin COMMAND [ARGUMENT]` after the options: the admin command's words (admin_command.h).
    QStringList adminCommand;
};

struct ConfigOutcome {
    std::variant<ServerConfig, QString> configOrError;
    bool exitNow = false;  // --help or --version was handled
};

// arguments: the full argv (program name first); environment: e.g. QProcessEnvironment values.
ConfigOutcome parseServerConfig(const QStringList& arguments, const QStringList& environment);

}  // namespace natter
