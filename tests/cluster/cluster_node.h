// A natter-server node of the cluster tests: started on the tests' one PostgreSQL and a Redis
// (docs/scaling.md), with --database and --redis written in one place.
#pragma once

#include <QString>
#include <QStringList>
#include <memory>

#include "chat_server.h"
#include "postgres_server.h"

namespace natter::test {

// A running node, or null with `problem` saying why (the node's log tail included). `more` are
// further arguments (a port, a password file...). Start nodes one after the other: the first one
// migrates the schema.
inline std::unique_ptr<chat::ChatServer> startClusterNode(const PostgresServer& postgres,
                                                          const QString& redisUrl,
                                                          const QStringList& more,
                                                          QString& problem) {
    auto node =
        std::make_unique<chat::ChatServer>(QStringList{QStringLiteral("--database"), postgres.url(),
                                                       QStringLiteral("--redis"), redisUrl} +
                                           more);
    if (const QString why = node->start(); !why.isEmpty()) {
        problem = why + u'\n' + node->logTail();
        return nullptr;
    }
    return node;
}

}  // namespace natter::test
