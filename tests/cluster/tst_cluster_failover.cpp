// Failover through the load balancer (docs/scaling.md): clients reach two natter-server nodes (one
// PostgreSQL, one Redis) through nginx running the shipped packaging/nginx/natter.conf. When the
// node holding a client is killed with SIGKILL, the client reconnects to the same address, lands on
// the other node, resumes with its token and catches up exactly: every message acknowledged while
// it was away, once, in seq order. Every engine is started here; the test fails, never skips.
#include <QJsonArray>
#include <QtTest>
#include <memory>

#include "chat_checks.h"
#include "chat_server.h"
#include "cluster_node.h"
#include "loopback_port.h"
#include "nginx_server.h"
#include "postgres_server.h"
#include "protocol_checks.h"
#include "protocol_server.h"
#include "protocol_spec.h"
#include "redis_server.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

// Longer than a directory change takes between nodes (docs/scaling.md, tst_cluster_fanout).
constexpr int kDirectorySettleMs = 200;

QStringList bodiesOf(const QJsonArray& messages) {
    QStringList bodies;
    for (const QJsonValue& message : messages) {
        bodies.append(message.toObject().value(QStringLiteral("body")).toString());
    }
    return bodies;
}

}  // namespace

class TestClusterFailover : public QObject {
    Q_OBJECT

private:
    PostgresServer postgres_;
    RedisServer redis_;
    NginxServer nginx_;
    std::unique_ptr<ChatServer> nodes_[2];

    // A client of the balanced address, signed in with `method` and `params`; null on failure.
    std::unique_ptr<WsTestClient> signInThroughNginx(const QString& method,
                                                     const QJsonObject& params,
                                                     QJsonObject* result) {
        auto client = std::make_unique<WsTestClient>();
        if (!client->connectTo(nginx_.url())) {
            qWarning().noquote() << "no connection through nginx:" << client->errorString()
                                 << nginx_.errorLog();
            return nullptr;
        }
        const QJsonObject answer = client->call(method, params, 15'000);
        if (!isResult(answer)) {
            qWarning().noquote() << describe(answer);
            return nullptr;
        }
        *result = resultOf(answer);
        return client;
    }

    // How often node `index` (0 or 1) logged the user signing in.
    int signInsOn(int index, const QString& userId) const {
        return int(
            nodes_[index]->process().log().count(QStringLiteral("auth.signed_in user=") + userId));
    }

private slots:
    void initTestCase() {
        QString problem = startClusterEngines(postgres_, redis_);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QList<quint16> ports;
        for (auto& node : nodes_) {
            ports.append(freeLoopbackPort());
            node = startClusterNode(postgres_, redis_.url(),
                                    {QStringLiteral("--port"), QString::number(ports.constLast())},
                                    problem);
            QVERIFY2(node, qPrintable(problem));
        }
        problem = nginx_.start(ports);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void cleanupTestCase() {
        nginx_.stop();
        for (auto& node : nodes_) {
            node.reset();
        }
        redis_.stop();
        postgres_.stop();
    }

    void clientWhoseNodeDiesCatchesUpThroughTheBalancer() {
        QJsonObject bobSession;
        std::unique_ptr<WsTestClient> bob =
            signInThroughNginx(spec::method::kAuthRegister,
                               registerParams(uniqueUsername(QStringLiteral("bob"))), &bobSession);
        QVERIFY(bob);
        const QString bobId = bobSession.value(QStringLiteral("user"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toString();
        const QString token = bobSession.value(QStringLiteral("token")).toString();
        QCOMPARE(signInsOn(0, bobId) + signInsOn(1, bobId), 1);
        const int bobsNode = signInsOn(0, bobId) == 1 ? 0 : 1;
        ChatServer& survivor = *nodes_[1 - bobsNode];
        const ChatUser alice = survivor.registerUser(QStringLiteral("alice"));
        QVERIFY(alice.ok());
        QTest::qWait(kDirectorySettleMs);

        const QJsonObject first = sendText(*alice.client, toUser(bobId), QStringLiteral("one"));
        QVERIFY2(isResult(first), qPrintable(describe(first)));
        const QString chatId = conversationIdOf(first);
        QVERIFY(waitForMessageEvents(*bob, chatId, 1));  // live, across nodes, through nginx

        nodes_[bobsNode]->process().kill();
        QVERIFY(bob->waitForDisconnected());
        for (const QString& body : {QStringLiteral("two"), QStringLiteral("three")}) {
            NATTER_VERIFY_RESULT(sendText(*alice.client, toConversation(chatId), body));
        }

        // The same address again: nginx skips the dead node; the token resumes on the other.
        QJsonObject resumed;
        std::unique_ptr<WsTestClient> again = signInThroughNginx(
            spec::method::kAuthResume, {{QStringLiteral("token"), token}}, &resumed);
        QVERIFY(again);
        QCOMPARE(signInsOn(bobsNode, bobId), 1);  // the dead node's log has only the first sign-in
        QVERIFY2(signInsOn(1 - bobsNode, bobId) == 1, "bob did not land on the surviving node");
        const QJsonObject synced = again->call(
            spec::method::kSync, {{QStringLiteral("cursors"), QJsonObject{{chatId, 1}}}});
        QVERIFY2(isResult(synced), qPrintable(describe(synced)));
        const QJsonArray conversations =
            resultOf(synced).value(QStringLiteral("conversations")).toArray();
        QCOMPARE(conversations.size(), 1);
        const QJsonArray missed =
            conversations.first().toObject().value(QStringLiteral("messages")).toArray();
        QCOMPARE(bodiesOf(missed), (QStringList{QStringLiteral("two"), QStringLiteral("three")}));
        QCOMPARE(seqOf(missed.at(0).toObject()), 2);
        QCOMPARE(seqOf(missed.at(1).toObject()), 3);

        // And the conversation goes on, live both ways.
        const QJsonObject reply = sendText(*again, toConversation(chatId), QStringLiteral("back"));
        QVERIFY2(isResult(reply), qPrintable(describe(reply)));
        QVERIFY(waitForMessageSeq(*alice.client, chatId, 4).size() > 0);
        survivor.releaseClients();
    }
};

QTEST_GUILESS_MAIN(TestClusterFailover)
#include "tst_cluster_failover.moc"
