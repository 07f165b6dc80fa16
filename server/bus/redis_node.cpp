#include "redis_node.h"

#include <hiredis/hiredis.h>

#include <QRandomGenerator>
#include <QSet>
#include <algorithm>
#include <memory>
#include <optional>

#include "cluster_keys.h"
#include "net/connection_registry.h"
#include "protocol_limits.h"
#include "util/log.h"

namespace natter {
namespace {

const QByteArray kVersionField = QByteArrayLiteral("v");

// natter-<node>-<link>: CLIENT LIST shows which node and link a Redis connection is.
QByteArray clientName(quint32 node, const char* link) {
    return "natter-" + QByteArray::number(node) + '-' + link;
}

quint32 randomNodeId() {
    quint32 id = 0;
    while (id == 0) {  // 0 means "no node" in ConnectionRef and the node messages
        id = QRandomGenerator::system()->generate();
    }
    return id;
}

}  // namespace

RedisNode::RedisNode(const RedisEndpoint& endpoint, ConnectionRegistry& local, int aliveTtlSeconds,
                     QObject* parent)
    : QObject(parent),
      id_(randomNodeId()),
      local_(local),
      commands_(endpoint, QStringLiteral("commands"), clientName(id_, "commands")),
      subscriber_(endpoint, QStringLiteral("subscribe"), clientName(id_, "subscribe")),
      presence_(commands_, id_, limits::kPresenceOfflineGraceMs),
      limits_(commands_),
      aliveTtl_(QByteArray::number(aliveTtlSeconds)) {
    heartbeat_.setInterval(aliveTtlSeconds * 1000 / kHeartbeatsPerTtl);
    connect(&heartbeat_, &QTimer::timeout, this, &RedisNode::heartbeat);
    connect(&commands_, &RedisConnection::up, this, &RedisNode::linkUp);
    connect(&subscriber_, &RedisConnection::up, this, &RedisNode::linkUp);
    connect(&commands_, &RedisConnection::down, this, &RedisNode::linkDown);
    connect(&subscriber_, &RedisConnection::down, this, [this] {
        stage_ = Stage::Unsubscribed;
        linkDown();
    });
}

void RedisNode::start() {
    log::info("cluster.node", {{"node", QString::number(id_)}});
    commands_.open();
    subscriber_.open();
}

void RedisNode::leave() {
    heartbeat_.stop();
    if (!commands_.isUp()) {
        return;
    }
    presence_.forgetNode(id_, true);
    commands_.command({"PUBLISH", cluster_key::kDirectoryChannel,
                       node_message::encode(node_message::NodeGone{id_})});
    commands_.flush();
}

void RedisNode::linkUp() {
    if (stage_ == Stage::Unsubscribed && subscriber_.isUp()) {
        stage_ = Stage::Subscribing;
        subscribe();
    }
    if (stage_ == Stage::Subscribed && commands_.isUp()) {
        join();
    }
}

// Until both links are back, remote events are lost both ways: the clients catch up after.
void RedisNode::linkDown() {
    ++generation_;
    stage_ = std::min(stage_, Stage::Subscribed);
    heartbeat_.stop();
}

void RedisNode::subscribe() {
    subscriber_.command(
        {"SUBSCRIBE", cluster_key::nodeChannel(id_), cluster_key::kDirectoryChannel},
        [this](const redisReply* reply) {
            const QList<QByteArray> parts = replyElements(reply);
            if (parts.size() != 3) {
                return;
            }
            if (parts[0] == "subscribe" && reply->element[2]->integer == 2) {
                stage_ = Stage::Subscribed;  // both channels
                linkUp();
            } else if (parts[0] == "message" && parts[1] == cluster_key::kDirectoryChannel) {
                onDirectoryMessage(parts[2]);
            } else if (parts[0] == "message") {
                emit messageReceived(parts[2]);
            }
        },
        RedisConnection::Replies::Many);
}

// Subscribed first, then this node's hash is rewritten and every other node's hash read: a change
// published meanwhile is either in the hash read or arrives on the channel (ClusterMirror).
void RedisNode::join() {
    const quint64 generation = ++generation_;
    stage_ = Stage::Joining;
    registerSelf();
    mirror_.clear();
    commands_.command({"SMEMBERS", cluster_key::kNodes},
                      [this, generation](const redisReply* reply) {
                          if (reply != nullptr && generation == generation_) {
                              loadNodes(replyElements(reply), generation);
                          }
                      });
}

void RedisNode::registerSelf() {
    QHash<qint64, qint64> userCounts;
    for (const LocalSession& session : std::as_const(localSessions_)) {
        userCounts[session.userId] += session.count;
    }
    presence_.rejoin(userCounts);  // reads the hash as it was: before the DEL below
    ++version_;
    QList<QByteArray> hset{"HSET", cluster_key::sessions(id_), kVersionField,
                           QByteArray::number(version_)};
    for (auto it = localSessions_.cbegin(); it != localSessions_.cend(); ++it) {
        hset << node_message::sessionField(it->userId, it.key()) << QByteArray::number(it->count);
    }
    commands_.command({"DEL", cluster_key::sessions(id_)});
    commands_.command(hset);
    commands_.command({"SADD", cluster_key::kNodes, QByteArray::number(id_)});
    commands_.command({"SET", cluster_key::alive(id_), "1", "EX", aliveTtl_});
}

void RedisNode::loadNodes(const QList<QByteArray>& nodeIds, quint64 generation) {
    auto outstanding = std::make_shared<int>(0);
    const auto done = [this, outstanding, generation] {
        if (--*outstanding == 0 && generation == generation_) {
            finishJoin();
        }
    };
    for (const QByteArray& text : nodeIds) {
        const quint32 node = text.toUInt();
        if (node != 0 && node != id_) {
            ++*outstanding;
            mirror_.markLoading(node);
            loadNode(node, done);
        }
    }
    if (*outstanding == 0) {
        finishJoin();
    }
}

// Reads a node's alive key and hash (one round trip); a node without an alive key is forgotten.
void RedisNode::loadNode(quint32 node, std::function<void()> done) {
    auto alive = std::make_shared<bool>(false);
    commands_.command({"EXISTS", cluster_key::alive(node)}, [alive](const redisReply* reply) {
        *alive = reply != nullptr && reply->type == REDIS_REPLY_INTEGER && reply->integer == 1;
    });
    commands_.command({"HGETALL", cluster_key::sessions(node)}, [this, node, alive,
                                                                 done](const redisReply* reply) {
        const QList<QByteArray> pairs = replyElements(reply);
        std::optional<quint64> version;
        QList<ClusterMirror::Entry> entries;
        for (qsizetype i = 0; i + 1 < pairs.size(); i += 2) {
            ClusterMirror::Entry entry{0, 0, pairs[i + 1].toInt()};
            if (pairs[i] == kVersionField) {
                version = pairs[i + 1].toULongLong();
            } else if (node_message::parseSessionField(pairs[i], entry.userId, entry.sessionId)) {
                entries.append(entry);
            }
        }
        if (reply != nullptr && (!*alive || !version)) {
            forgetNode(node);
        } else if (reply != nullptr && mirror_.loadSnapshot(node, *version, entries) ==
                                           ClusterMirror::Outcome::NeedsReload) {
            loadNode(node);
        }
        if (done) {
            done();
        }
    });
}

void RedisNode::finishJoin() {
    const bool again = everJoined_;
    stage_ = Stage::Joined;
    everJoined_ = true;
    heartbeat_.start();
    commands_.command({"PUBLISH", cluster_key::kDirectoryChannel,
                       node_message::encode(node_message::NodeJoined{id_, again})});
    log::info("cluster.joined", {{"node", QString::number(id_)},
                                 {"other_nodes", QString::number(mirror_.nodes().size())},
                                 {"again", again ? QStringLiteral("yes") : QStringLiteral("no")}});
    if (again) {
        emit catchUpNeeded();
    } else {
        emit ready();
    }
}

void RedisNode::heartbeat() {
    commands_.command({"SET", cluster_key::alive(id_), "1", "EX", aliveTtl_});
    presence_.expireDue();  // grace periods whose node stopped or died before they ended
    commands_.command({"SMEMBERS", cluster_key::kNodes}, [this](const redisReply* reply) {
        for (const QByteArray& text : replyElements(reply)) {
            const quint32 node = text.toUInt();
            if (node == 0 || node == id_) {
                continue;
            }
            commands_.command({"EXISTS", cluster_key::alive(node)},
                              [this, node](const redisReply* exists) {
                                  if (exists == nullptr || exists->type != REDIS_REPLY_INTEGER) {
                                      return;
                                  }
                                  if (exists->integer == 0) {
                                      forgetNode(node);
                                  } else if (!mirror_.knows(node)) {
                                      mirror_.markLoading(node);
                                      loadNode(node);
                                  }
                              });
        }
    });
}

// A node that died without leaving: its alive key expired. Whoever notices first cleans up.
// Every node may notice; the one whose script removes it from natter:nodes cleans up and tells.
void RedisNode::forgetNode(quint32 node) {
    mirror_.dropNode(node);
    presence_.forgetNode(node, false, [this, node](bool cleaned) {
        if (!cleaned) {
            return;
        }
        commands_.command({"PUBLISH", cluster_key::kDirectoryChannel,
                           node_message::encode(node_message::NodeGone{node})});
        log::info("cluster.node_gone", {{"node", QString::number(node)}});
    });
}

void RedisNode::onDirectoryMessage(const QByteArray& payload) {
    const auto message = node_message::decodeDirectoryMessage(payload);
    if (!message) {
        log::warning("cluster.bad_directory_message", {{"bytes", QString::number(payload.size())}});
        return;
    }
    if (const auto* change = std::get_if<node_message::SessionCount>(&*message)) {
        log::debug("cluster.session_count", {{"node", QString::number(change->node)},
                                             {"version", QString::number(change->version)},
                                             {"count", QString::number(change->count)}});
        if (change->node != id_ && mirror_.apply(*change) == ClusterMirror::Outcome::NeedsReload) {
            loadNode(change->node);
        }
    } else if (const auto* joined = std::get_if<node_message::NodeJoined>(&*message)) {
        if (joined->node != id_) {
            mirror_.markLoading(joined->node);
            loadNode(joined->node);
            if (joined->again && stage_ == Stage::Joined) {
                emit catchUpNeeded();
            }
        }
    } else if (const quint32 gone = std::get<node_message::NodeGone>(*message).node; gone != id_) {
        mirror_.dropNode(gone);
    } else if (stage_ == Stage::Joined) {
        // Another node took this one for dead: it dropped our sessions, so rejoin and catch up.
        join();
    }
}

void RedisNode::writeSession(const Identity& identity, int count) {
    ++version_;
    if (!commands_.isUp()) {
        return;  // the next join writes the whole hash
    }
    presence_.sessionChanged(identity, count, local_.connectionCount(identity.userId), version_);
    commands_.command({"PUBLISH", cluster_key::kDirectoryChannel,
                       node_message::encode(node_message::SessionCount{
                           id_, version_, identity.userId, identity.sessionId, count})});
}

void RedisNode::add(const Identity& identity, const ConnectionRef& connection) {
    local_.add(identity, connection);
    LocalSession& session = localSessions_[identity.sessionId];
    session.userId = identity.userId;
    writeSession(identity, ++session.count);
}

void RedisNode::remove(const Identity& identity, const ConnectionRef& connection) {
    local_.remove(identity, connection);
    const auto it = localSessions_.find(identity.sessionId);
    if (it == localSessions_.end()) {
        return;
    }
    const int count = --it->count;
    if (count <= 0) {
        localSessions_.erase(it);
    }
    writeSession(identity, qMax(count, 0));
}

bool RedisNode::isUserOnline(qint64 userId) const {
    return local_.isUserOnline(userId) || mirror_.isUserOnline(userId);
}

qsizetype RedisNode::connectionCount(qint64 userId) const {
    return local_.connectionCount(userId) + mirror_.connectionCount(userId);
}

bool RedisNode::isSessionLive(qint64 sessionId) const {
    return local_.isSessionLive(sessionId) || mirror_.isSessionLive(sessionId);
}

QList<qint64> RedisNode::liveSessions() const {
    const QList<qint64> local = local_.liveSessions();
    QSet<qint64> sessions(local.cbegin(), local.cend());
    for (qint64 session : mirror_.liveSessions()) {
        sessions.insert(session);
    }
    return sessions.values();
}

QHash<quint32, QList<qint64>> RedisNode::remoteHolders(const QList<qint64>& userIds) const {
    QHash<quint32, QList<qint64>> holders;
    for (qint64 userId : userIds) {
        for (quint32 node : mirror_.nodesOfUser(userId)) {
            holders[node].append(userId);
        }
    }
    return holders;
}

bool RedisNode::publishToNode(quint32 node, const QByteArray& payload) {
    return commands_.command({"PUBLISH", cluster_key::nodeChannel(node), payload});
}

}  // namespace natter
