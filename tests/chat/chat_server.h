// A running natter-server and the users and connections a chat test needs, built on the shared
// WebSocket test client. Everything here follows docs/protocol.md (sections 3, 5.1, 5.2) alone.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "protocol_server.h"
#include "ws_test_client.h"

namespace natter::test::chat {

// One registered account and the connection that registered it.
struct ChatUser {
    WsTestClient* client = nullptr;  // owned by the ChatServer that made it
    QString userId;
    QString username;
    QString displayName;
    QString token;
    bool ok() const { return client && !userId.isEmpty() && !token.isEmpty(); }
    // The User object of section 3.4 as the server should show it.
    QJsonObject userObject() const;
};

// The users' ids, in order.
QStringList userIdsOf(const QList<ChatUser>& users);

// A running server without accounts; tests register the users they need.
class ChatServer : public TestServer {
public:
    using TestServer::TestServer;

    // Starts (or restarts, on the same data dir) the server; empty on success, else why not.
    QString start() { return startProcess(); }

    // A new connected client with natter.v1 offered, owned by this object; null on failure.
    WsTestClient* connect() { return connectClient(); }
    // Registers a new account (username from `stem`, display name `displayName` or a default).
    ChatUser registerUser(const QString& stem, const QString& displayName = {});
    // Registers `count` accounts at once, over parallel connections (a few password hashes at a
    // time); the list is shorter than `count` only on failure.
    QList<ChatUser> registerUsers(const QString& stem, int count);
    // A further connection of the same session (auth.resume with the user's token).
    WsTestClient* resume(const QString& token);
    // A further session of the user (auth.login as a new device).
    WsTestClient* loginNewDevice(const ChatUser& user, const QString& deviceName);

private:
    QStringList registerBatch(const QString& stem, int count, QList<ChatUser>& users);
};

}  // namespace natter::test::chat
