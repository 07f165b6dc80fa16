// The admin listener of the real natter-server (docs/operations.md): /metrics follows what test
// clients do, /healthz answers for the database, malformed HTTP is refused and the connection
// closed, and the listener exists only when configured, on loopback unless allowed otherwise.
#include <QProcess>
#include <QTcpSocket>
#include <QtTest>
#include <memory>
#include <vector>

#include "admin_http_client.h"
#include "postgres_server.h"
#include "protocol_checks.h"
#include "protocol_server.h"
#include "server_process.h"

using namespace natter::test;

namespace {

constexpr int kMessages = 5;  // the message burst the server allows, all stored
// Sign-ups sent without waiting: with alice and bob within the per-address registration burst.
constexpr int kQueuedSignUps = 6;

const QStringList kAdminArgs{QStringLiteral("--admin-listen"), QStringLiteral("127.0.0.1:0")};

Samples scrape(quint16 adminPort) {
    const HttpAnswer answer = httpGet(adminPort, "/metrics");
    return answer.status == 200 ? parseSamples(answer.body) : Samples{};
}

double errorsOf(const Samples& samples, const char* code) {
    return samples.value(
        QStringLiteral("natter_errors_total{code=\"%1\"}").arg(QLatin1StringView(code)), -1);
}

double allErrors(const Samples& samples) {
    double total = 0;
    for (auto it = samples.cbegin(); it != samples.cend(); ++it) {
        if (it.key().startsWith(QStringLiteral("natter_errors_total{"))) {
            total += it.value();
        }
    }
    return total;
}

// Registers a new account on a new connection of `server`.
WsTestClient* registered(TestServer& server, const QString& stem, SignedIn& account) {
    WsTestClient* client = server.connectClient();
    if (client) {
        account = signedInFrom(
            client->call(spec::method::kAuthRegister, registerParams(uniqueUsername(stem))));
    }
    return client && account.ok() ? client : nullptr;
}

QJsonObject textTo(const QString& userId, int n) {
    return {{QStringLiteral("to_user_id"), userId},
            {QStringLiteral("client_message_id"), QStringLiteral("admin-test-%1").arg(n)},
            {QStringLiteral("type"), QStringLiteral("text")},
            {QStringLiteral("body"), QStringLiteral("message %1").arg(n)}};
}

int eventCount(const WsTestClient& client, const char* name) {
    int count = 0;
    for (const QJsonObject& event : client.events()) {
        count += event.value(QStringLiteral("event")).toString() == QLatin1StringView(name);
    }
    return count;
}

}  // namespace

class TestAdminListener : public QObject {
    Q_OBJECT
private slots:
    void metricsFollowTraffic();
    void histogramsAndProcessFigures();
    void queueDepthPerThread();
    void healthEndpoints();
    void readyFailsWhenTheDatabaseIsGone();
    void badRequestsAreRefusedAndClosed_data();
    void badRequestsAreRefusedAndClosed();
    void slowClientsTimeOutAndExtraConnectionsAreRefused();
    void listenerAbsentUnlessConfigured();
    void nonLoopbackAddressRefused();

private:
    std::unique_ptr<ServerProcess> badRequestServer_;  // one server for every row
};

void TestAdminListener::metricsFollowTraffic() {
    // The message burst is the default's, with no refill to speak of: message 6 is rate_limited.
    TestServer server(kAdminArgs +
                      QStringList{QStringLiteral("--message-rate"), QStringLiteral("0.001"),
                                  QStringLiteral("--message-burst"), QString::number(kMessages)});
    QVERIFY2(server.startProcess().isEmpty(), qPrintable(server.logTail()));
    const quint16 admin = server.process().adminPort();
    QVERIFY(admin != 0);
    QCOMPARE(scrape(admin).value(QStringLiteral("natter_connections_open"), -1), 0.0);

    SignedIn alice, bob;
    WsTestClient* a = registered(server, QStringLiteral("alice"), alice);
    WsTestClient* b = registered(server, QStringLiteral("bob"), bob);
    QVERIFY(a && b);
    // Each gets its presence.snapshot after signing in: wait for it so the baseline holds it.
    QTRY_COMPARE_WITH_TIMEOUT(eventCount(*a, "presence.snapshot"), 1, 5'000);
    QTRY_COMPARE_WITH_TIMEOUT(eventCount(*b, "presence.snapshot"), 1, 5'000);
    const Samples before = scrape(admin);
    QCOMPARE(before.value(QStringLiteral("natter_connections_open")), 2.0);
    QCOMPARE(before.value(QStringLiteral("natter_sessions_signed_in")), 2.0);
    QCOMPARE(before.value(QStringLiteral("natter_users_online")), 2.0);
    const qsizetype eventsBefore = a->events().size() + b->events().size();

    for (int n = 1; n <= kMessages; ++n) {
        NATTER_VERIFY_RESULT(a->call(spec::method::kMessagesSend, textTo(bob.userId, n)));
    }
    NATTER_COMPARE_ERROR(a->call(spec::method::kMessagesSend, textTo(bob.userId, kMessages + 1)),
                         "rate_limited");
    for (int i = 0; i < 2; ++i) {
        NATTER_COMPARE_ERROR(a->call(QStringLiteral("no.such_method")), "unknown_method");
    }
    QTRY_COMPARE_WITH_TIMEOUT(eventCount(*b, "message.new"), kMessages, 5'000);
    NATTER_VERIFY_RESULT(b->call(spec::method::kSessionsList));  // b has taken all before this
    NATTER_VERIFY_RESULT(a->call(spec::method::kSessionsList));

    const Samples after = scrape(admin);
    const auto grew = [&](const QString& name) { return after.value(name) - before.value(name); };
    QCOMPARE(grew(QStringLiteral("natter_messages_stored_total")), double(kMessages));
    QCOMPARE(errorsOf(after, "unknown_method") - errorsOf(before, "unknown_method"), 2.0);
    QCOMPARE(errorsOf(after, "rate_limited") - errorsOf(before, "rate_limited"), 1.0);
    QCOMPARE(allErrors(after) - allErrors(before), 3.0);
    QCOMPARE(grew(QStringLiteral("natter_rate_limit_refusals_total")), 1.0);
    QCOMPARE(grew(QStringLiteral("natter_events_delivered_total")),
             double(a->events().size() + b->events().size() - eventsBefore));

    b->close();
    QTRY_COMPARE_WITH_TIMEOUT(scrape(admin).value(QStringLiteral("natter_connections_open")), 1.0,
                              5'000);
    QTRY_COMPARE_WITH_TIMEOUT(scrape(admin).value(QStringLiteral("natter_users_online")), 1.0,
                              5'000);
    verifyReleaseClients(server);
}

void TestAdminListener::histogramsAndProcessFigures() {
    ServerProcess server(kAdminArgs);
    QVERIFY(server.start());
    // The readiness probe is a storage job: its transaction is one committed batch.
    QCOMPARE(httpGet(server.adminPort(), "/healthz/ready").status, 200);
    const HttpAnswer answer = httpGet(server.adminPort(), "/metrics");
    QCOMPARE(answer.status, 200);
    QVERIFY2(answer.head.contains("Content-Type: text/plain; version=0.0.4"), answer.head);
    QCOMPARE(familiesWithoutHelpOrType(answer.body), QStringList{});
    const Samples samples = parseSamples(answer.body);
    for (const char* histogram :
         {"natter_storage_commit_batch_size", "natter_storage_commit_latency_seconds"}) {
        const QString name = QLatin1StringView(histogram);
        const double count = samples.value(name + QStringLiteral("_count"), -1);
        QVERIFY2(count >= 1, histogram);
        QCOMPARE(samples.value(name + QStringLiteral("_bucket{le=\"+Inf\"}")), count);
    }
    QVERIFY(samples.value(QStringLiteral("natter_storage_commit_batch_size_sum")) >= 1);
    QVERIFY(samples.contains(QStringLiteral("natter_storage_queue_depth")));
    QCOMPARE(samples.value(QStringLiteral("natter_outbound_buffer_bytes"), -1), 0.0);
    QVERIFY(samples.value(QStringLiteral("process_cpu_seconds_total"), -1) >= 0);
    QVERIFY(samples.value(QStringLiteral("process_resident_memory_bytes")) > 1024 * 1024);
}

void TestAdminListener::queueDepthPerThread() {
    TestServer server(kAdminArgs + QStringList{QStringLiteral("--workers"), QStringLiteral("2"),
                                               QStringLiteral("--hash-threads"),
                                               QStringLiteral("1")});
    QVERIFY2(server.startProcess().isEmpty(), qPrintable(server.logTail()));
    const quint16 admin = server.process().adminPort();
    const HttpAnswer answer = httpGet(admin, "/metrics");
    QCOMPARE(answer.status, 200);
    QVERIFY(answer.body.contains("# TYPE natter_queue_depth gauge\n"));
    QStringList threads;
    const Samples samples = parseSamples(answer.body);
    for (auto it = samples.cbegin(); it != samples.cend(); ++it) {
        if (it.key().startsWith(QStringLiteral("natter_queue_depth{"))) {
            threads.append(it.key());
            QVERIFY2(it.value() >= 0, qPrintable(it.key()));
        }
    }
    threads.sort();
    QCOMPARE(threads, QStringList({QStringLiteral("natter_queue_depth{thread=\"net-0\"}"),
                                   QStringLiteral("natter_queue_depth{thread=\"net-1\"}"),
                                   QStringLiteral("natter_queue_depth{thread=\"password-hash\"}"),
                                   QStringLiteral("natter_queue_depth{thread=\"storage\"}")}));

    // Sign-ups sent at once wait for the one hashing thread: its gauge shows them, then drains.
    const auto hashDepth = [admin] {
        return scrape(admin).value(QStringLiteral("natter_queue_depth{thread=\"password-hash\"}"),
                                   -1);
    };
    // One connection each: a connection's requests are answered in order, one at a time.
    QList<WsTestClient*> signingUp;
    for (int n = 0; n < kQueuedSignUps; ++n) {
        signingUp.append(server.connectClient());
        QVERIFY(signingUp.last());
    }
    for (WsTestClient* client : signingUp) {
        client->sendRequest(QStringLiteral("queued"), spec::method::kAuthRegister,
                            registerParams(uniqueUsername(QStringLiteral("queued"))));
    }
    QTRY_VERIFY_WITH_TIMEOUT(hashDepth() >= 1, 5'000);
    for (WsTestClient* client : signingUp) {
        NATTER_VERIFY_RESULT(client->waitForResponse(QStringLiteral("queued")));
    }
    QTRY_COMPARE_WITH_TIMEOUT(hashDepth(), 0.0, 5'000);

    // A burst through every queue (sign-ups hash, store and answer through a worker, messages
    // are delivered through the other's): once all is answered, nothing is left counted.
    SignedIn alice, bob;
    WsTestClient* a = registered(server, QStringLiteral("alice"), alice);
    WsTestClient* b = registered(server, QStringLiteral("bob"), bob);
    QVERIFY(a && b);
    for (int n = 1; n <= kMessages; ++n) {
        NATTER_VERIFY_RESULT(a->call(spec::method::kMessagesSend, textTo(bob.userId, n)));
    }
    QTRY_COMPARE_WITH_TIMEOUT(eventCount(*b, "message.new"), kMessages, 5'000);
    const auto queued = [admin] {
        double total = 0;
        const Samples now = scrape(admin);
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            total += it.key().startsWith(QStringLiteral("natter_queue_depth{")) ? it.value() : 0;
        }
        return total;
    };
    QTRY_COMPARE_WITH_TIMEOUT(queued(), 0.0, 5'000);
    verifyReleaseClients(server);
}

void TestAdminListener::healthEndpoints() {
    ServerProcess server(kAdminArgs);
    QVERIFY(server.start());
    const HttpAnswer live = httpGet(server.adminPort(), "/healthz/live");
    QCOMPARE(live.status, 200);
    QCOMPARE(live.body, QByteArray("live\n"));
    QVERIFY(live.closedByServer);
    const HttpAnswer ready = httpGet(server.adminPort(), "/healthz/ready");
    QCOMPARE(ready.status, 200);
    QCOMPARE(ready.body, QByteArray("ready\n"));
}

// PostgreSQL stopped under a running server: the round trip through the storage thread fails.
void TestAdminListener::readyFailsWhenTheDatabaseIsGone() {
    PostgresServer postgres;
    const QString started = postgres.start();
    QVERIFY2(started.isEmpty(), qPrintable(started));
    ServerProcess server(kAdminArgs + QStringList{QStringLiteral("--database"), postgres.url()});
    QVERIFY(server.start());
    QCOMPARE(httpGet(server.adminPort(), "/healthz/ready").status, 200);
    postgres.stop();
    const HttpAnswer ready = httpGet(server.adminPort(), "/healthz/ready");
    QCOMPARE(ready.status, 503);
    QVERIFY2(ready.body.startsWith("database: "), ready.body);
    QCOMPARE(httpGet(server.adminPort(), "/healthz/live").status, 200);
}

void TestAdminListener::badRequestsAreRefusedAndClosed_data() {
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    QTest::newRow("garbage") << QByteArray("hello there\r\n\r\n") << 400;
    QTest::newRow("HTTP/2.0") << QByteArray("GET /metrics HTTP/2.0\r\n\r\n") << 400;
    QTest::newRow("header without colon")
        << QByteArray("GET /metrics HTTP/1.1\r\nHost 127.0.0.1\r\n\r\n") << 400;
    QTest::newRow("space before colon")
        << QByteArray("GET /metrics HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::newRow("GET with a body")
        << QByteArray("GET /metrics HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc") << 400;
    QTest::newRow("too large") << "GET /metrics HTTP/1.1\r\nX: " + QByteArray(9000, 'a') << 413;
    QByteArray manyHeaders = "GET /metrics HTTP/1.1\r\n";
    for (int i = 0; i < 40; ++i) {
        manyHeaders += "X-" + QByteArray::number(i) + ": 1\r\n";
    }
    QTest::newRow("too many headers") << manyHeaders + "\r\n" << 413;
    QTest::newRow("POST") << QByteArray("POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
                          << 405;
    QTest::newRow("unknown path") << QByteArray("GET /admin HTTP/1.1\r\n\r\n") << 404;
}

void TestAdminListener::badRequestsAreRefusedAndClosed() {
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    if (!badRequestServer_) {
        badRequestServer_ = std::make_unique<ServerProcess>(kAdminArgs);
        QVERIFY(badRequestServer_->start());
    }
    ServerProcess& server = *badRequestServer_;
    const HttpAnswer answer = rawHttp(server.adminPort(), request);
    QCOMPARE(answer.status, status);
    QVERIFY2(answer.closedByServer, "the server kept the connection open");
    if (status == 405) {
        QVERIFY2(answer.head.contains("\r\nAllow: GET"), answer.head);
    }
    QCOMPARE(httpGet(server.adminPort(), "/healthz/live").status, 200);  // still serving
}

// The admin listener's limits (docs/operations.md): 16 connections at once, each with 5 s to send
// its request; a 17th is closed unanswered, and the slow ones get 408 and are closed.
void TestAdminListener::slowClientsTimeOutAndExtraConnectionsAreRefused() {
    constexpr int kMaxAdminConnections = 16;
    constexpr int kReadTimeoutMs = 5'000;
    ServerProcess server(kAdminArgs);
    QVERIFY(server.start());
    std::vector<std::unique_ptr<QTcpSocket>> slow;
    for (int i = 0; i < kMaxAdminConnections; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QStringLiteral("127.0.0.1"), server.adminPort());
        QVERIFY(socket->waitForConnected(5'000));
        socket->write("GET /metrics HTTP/1.1\r\n");  // and never the blank line
        QVERIFY(socket->waitForBytesWritten(5'000));
        slow.push_back(std::move(socket));
    }
    // Accepted in arrival order: the 16 above hold every place when this one comes.
    const HttpAnswer extra = httpGet(server.adminPort(), "/healthz/live");
    QCOMPARE(extra.status, -1);
    QVERIFY(extra.closedByServer);
    for (auto& socket : slow) {
        QVERIFY(socket->state() == QAbstractSocket::UnconnectedState ||
                socket->waitForDisconnected(kReadTimeoutMs + 3'000));
        QVERIFY(socket->readAll().startsWith("HTTP/1.1 408 "));
    }
    QCOMPARE(httpGet(server.adminPort(), "/healthz/live").status, 200);  // places freed
}

void TestAdminListener::listenerAbsentUnlessConfigured() {
    ServerProcess server;
    QVERIFY(server.start());
    QCOMPARE(server.adminPort(), quint16(0));
    QVERIFY(!server.log().contains(QStringLiteral("event=admin.started")));
}

void TestAdminListener::nonLoopbackAddressRefused() {
    QProcess process;
    process.start(ServerProcess::binaryPath(),
                  {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--admin-listen"),
                   QStringLiteral("192.0.2.1:0")});
    if (!process.waitForFinished(10'000)) {
        process.kill();
        process.waitForFinished();
        QFAIL("the server started with a non-loopback admin address");
    }
    QVERIFY(process.exitCode() != 0);
    QVERIFY2(process.readAllStandardError().contains("admin-allow-remote"),
             "the refusal should name the setting that allows it");
}

QTEST_GUILESS_MAIN(TestAdminListener)
#include "tst_admin_listener.moc"
