// The engines and natter-server nodes of the cluster tests (docs/scaling.md): one PostgreSQL, one
// Redis, nodes started on them with --database and --redis written in one place.
#pragma once

#include <QString>
#include <QStringList>
#include <memory>

#include "chat_server.h"
#include "postgres_server.h"
#include "redis_server.h"

namespace natter::test {

// Starts the cluster's PostgreSQL, then its Redis; empty on success, else why not.
inline QString startClusterEngines(PostgresServer& postgres, RedisServer& redis) {
    const QString problem = postgres.start();
    return problem.isEmpty() ? redis.start() : problem;
}

// A running node, or null with `problem` saying why (the node's log tail included). `more` are
// further arguments (a port, a password file...). An empty `redisUrl` starts the node without
// Redis: it shares the database but nothing else (no events, no shared limits). Start nodes one
// after the other: the first one migrates the schema.
inline std::unique_ptr<chat::ChatServer> startClusterNode(const PostgresServer& postgres,
                                                          const QString& redisUrl,
                                                          const QStringList& more,
                                                          QString& problem) {
    QStringList arguments{QStringLiteral("--database"), postgres.url()};
    if (!redisUrl.isEmpty()) {
        arguments << QStringLiteral("--redis") << redisUrl;
    }
    auto node = std::make_unique<chat::ChatServer>(arguments + more);
    if (const QString why = node->start(); !why.isEmpty()) {
        problem = why + u'\n' + node->logTail();
        return nullptr;
    }
    return node;
}

// The engines and the two nodes of a cluster test. Stopped, nodes first, when it goes.
struct TwoNodeCluster {
    PostgresServer postgres;
    RedisServer redis;
    std::unique_ptr<chat::ChatServer> nodeA;
    std::unique_ptr<chat::ChatServer> nodeB;

    // Starts the engines, then node A, then node B, each node with the arguments `more`; empty on
    // success, else why not.
    QString start(const QStringList& more = {}) {
        const QString problem = startClusterEngines(postgres, redis);
        return problem.isEmpty() ? startNodes(true, more) : problem;
    }
    // With the engines running: starts node A, then node B, sharing Redis when `shared`; empty on
    // success, else why not.
    QString startNodes(bool shared, const QStringList& more = {}) {
        QString problem;
        const QString redisUrl = shared ? redis.url() : QString();
        nodeA = startClusterNode(postgres, redisUrl, more, problem);
        if (nodeA) {
            nodeB = startClusterNode(postgres, redisUrl, more, problem);
        }
        return problem;
    }
    ~TwoNodeCluster() {
        nodeA.reset();
        nodeB.reset();
        redis.stop();
        postgres.stop();
    }
};

}  // namespace natter::test
