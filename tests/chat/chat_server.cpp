#include "chat_server.h"

#include "protocol_checks.h"
#include "protocol_server.h"
#include "protocol_spec.h"

namespace natter::test::chat {
namespace {

// Password hashes the server may run at once is bounded (kMaxConcurrentPasswordHashes = 64);
// staying well below keeps registration from ever seeing server_busy.
constexpr int kParallelRegistrations = 8;
constexpr int kRegisterTimeoutMs = 30'000;

QJsonObject registerParamsWithName(const QString& username, const QString& displayName) {
    QJsonObject params = registerParams(username);
    if (!displayName.isEmpty()) {
        params.insert(QStringLiteral("display_name"), displayName);
    }
    return params;
}

ChatUser userFrom(WsTestClient* client, const QJsonObject& response) {
    ChatUser user;
    if (!isResult(response)) {
        return user;
    }
    const SignedIn signedIn = signedInFrom(response);
    user.client = client;
    user.userId = signedIn.userId;
    user.username = signedIn.username;
    user.displayName = resultOf(response)
                           .value(QStringLiteral("user"))
                           .toObject()
                           .value(QStringLiteral("display_name"))
                           .toString();
    user.token = signedIn.token;
    return user;
}

}  // namespace

QJsonObject ChatUser::userObject() const {
    return {{QStringLiteral("id"), userId},
            {QStringLiteral("username"), username},
            {QStringLiteral("display_name"), displayName}};
}

QStringList userIdsOf(const QList<ChatUser>& users) {
    QStringList ids;
    for (const ChatUser& user : users) {
        ids.append(user.userId);
    }
    return ids;
}

ChatUser ChatServer::registerUser(const QString& stem, const QString& displayName) {
    WsTestClient* client = connect();
    if (!client) {
        return {};
    }
    const QJsonObject response =
        client->call(spec::method::kAuthRegister,
                     registerParamsWithName(uniqueUsername(stem), displayName), kRegisterTimeoutMs);
    return userFrom(client, response);
}

QStringList ChatServer::registerBatch(const QString& stem, int count, QList<ChatUser>& users) {
    QList<WsTestClient*> batch;
    for (int i = 0; i < count; ++i) {
        WsTestClient* client = connect();
        if (!client) {
            return {QStringLiteral("could not connect")};
        }
        client->sendRequest(QStringLiteral("reg"), spec::method::kAuthRegister,
                            registerParams(uniqueUsername(stem)));
        batch.append(client);
    }
    QStringList problems;
    for (WsTestClient* client : batch) {
        const QJsonObject response =
            client->waitForResponse(QStringLiteral("reg"), kRegisterTimeoutMs);
        const ChatUser user = userFrom(client, response);
        if (!user.ok()) {
            problems.append(describe(response));
        }
        users.append(user);
    }
    return problems;
}

QList<ChatUser> ChatServer::registerUsers(const QString& stem, int count) {
    QList<ChatUser> users;
    while (users.size() < count) {
        const int batch = qMin(kParallelRegistrations, count - int(users.size()));
        const QStringList problems = registerBatch(stem, batch, users);
        if (!problems.isEmpty()) {
            qWarning().noquote() << "registration failed:" << problems.join(u'\n');
            return {};
        }
    }
    return users;
}

WsTestClient* ChatServer::resume(const QString& token) {
    WsTestClient* client = connect();
    if (!client) {
        qWarning().noquote() << "could not connect to" << url().toString();
        return nullptr;
    }
    const QJsonObject response = client->call(spec::method::kAuthResume, resumeParams(token));
    if (!isResult(response)) {
        qWarning().noquote() << "auth.resume failed:" << describe(response);
        return nullptr;
    }
    return client;
}

WsTestClient* ChatServer::loginNewDevice(const ChatUser& user, const QString& deviceName) {
    WsTestClient* client = connect();
    if (!client ||
        !isResult(client->call(spec::method::kAuthLogin, loginParams(user.username, deviceName),
                               kRegisterTimeoutMs))) {
        return nullptr;
    }
    return client;
}

}  // namespace natter::test::chat
