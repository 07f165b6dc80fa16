#include "server_app.h"

#include "database_lock.h"
#include "tls_files.h"

#include <QDir>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <cstdio>
#include <limits>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

#include "auth/auth_service.h"
#include "auth/password_hasher.h"
#include "auth/revocation_watcher.h"
#include "bus/redis_event_bus.h"
#include "bus/redis_node.h"
#include "chat/directory_service.h"
#include "chat/file_service.h"
#include "chat/group_service.h"
#include "chat/message_change_service.h"
#include "chat/message_search_service.h"
#include "chat/message_service.h"
#include "chat/read_state_service.h"
#include "close_codes.h"
#include "net/connection_listener.h"
#include "net/connection_registry.h"
#include "net/local_event_bus.h"
#include "net/network_worker.h"
#include "net/node_limits.h"
#include "notify/offline_notifier.h"
#include "ops/admin_listener.h"
#include "ops/counting_delivery_observer.h"
#include "ops/readiness.h"
#include "presence/presence_service.h"
#include "protocol_limits.h"
#include "safety/safety_service.h"
#include "safety/spam_guard.h"
#include "store/file_blob_store.h"
#include "store/sql_store.h"
#include "store/storage_executor.h"
#include "util/log.h"
#include "util/metrics.h"

namespace natter {
namespace {

QString hostForUrl(const QHostAddress& address) {
    const QString host = address.toString();
    return address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + host + u']' : host;
}

// Each connection needs a descriptor: use all the hard limit allows. Returns the limit in use.
// Windows has no such per-process limit on sockets: max-connections alone caps them there.
qint64 raiseDescriptorLimit() {
#ifndef Q_OS_UNIX
    return std::numeric_limits<int>::max();
#else
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return -1;
    }
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) {
            limit = raised;
        }
    }
    return limit.rlim_cur == RLIM_INFINITY ? std::numeric_limits<int>::max()
                                           : qint64(limit.rlim_cur);
#endif
}

// max-connections defaults to what the descriptor limit leaves after the server's own files.
NodeLimits::Settings nodeLimitSettings(const ServerConfig& config) {
    const qint64 descriptors = raiseDescriptorLimit();
    const qint64 fitting = descriptors - limits::kReservedDescriptors;
    NodeLimits::Settings settings;
    settings.maxConnections =
        config.maxConnections > 0
            ? config.maxConnections
            : int(qBound(qint64(1), fitting, qint64(std::numeric_limits<int>::max())));
    settings.maxConnectionsPerAddress = config.maxConnectionsPerAddress;
    settings.maxOutboundTotalBytes = config.maxOutboundTotalBytes;
    log::info("net.limits",
              {{"descriptors", QString::number(descriptors)},
               {"max_connections", QString::number(settings.maxConnections)},
               {"max_connections_per_address", QString::number(settings.maxConnectionsPerAddress)},
               {"max_outbound_bytes", QString::number(config.maxOutboundBytes)},
               {"max_outbound_total_bytes", QString::number(settings.maxOutboundTotalBytes)}});
    if (config.maxConnections > fitting) {
        log::warning("net.descriptor_limit_low",
                     {{"descriptors", QString::number(descriptors)},
                      {"max_connections", QString::number(config.maxConnections)}});
    }
    return settings;
}

}  // namespace

ServerApp::ServerApp(ServerConfig config, QObject* parent)
    : QObject(parent), config_(std::move(config)), metrics_(std::make_unique<Metrics>()) {}

ServerApp::~ServerApp() {
    shutdown();
}

QString ServerApp::start() {
    log::setFormat(config_.logJson ? log::Format::Json : log::Format::Text);
    if (!log::setLevel(config_.logLevel)) {
        return QStringLiteral("unknown log level: ") + config_.logLevel;
    }
    if (QString error = loadSpamRules(); !error.isEmpty()) {
        return error;
    }
    if (QString error = startStorage(); !error.isEmpty()) {
        return error;
    }
    hasher_ =
        std::make_unique<PasswordHasher>(config_.hashThreads, limits::kMaxConcurrentPasswordHashes);
    startServices();
    if (!node_) {
        return startServing();
    }
    // A node serves once it knows the cluster: until then its clients would miss remote events.
    connect(node_.get(), &RedisNode::ready, this, [this] {
        if (const QString error = startServing(); !error.isEmpty()) {
            emit failed(error);
        }
    });
    node_->start();
    return {};
}

// The clients' listener, then the admin listener, then the line tests and scripts wait for.
QString ServerApp::startServing() {
    if (QString error = startNetwork(); !error.isEmpty()) {
        return error;
    }
    if (QString error = startAdmin(); !error.isEmpty()) {
        return error;
    }
    announce();
    return {};
}

PresenceDirectory& ServerApp::startBus() {
    if (!config_.redis) {
        bus_ = std::make_unique<LocalEventBus>(*registry_);
        return *registry_;
    }
    if (config_.database.startsWith(QStringLiteral("sqlite:"))) {
        // Each node would have its own database: users on different nodes could not talk.
        log::warning("cluster.sqlite", {{"hint", QStringLiteral("use --database postgres://")}});
    }
    node_ = std::make_unique<RedisNode>(*config_.redis, *registry_, config_.nodeAliveTtlSeconds);
    bus_ = std::make_unique<RedisEventBus>(*node_, *registry_);
    return *node_;
}

void ServerApp::startServices() {
    registry_ = std::make_unique<ConnectionRegistry>();
    PresenceDirectory& directory = startBus();
    ports_ =
        std::make_unique<ServicePorts>(ServicePorts{*storage_, *bus_, directory, systemClock()});
    presence_ = std::make_unique<PresenceService>(*ports_, limits::kPresenceOfflineGraceMs);
    if (node_) {
        ClusterPresence& cluster = node_->presence();
        presence_->decideInCluster([&cluster](const QList<qint64>& userIds, auto done) {
            cluster.onlineAmong(userIds, std::move(done));
        });
        connect(&cluster, &ClusterPresence::cameOnline, presence_.get(),
                &PresenceService::announceOnline);
        connect(&cluster, &ClusterPresence::wentOffline, presence_.get(),
                &PresenceService::announceOffline);
    }
    auth_ = std::make_unique<AuthService>(
        *ports_, *hasher_, *presence_,
        AuthSettings{config_.sessionIdleTimeoutSeconds * 1000, config_.registerBurst,
                     config_.registerRatePerHour});
    if (node_) {
        // The message rate, the login throttle and the registration limit count across the nodes
        // (docs/scaling.md); the message-search budget too (below).
        spamGuard_->shareBuckets(&node_->sharedLimits());
        auth_->shareLimits(&node_->sharedLimits());
    }
    revocations_ = std::make_unique<RevocationWatcher>(*storage_, [this](qint64 sessionId) {
        registry_->closeSession(sessionId, close_code::kSessionRevoked,
                                QStringLiteral("revoked by the operator"), std::nullopt);
    });
    readState_ = std::make_unique<ReadStateService>(*ports_);
    offline_ = std::make_unique<OfflineNotifier>(
        OfflineNotifierSettings{QUrl(config_.notifyWebhook), config_.notifySecret.toUtf8(),
                                config_.notifyDelaySeconds * 1000},
        *ports_);
    deliveryCounter_ = std::make_unique<CountingDeliveryObserver>(*metrics_, offline_.get());
    messages_ = std::make_unique<MessageService>(*ports_, *spamGuard_, deliveryCounter_.get());
    blobs_ = std::make_unique<FileBlobStore>(config_.filesDir());
    messageChanges_ = std::make_unique<MessageChangeService>(
        *ports_, *spamGuard_, config_.editWindowSeconds * 1000, blobs_.get());
    files_ =
        std::make_unique<FileService>(*ports_, *blobs_,
                                      FileSettings{config_.maxFileBytes, config_.fileQuotaBytes,
                                                   config_.uploadExpirySeconds * 1000});
    groups_ = std::make_unique<GroupService>(*ports_, *spamGuard_, deliveryCounter_.get());
    directory_ = std::make_unique<DirectoryService>(*storage_);
    messageSearch_ = std::make_unique<MessageSearchService>(*ports_);
    if (node_) {
        messageSearch_->shareBudgets(&node_->sharedLimits());
    }
    safety_ = std::make_unique<SafetyService>(*ports_);
}

QString ServerApp::loadSpamRules() {
    safety::SpamSettings settings;
    if (!config_.bannedWordsFile.isEmpty()) {
        auto loaded = safety::BannedWords::load(config_.bannedWordsFile);
        if (const auto* error = std::get_if<QString>(&loaded)) {
            return *error;
        }
        settings.bannedWords = std::get<safety::BannedWords>(std::move(loaded));
    }
    const auto policy = safety::parseLinkPolicy(config_.linkPolicy);
    if (!policy) {
        return QStringLiteral("invalid link-policy: ") + config_.linkPolicy;
    }
    settings.linkPolicy = *policy;
    settings.messageRatePerSecond = config_.messageRatePerSecond;
    settings.messageBurst = config_.messageBurst;
    log::info("safety.rules", {{"banned_words", QString::number(settings.bannedWords.size())},
                               {"link_policy", config_.linkPolicy}});
    spamGuard_ = std::make_unique<safety::SpamGuard>(std::move(settings));
    return {};
}

QString ServerApp::startStorage() {
    if (!QDir().mkpath(config_.dataDir)) {
        return QStringLiteral("cannot create data dir ") + config_.dataDir;
    }
    auto lock = lockDatabase(config_.database);
    if (auto* refusal = std::get_if<QString>(&lock)) {
        return *refusal;
    }
    databaseLock_ = std::move(std::get<std::unique_ptr<QLockFile>>(lock));
    storage_ = std::make_unique<StorageExecutor>(metrics_.get());
    const QString url = config_.database;
    return storage_->start([url] { return SqlStore::open(url); });
}

QString ServerApp::startNetwork() {
    NetworkSettings settings;
    settings.nodeId = node_ ? node_->id() : 0;
    settings.allowedOrigins = config_.allowedOrigins;
    settings.pingIntervalMs = config_.pingIntervalSeconds * 1000;
    settings.requestRatePerSecond = config_.requestRatePerSecond;
    settings.requestBurst = config_.requestBurst;
    settings.maxOutboundBytes = config_.maxOutboundBytes;
    nodeLimits_ = std::make_unique<NodeLimits>(nodeLimitSettings(config_));
    settings.nodeLimits = nodeLimits_.get();
    settings.metrics = metrics_.get();
    if (!config_.tlsCertFile.isEmpty()) {
        auto tls = loadTls(config_);
        if (auto* error = std::get_if<QString>(&tls)) {
            return *error;
        }
        settings.tls = std::get<QSslConfiguration>(tls);
    }
    QVector<NetworkWorker*> workers;
    for (int i = 0; i < config_.workers; ++i) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(QStringLiteral("net-%1").arg(i));
        auto* worker = new NetworkWorker(
            i, settings,
            Services{auth_.get(), messages_.get(), groups_.get(), directory_.get(), presence_.get(),
                     readState_.get(), safety_.get(), messageChanges_.get(), files_.get(),
                     messageSearch_.get()},
            *auth_);
        worker->moveToThread(thread.get());
        connect(thread.get(), &QThread::finished, worker, &QObject::deleteLater);
        thread->start();
        workers.append(worker);
        workers_.push_back(worker);
        workerThreads_.push_back(std::move(thread));
    }
    registry_->setWorkers(workers);
    listener_ = std::make_unique<ConnectionListener>(workers);
    if (!listener_->listen(config_.listenAddress, config_.port)) {
        return QStringLiteral("cannot listen on %1:%2: %3")
            .arg(config_.listenAddress.toString())
            .arg(config_.port)
            .arg(listener_->errorString());
    }
    return {};
}

QList<std::pair<QByteArray, double>> ServerApp::queueDepths() const {
    QList<std::pair<QByteArray, double>> depths{{"storage", double(storage_->queueDepth())}};
    for (const NetworkWorker* worker : workers_) {
        depths.append({worker->thread()->objectName().toLatin1(), double(worker->queueDepth())});
    }
    depths.append({"password-hash", double(hasher_->queueDepth())});
    return depths;
}

// Off unless configured. Readiness is checked through the same storage queue every request uses.
QString ServerApp::startAdmin() {
    if (!config_.adminAddress) {
        return {};
    }
    readiness_ = std::make_unique<Readiness>();
    readiness_->addProbe(QStringLiteral("database"), databaseProbe(*storage_));
    if (node_) {
        // Without Redis a node serves its own clients only (docs/scaling.md): not ready.
        readiness_->addProbe(QStringLiteral("redis"), [this](QObject*, Readiness::ProbeDone done) {
            done(node_->isJoined() ? QString()
                                   : QStringLiteral("not linked to Redis: serving this node's "
                                                    "clients only"));
        });
    }
    auto gauges = [this] {
        // On the service thread, which owns the registry; the others are thread-safe. The storage
        // depth is read once, so both metrics that show it agree in one scrape.
        const QList<std::pair<QByteArray, double>> depths = queueDepths();
        return ServerGauges{nodeLimits_->openConnections(),
                            registry_->liveSessionCount(),
                            registry_->onlineUserCount(),
                            qint64(depths.first().second),  // queueDepths() starts with storage
                            nodeLimits_->outboundBytes(),
                            nodeLimits_->refusedTotal(),
                            depths};
    };
    admin_ = std::make_unique<AdminListener>(AdminSources{*metrics_, *readiness_, gauges});
    if (!admin_->listen(*config_.adminAddress, config_.adminPort)) {
        return QStringLiteral("cannot listen for admin on %1:%2: %3")
            .arg(config_.adminAddress->toString())
            .arg(config_.adminPort)
            .arg(admin_->errorString());
    }
    std::printf("natter-server admin listening on http://%s:%u\n",
                qPrintable(hostForUrl(*config_.adminAddress)), unsigned(admin_->serverPort()));
    log::info("admin.started", {{"addr", config_.adminAddress->toString()},
                                {"port", QString::number(admin_->serverPort())}});
    return {};
}

// The admin line (if any) comes first: tests and scripts wait for this one.
void ServerApp::announce() const {
    const bool tls = !config_.tlsCertFile.isEmpty();
    std::printf("natter-server listening on %s://%s:%u\n", tls ? "wss" : "ws",
                qPrintable(hostForUrl(config_.listenAddress)), unsigned(listener_->serverPort()));
    std::fflush(stdout);
    log::info("server.started", {{"port", QString::number(listener_->serverPort())},
                                 {"workers", QString::number(config_.workers)},
                                 {"tls", tls ? QStringLiteral("on") : QStringLiteral("off")}});
}

void ServerApp::shutdown() {
    if (stopped_) {
        return;
    }
    stopped_ = true;
    admin_.reset();        // reads the registry and the storage queue, which go below
    revocations_.reset();  // polls the storage queue
    if (listener_) {
        listener_->close();
    }
    for (NetworkWorker* worker : workers_) {
        worker->post([](NetworkWorker& w) {
            w.closeAllAndQuit(close_code::kGoingAway, QStringLiteral("server shutting down"));
        });
    }
    for (auto& thread : workerThreads_) {
        thread->wait();  // each worker quits once its close frames left (bounded)
    }
    workerThreads_.clear();
    workers_.clear();
    if (storage_) {
        storage_->stop();  // commits what is queued; its answers go to no one now
        log::info("store.stopped", {{"commits", QString::number(storage_->commitCount())}});
    }
    readState_.reset();
    safety_.reset();
    messageSearch_.reset();
    directory_.reset();
    groups_.reset();
    messageChanges_.reset();
    files_.reset();
    messages_.reset();
    deliveryCounter_.reset();
    offline_.reset();
    spamGuard_.reset();
    auth_.reset();
    presence_.reset();
    ports_.reset();
    if (node_) {
        node_->leave();
    }
    bus_.reset();
    node_.reset();
    registry_.reset();
    hasher_.reset();
    nodeLimits_.reset();
    log::info("server.stopped");
}

}  // namespace natter
