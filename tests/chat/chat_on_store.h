// For chat suites built twice, on SQLite and on a private PostgreSQL (docs/testing.md): starting
// and stopping the server on the store a build asked for. Header-only: the targets that use it
// link natter_test_support (PostgresServer), which natter_chat_test_support does not.
#pragma once

#include <QStringList>
#include <memory>

#include "chat_server.h"
#include "postgres_server.h"

namespace natter::test::chat {

// The PostgreSQL a suite runs on when it was built for one, else none. Starts nothing by itself.
class SuiteDatabase {
public:
    explicit SuiteDatabase(bool onPostgres) : onPostgres_(onPostgres) {}
    PostgresServer* postgres() { return onPostgres_ ? &postgres_ : nullptr; }

private:
    bool onPostgres_;
    PostgresServer postgres_;
};

// Starts `postgres` first when one is given and points the server at it; then the server with
// `args`. Empty on success, else why not (the server's log tail included).
inline QString startChatServer(std::unique_ptr<ChatServer>& server, QStringList args,
                               PostgresServer* postgres) {
    if (postgres) {
        if (const QString problem = postgres->start(); !problem.isEmpty()) {
            return problem;
        }
        args << QStringLiteral("--database") << postgres->url();
    }
    server = std::make_unique<ChatServer>(args);
    const QString why = server->start();
    return why.isEmpty() ? why : why + u'\n' + server->logTail();
}

inline void stopChatServer(std::unique_ptr<ChatServer>& server, PostgresServer* postgres) {
    server.reset();
    if (postgres) {
        postgres->stop();
    }
}

}  // namespace natter::test::chat
