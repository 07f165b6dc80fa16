// ServerConnection against a scripted local WebSocket server: subprotocol, id matching, timeouts,
// close codes, events. The real natter-server is exercised in tst_account_client.
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QWebSocket>
#include <QWebSocketServer>
#include <QtTest>
#include <memory>

#include "core/server_connection.h"
#include "core/user_error.h"

using natter::FailureKind;
using natter::RequestOutcome;
using natter::ServerConnection;

namespace {

// A local server that accepts one client and hands its socket to the test.
class ScriptedServer {
public:
    explicit ScriptedServer(bool selectNatterProtocol = true)
        : server_(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode) {
        if (selectNatterProtocol) {
            server_.setSupportedSubprotocols({QStringLiteral("natter.v1")});
        }
        server_.listen(QHostAddress::LocalHost, 0);
        QObject::connect(&server_, &QWebSocketServer::newConnection,
                         [this] { client_.reset(server_.nextPendingConnection()); });
    }
    QUrl url() const {
        return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(server_.serverPort()));
    }
    QWebSocket* client() const { return client_.get(); }
    bool waitForClient() {
        return QTest::qWaitFor([this] { return client_ != nullptr; }, 5000);
    }

private:
    QWebSocketServer server_;
    std::unique_ptr<QWebSocket> client_;
};

QJsonObject parse(const QString& text) {
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

QString toText(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Collects the outcomes of requests, in the order they complete.
struct Outcomes {
    QList<std::pair<QString, RequestOutcome>> received;
    ServerConnection::ResponseHandler handlerFor(const QString& label) {
        return [this, label](const RequestOutcome& outcome) { received.append({label, outcome}); };
    }
};

}  // namespace

class TestServerConnection : public QObject {
    Q_OBJECT

private slots:
    void offersNatterSubprotocolAndConnects() {
        ScriptedServer server;
        ServerConnection connection;
        QSignalSpy connected(&connection, &ServerConnection::connected);
        connection.open(server.url());
        QVERIFY(server.waitForClient());
        QCOMPARE(server.client()->subprotocol(), QStringLiteral("natter.v1"));
        QTRY_COMPARE(connected.count(), 1);
        QCOMPARE(connection.state(), ServerConnection::State::Connected);
    }

    void matchesResponsesToRequestsById() {
        ScriptedServer server;
        ServerConnection connection;
        Outcomes outcomes;
        connection.open(server.url());
        // Sent before the handshake completes: queued, then delivered.
        connection.send(QLatin1StringView("first.method"), {}, this,
                        outcomes.handlerFor(u"first"_qs));
        connection.send(QLatin1StringView("second.method"), {{QStringLiteral("x"), 1}}, this,
                        outcomes.handlerFor(u"second"_qs));
        QVERIFY(server.waitForClient());
        QList<QJsonObject> requests;
        connect(server.client(), &QWebSocket::textMessageReceived, this,
                [&requests](const QString& text) { requests.append(parse(text)); });
        QTRY_COMPARE(requests.size(), 2);
        QCOMPARE(requests[1].value(u"params"_qs).toObject().value(u"x"_qs).toInt(), 1);
        QVERIFY(requests[0].value(u"id"_qs) != requests[1].value(u"id"_qs));
        // Answer in reverse order; each caller must get its own answer.
        for (int i = 1; i >= 0; --i) {
            const QJsonObject result{{u"method"_qs, requests[i].value(u"method"_qs)}};
            server.client()->sendTextMessage(
                toText({{u"id"_qs, requests[i].value(u"id"_qs)}, {u"result"_qs, result}}));
        }
        QTRY_COMPARE(outcomes.received.size(), 2);
        QCOMPARE(outcomes.received[0].first, u"second"_qs);
        QCOMPARE(outcomes.received[0].second.result->value(u"method"_qs).toString(),
                 u"second.method"_qs);
        QCOMPARE(outcomes.received[1].second.result->value(u"method"_qs).toString(),
                 u"first.method"_qs);
    }

    void deliversServerErrorsTyped() {
        ScriptedServer server;
        ServerConnection connection;
        Outcomes outcomes;
        connection.open(server.url());
        connection.send(QLatin1StringView("auth.login"), {}, this, outcomes.handlerFor({}));
        QVERIFY(server.waitForClient());
        connect(server.client(), &QWebSocket::textMessageReceived, this,
                [&server](const QString& text) {
                    const QJsonObject error{{u"code"_qs, u"invalid_params"_qs},
                                            {u"message"_qs, u"username is required."_qs},
                                            {u"field"_qs, u"username"_qs}};
                    server.client()->sendTextMessage(
                        toText({{u"id"_qs, parse(text).value(u"id"_qs)}, {u"error"_qs, error}}));
                });
        QTRY_COMPARE(outcomes.received.size(), 1);
        const RequestOutcome& outcome = outcomes.received[0].second;
        QVERIFY(!outcome.ok());
        QVERIFY(outcome.failure.isServerError(natter::ErrorCode::InvalidParams));
        QCOMPARE(outcome.failure.error.field, u"username"_qs);
        QCOMPARE(natter::UserError::fromFailure(outcome.failure).field, u"username"_qs);
    }

    void unansweredRequestTimesOut() {
        ScriptedServer server;
        ServerConnection connection;
        connection.setRequestTimeout(300);
        Outcomes outcomes;
        connection.open(server.url());
        connection.send(QLatin1StringView("sessions.list"), {}, this, outcomes.handlerFor({}));
        QTRY_COMPARE(outcomes.received.size(), 1);
        QCOMPARE(outcomes.received[0].second.failure.kind, FailureKind::Timeout);
        QVERIFY(
            !natter::UserError::fromFailure(outcomes.received[0].second.failure).message.isEmpty());
        // A late answer after the timeout is dropped, not delivered twice: the answer to a later
        // request, sent after it on the same socket, is the only other outcome.
        QVERIFY(server.client() != nullptr);
        connection.setRequestTimeout(ServerConnection::kDefaultRequestTimeoutMs);
        server.client()->sendTextMessage(QStringLiteral("{\"id\":1,\"result\":{}}"));
        connection.send(QLatin1StringView("sessions.list"), {}, this,
                        outcomes.handlerFor(u"later"_qs));
        server.client()->sendTextMessage(QStringLiteral("{\"id\":2,\"result\":{\"n\":2}}"));
        QTRY_COMPARE(outcomes.received.size(), 2);
        QCOMPARE(outcomes.received[1].first, u"later"_qs);
        QCOMPARE(outcomes.received[1].second.result->value(u"n"_qs).toInt(), 2);
        QCoreApplication::processEvents();
        QCOMPARE(outcomes.received.size(), 2);
    }

    void reportsCloseCodeAndFailsPendingRequests() {
        ScriptedServer server;
        ServerConnection connection;
        QSignalSpy closed(&connection, &ServerConnection::closed);
        Outcomes outcomes;
        connection.open(server.url());
        connection.send(QLatin1StringView("sessions.list"), {}, this, outcomes.handlerFor({}));
        QVERIFY(server.waitForClient());
        QTRY_COMPARE(connection.state(), ServerConnection::State::Connected);
        server.client()->close(QWebSocketProtocol::CloseCode(4002), u"session revoked"_qs);
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(closed[0][0].toInt(), 4002);
        QCOMPARE(closed[0][1].toString(), u"session revoked"_qs);
        QCOMPARE(connection.state(), ServerConnection::State::Disconnected);
        QTRY_COMPARE(outcomes.received.size(), 1);
        QCOMPARE(outcomes.received[0].second.failure.kind, FailureKind::ConnectionClosed);
    }

    void deliversEvents() {
        ScriptedServer server;
        ServerConnection connection;
        QSignalSpy events(&connection, &ServerConnection::eventReceived);
        connection.open(server.url());
        QVERIFY(server.waitForClient());
        QTRY_COMPARE(connection.state(), ServerConnection::State::Connected);
        server.client()->sendTextMessage(u"{\"event\":\"example.name\",\"data\":{\"n\":7}}"_qs);
        QTRY_COMPARE(events.count(), 1);
        QCOMPARE(events[0][0].toString(), u"example.name"_qs);
        QCOMPARE(events[0][1].toJsonObject().value(u"n"_qs).toInt(), 7);
    }

    void unreachableServerFailsWithServerFieldError() {
        QTcpServer reserve;  // take a free port, then free it so nothing listens there
        QVERIFY(reserve.listen(QHostAddress::LocalHost, 0));
        const quint16 port = reserve.serverPort();
        reserve.close();
        ServerConnection connection;
        QSignalSpy closed(&connection, &ServerConnection::closed);
        Outcomes outcomes;
        connection.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)));
        connection.send(QLatin1StringView("auth.login"), {}, this, outcomes.handlerFor({}));
        QTRY_COMPARE(outcomes.received.size(), 1);
        QCOMPARE(outcomes.received[0].second.failure.kind, FailureKind::ConnectionFailed);
        QCOMPARE(natter::UserError::fromFailure(outcomes.received[0].second.failure).field,
                 natter::field::kServer);
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(closed[0][0].toInt(), 1006);
    }

    void refusesServerThatDoesNotSelectNatterProtocol() {
        ScriptedServer server(/*selectNatterProtocol=*/false);
        ServerConnection connection;
        QSignalSpy connected(&connection, &ServerConnection::connected);
        QSignalSpy closed(&connection, &ServerConnection::closed);
        connection.open(server.url());
        QTRY_COMPARE(closed.count(), 1);
        QCOMPARE(connected.count(), 0);
        QCOMPARE(connection.state(), ServerConnection::State::Disconnected);
    }

    void requestWhileDisconnectedFailsAtOnce() {
        ServerConnection connection;
        Outcomes outcomes;
        connection.send(QLatin1StringView("sessions.list"), {}, this, outcomes.handlerFor({}));
        QTRY_COMPARE(outcomes.received.size(), 1);
        QCOMPARE(outcomes.received[0].second.failure.kind, FailureKind::ConnectionClosed);
    }
};

QTEST_GUILESS_MAIN(TestServerConnection)
#include "tst_server_connection.moc"
