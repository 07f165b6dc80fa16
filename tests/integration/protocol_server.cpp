#include "protocol_server.h"

#include <QJsonArray>
#include <QtTest>

#include "protocol_spec.h"

namespace natter::test {

QString uniqueUsername(const QString& stem) {
    static int counter = 0;
    return QStringLiteral("%1_%2").arg(stem).arg(++counter);
}

void verifyReleaseClients(TestServer& server) {
    const QStringList problems = server.releaseClients();
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    if (QTest::currentTestFailed()) {
        qWarning().noquote() << "server log:\n" << server.logTail();
    }
}

TestServer::TestServer(QStringList extraArgs) : process_(std::move(extraArgs)) {}

QString TestServer::startProcess() {
    if (!process_.start()) {
        return QStringLiteral("natter-server did not start: ") + logTail();
    }
    return {};
}

WsTestClient* TestServer::addClient(const WsTestClient::Options& options) {
    clients_.push_back(std::make_unique<WsTestClient>(options));
    return clients_.back().get();
}

WsTestClient* TestServer::connectClient(const WsTestClient::Options& options) {
    WsTestClient* client = addClient(options);
    return client->connectTo(url()) ? client : nullptr;
}

QStringList TestServer::releaseClients() {
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

QString TestServer::logTail(int lines) const {
    const QStringList all = process_.log().split(u'\n');
    return all.mid(qMax(0, int(all.size()) - lines)).join(u'\n');
}

QString ProtocolServer::start() {
    if (const QString problem = startProcess(); !problem.isEmpty()) {
        return problem;
    }
    WsTestClient* client = connectClient();
    if (!client) {
        return QStringLiteral("could not connect to natter-server");
    }
    fixtureUsername_ = uniqueUsername(QStringLiteral("fixture"));
    fixture_ = signedInFrom(client->call(
        spec::method::kAuthRegister, registerParams(fixtureUsername_, QStringLiteral("Fixture"))));
    if (!fixture_.ok() || fixture_.token.isEmpty()) {
        return QStringLiteral("could not register the fixture account: ") +
               describe(fixture_.response);
    }
    return {};
}

WsTestClient* ProtocolServer::connectSignedIn() {
    WsTestClient* client = connectClient();
    if (!client ||
        !isResult(client->call(spec::method::kAuthResume, resumeParams(fixture_.token)))) {
        return nullptr;
    }
    return client;
}

QString ProtocolServer::checkStillServing() {
    WsTestClient* client = connectClient();
    if (!client) {
        return QStringLiteral("a new connection was refused");
    }
    const QJsonObject login = client->call(
        spec::method::kAuthLogin, loginParams(fixtureUsername_, QStringLiteral("Checker")));
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
            client.call(spec::method::kAuthResume, resumeParams(fixture_.token));
        if (!isResult(resume)) {
            return QStringLiteral("auth.resume failed on the same connection: ") + describe(resume);
        }
    }
    const QJsonObject list = client.call(spec::method::kSessionsList);
    if (!resultOf(list).value(QStringLiteral("sessions")).isArray()) {
        return QStringLiteral("sessions.list failed on the same connection: ") + describe(list);
    }
    return {};
}

}  // namespace natter::test
