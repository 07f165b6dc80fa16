#include "server_config.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>
#include <cstdio>
#include <functional>
#include <limits>
#include <variant>

#include "admin_command.h"
#include "protocol_limits.h"

namespace natter {
namespace {

struct Setting {
    const char* key;  // flag name, config-file key; NATTER_<KEY> in the environment
    const char* valueName;
    const char* help;
};

constexpr Setting kSettings[] = {
    {"listen", "address", "Address to listen on (default 127.0.0.1; 0.0.0.0 or :: for all)."},
    {"port", "port", "TCP port (default 4860; 0 picks a free port and prints it)."},
    {"data-dir", "dir", "Directory for the database and state (default: per-user data dir)."},
    {"database", "url",
     "Database URL: sqlite:<path> (default sqlite:<data-dir>/natter.sqlite3) or "
     "postgres://user@host[:port]/db (password from ~/.pgpass or PGPASSFILE)."},
    {"redis", "url",
     "Run as one of several nodes sharing the database: redis://host[:port] of the Redis that "
     "carries events and presence between them (default none: a single node)."},
    {"redis-password-file", "file",
     "File whose first line is the Redis password (instead of redis://:password@host)."},
    {"node-alive-ttl", "seconds",
     "With --redis: a node silent this long counts as dead, and its users go offline"
     " (default 60; refreshed 4 times as often)."},
    {"tls-cert", "file", "PEM certificate chain; with --tls-key, serve wss:// only."},
    {"tls-key", "file", "PEM private key for --tls-cert."},
    {"allowed-origins", "list",
     "Comma-separated browser origins allowed to connect (default none;"
     " clients that send no Origin are always allowed)."},
    {"log-level", "level", "debug, info, warning or error (default info)."},
    {"log-format", "format",
     "text (one logfmt line per event; default) or json (one JSON object per line)."},
    {"workers", "n", "Network threads (default: one per CPU core)."},
    {"hash-threads", "n", "Password hashing threads (default: one per CPU core)."},
    {"session-idle-timeout", "seconds", "Delete sessions unused this long (default 90 days)."},
    {"ping-interval", "seconds",
     "Ping every connection this often; drop it after 2 silent"
     " intervals (default 20)."},
    {"request-rate", "per-second",
     "Requests (text frames) one connection may send per second (default 20)."},
    {"request-burst", "n",
     "Requests one connection may send at once before the rate applies (default 40)."},
    {"register-rate", "per-hour", "Accounts one client address may register per hour (default 6)."},
    {"register-burst", "n",
     "Accounts one client address may register at once before the rate applies (default 10)."},
    {"max-outbound-bytes", "bytes",
     "Close a connection with 4003 (reconnect and sync) that leaves more than this unread"
     " (default 4194304)."},
    {"max-outbound-total-bytes", "bytes",
     "Bytes unread by all clients together beyond which connections more than 64 KiB behind"
     " are closed with 4003 (default 268435456)."},
    {"max-connections", "n", "Open connections in total (default: the open-file limit less 64)."},
    {"max-connections-per-address", "n",
     "Open connections from one IPv4 address or IPv6 /64 (default 256)."},
    {"message-rate", "per-second",
     "Messages one user may send per second, all devices together (default 1)."},
    {"message-burst", "n",
     "Messages one user may send at once before the rate applies (default 5)."},
    {"banned-words", "file", "UTF-8 file, one banned word or phrase per line (default none)."},
    {"link-policy", "policy",
     "allow, contacts (no links in chat requests; default) or deny (no links at all)."},
    {"edit-window", "seconds",
     "How long after sending a user may edit a text message (default 172800: 48 hours)."},
    {"max-file-size", "bytes", "Largest file a user may upload (default 104857600: 100 MiB)."},
    {"file-quota", "bytes",
     "Bytes of files one user may keep, finished and unfinished uploads together (default"
     " 1073741824: 1 GiB)."},
    {"upload-expiry", "seconds",
     "Delete uploads no message references this long after they began (default 86400)."},
    {"notify-webhook", "url",
     "POST a JSON summary here when a message waits for a user who stays offline (default off)."},
    {"notify-secret", "key",
     "Signs each webhook body (X-Natter-Signature: sha256=HMAC). Prefer NATTER_NOTIFY_SECRET or"
     " the config file over the command line."},
    {"notify-delay", "seconds",
     "How long a user must stay offline before the webhook (default 60)."},
    {"admin-listen", "address:port",
     "Serve /healthz/live, /healthz/ready and /metrics over HTTP here, e.g. 127.0.0.1:9486 or"
     " [::1]:9486 (default off; port 0 picks a free port and prints it)."},
    {"admin-allow-remote", "bool",
     "true allows an --admin-listen address that is not loopback (default false: refused)."},
};

QString envName(const char* key) {
    return QStringLiteral("NATTER_") + QString::fromLatin1(key).toUpper().replace(u'-', u'_');
}

// Flag > environment > config file > default (empty).
using Lookup = std::function<QString(const char* key)>;

Lookup layeredLookup(const QCommandLineParser& parser, const QStringList& environment) {
    QHash<QString, QString> env;
    for (const QString& entry : environment) {
        const auto eq = entry.indexOf(u'=');
        if (eq > 0) {
            env.insert(entry.left(eq), entry.mid(eq + 1));
        }
    }
    QString configFile = parser.value(QStringLiteral("config"));
    if (configFile.isEmpty()) {
        configFile = env.value(QStringLiteral("NATTER_CONFIG"));
    }
    auto file = std::make_shared<QHash<QString, QString>>();
    if (!configFile.isEmpty()) {
        QSettings settings(configFile, QSettings::IniFormat);
        settings.beginGroup(QStringLiteral("server"));
        for (const QString& key : settings.childKeys()) {
            const QVariant value = settings.value(key);
            file->insert(key, value.typeId() == QMetaType::QStringList
                                  ? value.toStringList().join(u',')
                                  : value.toString());
        }
    }
    return [&parser, env, file](const char* key) {
        const QString name = QString::fromLatin1(key);
        if (parser.isSet(name)) {
            return parser.value(name);
        }
        return env.value(envName(key), file->value(name));
    };
}

// Rates are positive real numbers; bursts real numbers of at least 1 (a smaller bucket never
// holds a whole token, so it would refuse everything).
std::optional<QString> applyRates(ServerConfig& config, const Lookup& value) {
    const auto real = [&](const char* key, double& target,
                          double minimum) -> std::optional<QString> {
        if (const QString text = value(key); !text.isEmpty()) {
            bool ok = false;
            const double parsed = text.toDouble(&ok);
            if (!ok || !(parsed > 0) || parsed < minimum) {
                return QStringLiteral("invalid %1: %2").arg(QLatin1StringView(key), text);
            }
            target = parsed;
        }
        return std::nullopt;
    };
    struct RateSetting {
        const char* rateKey;
        const char* burstKey;
        double ServerConfig::*rate;
        double ServerConfig::*burst;
    };
    static constexpr RateSetting kRates[] = {
        {"message-rate", "message-burst", &ServerConfig::messageRatePerSecond,
         &ServerConfig::messageBurst},
        {"request-rate", "request-burst", &ServerConfig::requestRatePerSecond,
         &ServerConfig::requestBurst},
        {"register-rate", "register-burst", &ServerConfig::registerRatePerHour,
         &ServerConfig::registerBurst}};
    for (const RateSetting& setting : kRates) {
        if (auto e = real(setting.rateKey, config.*setting.rate, 0)) {
            return e;
        }
        if (auto e = real(setting.burstKey, config.*setting.burst, 1)) {
            return e;
        }
    }
    return std::nullopt;
}

std::optional<QString> applyNumbers(ServerConfig& config, const Lookup& value) {
    bool ok = true;
    if (const QString port = value("port"); !port.isEmpty()) {
        const uint parsed = port.toUInt(&ok);
        if (!ok || parsed > 65535) {
            return QStringLiteral("invalid port: ") + port;
        }
        config.port = quint16(parsed);
    }
    // Whole numbers of at least 1 that fit their field (an int setting must not wrap).
    const auto positive = [&](const char* key, auto& target) -> std::optional<QString> {
        using Field = std::remove_reference_t<decltype(target)>;
        if (const QString text = value(key); !text.isEmpty()) {
            const qint64 parsed = text.toLongLong(&ok);
            if (!ok || parsed < 1 || parsed > std::numeric_limits<Field>::max()) {
                return QStringLiteral("invalid %1: %2").arg(QLatin1StringView(key), text);
            }
            target = Field(parsed);
        }
        return std::nullopt;
    };
    const std::pair<const char*, std::variant<int*, qint64*>> wholeNumbers[] = {
        {"workers", &config.workers},
        {"hash-threads", &config.hashThreads},
        {"ping-interval", &config.pingIntervalSeconds},
        {"notify-delay", &config.notifyDelaySeconds},
        {"node-alive-ttl", &config.nodeAliveTtlSeconds},
        {"max-connections", &config.maxConnections},
        {"max-connections-per-address", &config.maxConnectionsPerAddress},
        {"session-idle-timeout", &config.sessionIdleTimeoutSeconds},
        {"edit-window", &config.editWindowSeconds},
        {"max-file-size", &config.maxFileBytes},
        {"file-quota", &config.fileQuotaBytes},
        {"upload-expiry", &config.uploadExpirySeconds},
        {"max-outbound-bytes", &config.maxOutboundBytes},
        {"max-outbound-total-bytes", &config.maxOutboundTotalBytes}};
    for (const auto& [key, field] : wholeNumbers) {
        const auto& name = key;  // clang before 16 cannot capture a structured binding
        if (auto e = std::visit([&](auto* target) { return positive(name, *target); }, field)) {
            return e;
        }
    }
    return applyRates(config, value);
}

// "host:port" with IPv6 hosts in brackets; nullopt when it is not one.
std::optional<std::pair<QHostAddress, quint16>> parseHostPort(const QString& text) {
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0) {
        return std::nullopt;
    }
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']')) {
        host = host.mid(1, host.size() - 2);
    } else if (host.contains(u':')) {
        return std::nullopt;  // an IPv6 address needs its brackets
    }
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    QHostAddress address;
    if (!ok || port > 65535 || !address.setAddress(host)) {
        return std::nullopt;
    }
    return std::pair{address, quint16(port)};
}

// The admin listener exposes server internals: loopback only unless explicitly allowed.
std::optional<QString> applyAdmin(ServerConfig& config, const Lookup& value) {
    if (const QString allow = value("admin-allow-remote"); !allow.isEmpty()) {
        if (allow != u"true" && allow != u"false") {
            return QStringLiteral("invalid admin-allow-remote (true or false): ") + allow;
        }
        config.adminAllowRemote = allow == u"true";
    }
    const QString listen = value("admin-listen");
    if (listen.isEmpty()) {
        return std::nullopt;
    }
    const auto endpoint = parseHostPort(listen);
    if (!endpoint) {
        return QStringLiteral("invalid admin-listen (address:port, IPv6 in brackets): ") + listen;
    }
    if (!endpoint->first.isLoopback() && !config.adminAllowRemote) {
        return QStringLiteral(
                   "admin-listen %1 is not a loopback address; set admin-allow-remote true to "
                   "expose metrics and health beyond this machine")
            .arg(listen);
    }
    config.adminAddress = endpoint->first;
    config.adminPort = endpoint->second;
    return std::nullopt;
}

std::optional<QString> applyLookup(ServerConfig& config, const Lookup& value) {
    if (const QString listen = value("listen"); !listen.isEmpty()) {
        if (!config.listenAddress.setAddress(listen)) {
            return QStringLiteral("invalid listen address: ") + listen;
        }
    }
    if (auto error = applyNumbers(config, value)) {
        return error;
    }
    config.dataDir = value("data-dir");
    config.database = value("database");
    if (const QString redis = value("redis"); !redis.isEmpty()) {
        auto endpoint = parseRedisEndpoint(redis, value("redis-password-file"));
        if (const auto* error = std::get_if<QString>(&endpoint)) {
            return *error;
        }
        config.redis = std::get<RedisEndpoint>(std::move(endpoint));
    }
    config.tlsCertFile = value("tls-cert");
    config.tlsKeyFile = value("tls-key");
    for (const QString& origin : value("allowed-origins").split(u',', Qt::SkipEmptyParts)) {
        config.allowedOrigins.append(origin.trimmed());
    }
    if (const QString level = value("log-level"); !level.isEmpty()) {
        config.logLevel = level;
    }
    if (const QString format = value("log-format"); !format.isEmpty()) {
        if (format != u"text" && format != u"json") {
            return QStringLiteral("invalid log-format (text or json): ") + format;
        }
        config.logJson = format == u"json";
    }
    config.bannedWordsFile = value("banned-words");
    config.notifySecret = value("notify-secret");
    if (const QString hook = value("notify-webhook"); !hook.isEmpty()) {
        const QUrl url(hook, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")) {
            return QStringLiteral("invalid notify-webhook (an http or https URL): ") + hook;
        }
        config.notifyWebhook = hook;
    }
    if (const QString policy = value("link-policy"); !policy.isEmpty()) {
        static const QStringList kPolicies{QStringLiteral("allow"), QStringLiteral("contacts"),
                                           QStringLiteral("deny")};
        if (!kPolicies.contains(policy)) {
            return QStringLiteral("invalid link-policy (allow, contacts or deny): ") + policy;
        }
        config.linkPolicy = policy;
    }
    if (config.tlsCertFile.isEmpty() != config.tlsKeyFile.isEmpty()) {
        return QStringLiteral("--tls-cert and --tls-key must be given together");
    }
    return applyAdmin(config, value);
}

void applyDefaults(ServerConfig& config) {
    if (config.dataDir.isEmpty()) {
        config.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    }
    if (config.database.isEmpty()) {
        config.database = QStringLiteral("sqlite:") +
                          QDir(config.dataDir).filePath(QStringLiteral("natter.sqlite3"));
    }
    const int cores = qMax(1, QThread::idealThreadCount());
    config.workers = config.workers > 0 ? config.workers : cores;
    config.hashThreads = config.hashThreads > 0 ? config.hashThreads : cores;
    if (config.sessionIdleTimeoutSeconds <= 0) {
        config.sessionIdleTimeoutSeconds = qint64(limits::kSessionIdleTimeoutDays) * 24 * 3600;
    }
}

// One-shot commands: flags only, never from the environment or a config file, and at most one.
struct CommandOption {
    const char* key;
    const char* help;
    const char* valueName;
    QString ServerConfig::*target;
};

const CommandOption kCommands[] = {
    {"migrate-from",
     "Copy the SQLite database sqlite:<path> into the empty PostgreSQL --database, verify every "
     "table (row count and SHA-256), print the result and exit.",
     "url", &ServerConfig::migrateFrom},
    {"backup-to",
     "Write a consistent copy of the SQLite --database (the server may be running) to this new "
     "file, and the uploaded files it references to <file>.files, verify both, print what they "
     "hold and exit.",
     "file", &ServerConfig::backupTo},
    {"restore-from",
     "Replace the SQLite --database of the stopped server with this verified backup, restore "
     "its files from <file>.files into the data dir and exit.",
     "file", &ServerConfig::restoreFrom},
};

ConfigOutcome applyCommands(const QCommandLineParser& parser, ServerConfig& config) {
    QStringList given;
    if (!parser.positionalArguments().isEmpty()) {
        config.adminCommand = parser.positionalArguments().mid(1);
        if (config.adminCommand.isEmpty()) {
            config.adminCommand.append(QString());  // `admin` alone: say which commands exist
        }
        given << QStringLiteral("admin");
    }
    for (const CommandOption& command : kCommands) {
        const QString key = QString::fromLatin1(command.key);
        if (parser.isSet(key)) {
            config.*command.target = parser.value(key);
            given << QStringLiteral("--") + key;
        }
    }
    if (given.size() > 1) {
        return {QStringLiteral("give only one of ") + given.join(QStringLiteral(", ")), false};
    }
    return {config, false};
}

}  // namespace

ConfigOutcome parseServerConfig(const QStringList& arguments, const QStringList& environment) {
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("admin"),
                                 QStringLiteral("Run an admin command (below) and exit."),
                                 QStringLiteral("[admin COMMAND [ARGUMENT]]"));
    parser.setApplicationDescription(QStringLiteral(
        "Natter chat server. Every option can also be set as NATTER_<OPTION> in the environment "
        "(e.g. NATTER_DATA_DIR) or as <option>=value in the [server] section of the --config "
        "file."));
    const auto helpOption = parser.addHelpOption();
    const auto versionOption = parser.addVersionOption();
    parser.addOption({QStringLiteral("config"), QStringLiteral("INI file with a [server] section."),
                      QStringLiteral("file")});
    for (const CommandOption& command : kCommands) {
        parser.addOption({QString::fromLatin1(command.key), QString::fromUtf8(command.help),
                          QString::fromLatin1(command.valueName)});
    }
    for (const Setting& setting : kSettings) {
        parser.addOption({QString::fromLatin1(setting.key), QString::fromUtf8(setting.help),
                          QString::fromLatin1(setting.valueName)});
    }
    if (!parser.parse(arguments)) {
        return {parser.errorText(), false};
    }
    if (parser.isSet(helpOption)) {
        std::fputs(qPrintable(parser.helpText() + u'\n' + adminCommandsHelp()), stdout);
        return {ServerConfig{}, true};
    }
    if (parser.isSet(versionOption)) {
        std::printf("natter-server %s\n", NATTER_VERSION);
        return {ServerConfig{}, true};
    }
    if (const QStringList words = parser.positionalArguments();
        !words.isEmpty() && words.constFirst() != u"admin") {
        return {QStringLiteral("unexpected argument: ") + words.constFirst(), false};
    }
    ServerConfig config;
    if (auto error = applyLookup(config, layeredLookup(parser, environment))) {
        return {*error, false};
    }
    applyDefaults(config);
    return applyCommands(parser, config);
}

}  // namespace natter
