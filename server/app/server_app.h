// Builds the running server from its config: storage thread, hashing pool, services on the main
// (service) thread, network worker threads and the listener; and takes it down in reverse order.
#pragma once

#include <QLockFile>
#include <QObject>
#include <QThread>
#include <memory>
#include <vector>

#include "server_config.h"

namespace natter {

class StorageExecutor;
class PasswordHasher;
class AuthService;
class RevocationWatcher;
class MessageService;
class MessageChangeService;
class FileService;
class BlobStore;
class GroupService;
class DirectoryService;
class MessageSearchService;
class ConnectionRegistry;
class EventBus;
class RedisNode;
struct ServicePorts;
class PresenceDirectory;
class PresenceService;
class ReadStateService;
class OfflineNotifier;
class SafetyService;
namespace safety {
class SpamGuard;
}
class NetworkWorker;
class ConnectionListener;
class NodeLimits;
class Metrics;
class Readiness;
class AdminListener;
class CountingDeliveryObserver;

// What one part of a SIGHUP reload did: the log's words for it, and whether the old value stayed.
struct ReloadOutcome {
    QString summary;
    bool keptOld = false;
};

class ServerApp : public QObject {
    Q_OBJECT
public:
    explicit ServerApp(ServerConfig config, QObject* parent = nullptr);
    ~ServerApp() override;

    // Returns an error text, or empty once listening.
    QString start();
    // Closes every connection with 1001, drains storage and stops the threads.
    void shutdown();
    // SIGHUP: applies `fresh`'s TLS files, banned words and log level without dropping a
    // connection. What cannot be loaded keeps its old value, and the log says why
    // (server_reload.cpp). Other settings need a restart.
    void reload(const ServerConfig& fresh);

signals:
    // start() succeeded but listening, deferred until Redis was reached (--redis), failed.
    void failed(const QString& error);

private:
    QString startStorage();
    QString loadSpamRules();
    void startServices();
    PresenceDirectory& startBus();
    QString startNetwork();
    QString startServing();
    QString startAdmin();
    // /metrics' natter_queue_depth samples, by thread.
    QList<std::pair<QByteArray, double>> queueDepths() const;
    ReloadOutcome reloadLogLevel(const ServerConfig& fresh);
    ReloadOutcome reloadTls(const ServerConfig& fresh);
    ReloadOutcome reloadBannedWords(const ServerConfig& fresh);
    void announce() const;

    ServerConfig config_;
    // Counted into from every thread (util/metrics.h): created first, destroyed last.
    std::unique_ptr<Metrics> metrics_;
    std::unique_ptr<QLockFile> databaseLock_;  // SQLite only (database_lock.h); outlives storage_
    std::unique_ptr<StorageExecutor> storage_;
    std::unique_ptr<PasswordHasher> hasher_;
    std::unique_ptr<ConnectionRegistry> registry_;
    std::unique_ptr<RedisNode> node_;  // with --redis only
    std::unique_ptr<EventBus> bus_;
    std::unique_ptr<ServicePorts> ports_;
    std::unique_ptr<PresenceService> presence_;
    std::unique_ptr<AuthService> auth_;
    std::unique_ptr<RevocationWatcher> revocations_;  // closes what natter-server admin revoked
    std::unique_ptr<ReadStateService> readState_;
    std::unique_ptr<MessageService> messages_;
    std::unique_ptr<MessageChangeService> messageChanges_;
    std::unique_ptr<FileService> files_;
    std::unique_ptr<GroupService> groups_;
    std::unique_ptr<DirectoryService> directory_;
    std::unique_ptr<MessageSearchService> messageSearch_;
    std::unique_ptr<SafetyService> safety_;
    std::unique_ptr<OfflineNotifier> offline_;
    std::unique_ptr<CountingDeliveryObserver> deliveryCounter_;  // then offline_
    // Used by storage jobs: outlives the storage thread (see shutdown()).
    std::unique_ptr<BlobStore> blobs_;
    std::unique_ptr<safety::SpamGuard> spamGuard_;
    std::unique_ptr<NodeLimits> nodeLimits_;  // shared by the workers; outlives their threads
    std::vector<std::unique_ptr<QThread>> workerThreads_;
    std::vector<NetworkWorker*> workers_;  // owned by their threads' finished -> deleteLater
    std::unique_ptr<ConnectionListener> listener_;
    std::unique_ptr<Readiness> readiness_;
    std::unique_ptr<AdminListener> admin_;  // null unless --admin-listen
    bool stopped_ = false;
};

}  // namespace natter
