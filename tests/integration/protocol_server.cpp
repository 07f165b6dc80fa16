#include "protocol_server.h"

#include <QJsonArray>

namespace natter::test {

QString uniqueUsername(const QString& stem) {
    static int counter = 0;
    return QStringLiteral("%1_%2").arg(stem).arg(++counter);
}

ProtocolServer::ProtocolServer(QStringList extraArgs) : process_(std::move(extraArgs)) {}

QString ProtocolServer::start() {
    if (!process_.start()) {
        return QStringLiteral("natter-server did not start: ") + logTail();
    }
    WsTestClient* client = connectClient();
    if (!client) {
        return QStringLiteral("could not connect to natter-server");
    }
    fixtureUsername_ = uniqueUsername(QStringLiteral("fixture"));
    fixture_ =
        signedInFrom(client->call(QStringLiteral("auth.register"),
                                  registerParams(fixtureUsername_, QStringLiteral("Fixture"))));
    if (!fixture_.ok() || fixture_.token.isEmpty()) {
        return QStringLiteral("could not register the fixture account: ") +
               describe(fixture_.response);
    }
    return {};
}

WsTestClient* ProtocolServer::addClient(const WsTestClient::Options& options) {
    clients_.push_back(std::make_unique<WsTestClient>(options));
    return clients_.back().get();
}

WsTestClient* ProtocolServer::connectClient(const WsTestClient::Options& options) {
    WsTestClient* client = addClient(options);
    return client->connectTo(url()) ? client : nullptr;
}

WsTestClient* ProtocolServer::connectSignedIn() {
    WsTestClient* client = connectClient();
    if (!client ||
        !isResult(client->call(QStringLiteral("auth.resume"), resumeParams(fixture_.token)))) {
        return nullptr;
    }
    return client;
}

QStringList ProtocolServer::releaseClients() {
    QStringList problems;
    for (const auto& client : clients_) {
        for (const QString& text : client->undecodable()) {
            problems.append(QStringLiteral("not a JSON object: ") + text.left(200));
        }
        for (const QJsonObject& message : client->received()) {
            problems += internalIdProblems(message);
        }
        client->close();
    }
    clients_.clear();
    return problems;
}

QString ProtocolServer::checkStillServing() {
    WsTestClient* client = connectClient();
    if (!client) {
        return QStringLiteral("a new connection was refused");
    }
    const QJsonObject login = client->call(
        QStringLiteral("auth.login"), loginParams(fixtureUsername_, QStringLiteral("Checker")));
    if (!isResult(login)) {
        return QStringLiteral("a new connection could not log in: ") + describe(login);
    }
    return checkConnectionUsable(*client, true);
}

QString ProtocolServer::checkConnectionUsable(WsTestClient& client, bool alreadySignedIn) {
    if (!client.isConnected()) {
        return QStringLiteral("the connection was closed");
    }
    if (!alreadySignedIn) {
        const QJsonObject resume =
            client.call(QStringLiteral("auth.resume"), resumeParams(fixture_.token));
        if (!isResult(resume)) {
            return QStringLiteral("auth.resume failed on the same connection: ") + describe(resume);
        }
    }
    const QJsonObject list = client.call(QStringLiteral("sessions.list"));
    if (!resultOf(list).value(QStringLiteral("sessions")).isArray()) {
        return QStringLiteral("sessions.list failed on the same connection: ") + describe(list);
    }
    return {};
}

QString ProtocolServer::logTail(int lines) const {
    const QStringList all = process_.log().split(u'\n');
    return all.mid(qMax(0, int(all.size()) - lines)).join(u'\n');
}

}  // namespace natter::test
