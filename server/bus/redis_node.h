// This node's membership in a cluster of natter-server nodes sharing Redis (docs/scaling.md):
// its random id, its hash of signed-in sessions and its alive key (refreshed by a heartbeat), the
// mirror of every other node's sessions, and the links (one for commands, one for SUBSCRIBE).
// It is the PresenceDirectory of a scaled-out node: reads answer from this node's connections
// plus the mirror, so they are cluster-wide. Service thread only.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <functional>

#include "cluster_mirror.h"
#include "cluster_presence.h"
#include "ports/presence_directory.h"
#include "redis_connection.h"
#include "redis_limits.h"

namespace natter {

class ConnectionRegistry;

class RedisNode : public QObject, public PresenceDirectory {
    Q_OBJECT
public:
    // A node whose alive key is older than this is dead: its sessions leave every mirror and its
    // users go offline (the default of --node-alive-ttl).
    static constexpr int kAliveTtlSeconds = 60;
    // The alive key is refreshed, and the other nodes' alive keys checked, this many times per TTL
    // (every 15 s by default).
    static constexpr int kHeartbeatsPerTtl = 4;

    // `local` is this node's registry: the directory records connections there too.
    RedisNode(const RedisEndpoint& endpoint, ConnectionRegistry& local,
              int aliveTtlSeconds = kAliveTtlSeconds, QObject* parent = nullptr);

    quint32 id() const { return id_; }
    // Decides the users' online and offline transitions across the nodes.
    ClusterPresence& presence() { return presence_; }
    // The token buckets every node shares (the message rate, the login throttle).
    SharedLimits& sharedLimits() { return limits_; }
    // Linked to Redis with the cluster state loaded (what /healthz/ready reports).
    bool isJoined() const { return stage_ == Stage::Joined; }
    // Connects; ready() follows once the cluster state is loaded.
    void start();
    // On a clean shutdown: removes this node's keys and tells the others (best effort).
    void leave();

    void add(const Identity& identity, const ConnectionRef& connection) override;
    void remove(const Identity& identity, const ConnectionRef& connection) override;
    bool isUserOnline(qint64 userId) const override;
    qsizetype connectionCount(qint64 userId) const override;
    bool isSessionLive(qint64 sessionId) const override;
    QList<qint64> liveSessions() const override;

    // The other nodes holding connections of any of these users, each with its users among them.
    QHash<quint32, QList<qint64>> remoteHolders(const QList<qint64>& userIds) const;
    QList<quint32> nodesHoldingSession(qint64 sessionId) const {
        return mirror_.nodesOfSession(sessionId);
    }
    // PUBLISHes to another node's channel; false while the link is down (the message is lost).
    bool publishToNode(quint32 node, const QByteArray& payload);

signals:
    void ready();                                     // joined the first time: serve now
    void messageReceived(const QByteArray& payload);  // on this node's channel
    // This node's clients may have missed events of other nodes: the link came back after a loss,
    // or another node came back after losing its own.
    void catchUpNeeded();

private:
    // How far this node got into the cluster; each stage needs the ones before it.
    enum class Stage {
        Unsubscribed,  // the subscriber link is down, or up and not yet asked
        Subscribing,   // SUBSCRIBE sent, not yet confirmed for both channels
        Subscribed,    // no directory change can slip by now: join once the command link is up
        Joining,       // join() runs: its answers are on their way
        Joined,
    };
    struct LocalSession {
        qint64 userId = 0;
        int count = 0;
    };

    void linkUp();
    void linkDown();
    void subscribe();
    void join();
    void registerSelf();
    void loadNodes(const QList<QByteArray>& nodeIds, quint64 generation);
    void loadNode(quint32 node, std::function<void()> done = {});
    void finishJoin();
    void heartbeat();
    void forgetNode(quint32 node);
    void writeSession(const Identity& identity, int count);
    void onDirectoryMessage(const QByteArray& payload);

    quint32 id_;
    ConnectionRegistry& local_;
    RedisConnection commands_;
    RedisConnection subscriber_;
    ClusterMirror mirror_;
    ClusterPresence presence_;
    RedisLimits limits_;
    QByteArray aliveTtl_;                        // seconds, as the SET ... EX argument
    QHash<qint64, LocalSession> localSessions_;  // by session id
    QTimer heartbeat_;
    quint64 version_ = 0;     // of this node's hash: one more with every change
    quint64 generation_ = 0;  // of the current join: answers of an older one are dropped
    Stage stage_ = Stage::Unsubscribed;
    // ready() was emitted: every later join follows a loss (of the link, or of this node's
    // entry), so it is announced as a rejoin and this node's clients catch up.
    bool everJoined_ = false;
};

}  // namespace natter
