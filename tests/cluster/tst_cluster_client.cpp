// The desktop client's core with a server of two nodes and no load balancer (docs/scaling.md,
// "Clients"): it is given both nodes' addresses as one server, signs in through one of them, and
// when that node is killed (SIGKILL) it goes on through the other with the same session: no new
// sign-in, one session in sessions.list, and what was written while it was cut off arrives by
// sync; and a sign-in whose first address is dead goes through the other. The nodes share one
// PostgreSQL and one Redis, all started here; the test fails, never skips, when one cannot start.
#include <QtTest>
#include <csignal>
#include <memory>

#include "chat_test_support.h"
#include "core/server_addresses.h"
#include "postgres_server.h"
#include "redis_server.h"
#include "server_process.h"

using namespace natter;
using namespace natter::test;

class TestClusterClient : public QObject {
    Q_OBJECT

private:
    PostgresServer postgres_;
    RedisServer redis_;
    std::unique_ptr<ServerProcess> nodes_[2];

    // The node serving `url`, or null.
    ServerProcess* nodeAt(const QUrl& url) {
        for (const auto& node : nodes_) {
            if (node->url() == url) {
                return node.get();
            }
        }
        return nullptr;
    }

private slots:
    void initTestCase() {
        QString problem = postgres_.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        problem = redis_.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        for (auto& node : nodes_) {  // one after the other: the first one migrates the schema
            node = std::make_unique<ServerProcess>(
                QStringList{QStringLiteral("--database"), postgres_.url(),
                            QStringLiteral("--redis"), redis_.url()});
            QVERIFY2(node->start(), qPrintable(node->log()));
        }
    }
    void cleanupTestCase() {
        for (auto& node : nodes_) {
            node.reset();
        }
        redis_.stop();
        postgres_.stop();
    }

    void sessionGoesOnThroughTheOtherNode() {
        const ServerAddresses both(QList<QUrl>{nodes_[0]->url(), nodes_[1]->url()});
        ChatPeer ann;
        QVERIFY(ann.signUp(both, QStringLiteral("ann")));
        ServerProcess* annsNode = nodeAt(ann.account.connectedAddress());
        QVERIFY(annsNode);
        ServerProcess* otherNode = annsNode == nodes_[0].get() ? nodes_[1].get() : nodes_[0].get();
        ChatPeer bob;
        QVERIFY(bob.signUp(otherNode->url(), QStringLiteral("bob")));
        const QString id = bob.startPrivateChat(ann, QStringLiteral("before"));
        QVERIFY(!id.isEmpty());
        const QString sessionBefore = ann.account.account()->session.id;
        QSignalSpy signIns(&ann.account, &AccountClient::signedIn);

        // Ann's node hangs (SIGSTOP), so what Bob writes now cannot reach her live; then it dies.
        QCOMPARE(::kill(pid_t(annsNode->pid()), SIGSTOP), 0);
        bob.chat.sendText(id, QStringLiteral("meanwhile"));
        QTRY_VERIFY_WITH_TIMEOUT(bob.chat.messages(id).last().delivery == Delivery::Sent,
                                 kServerWaitMs);
        QCOMPARE(ann.bodies(id), QStringList{QStringLiteral("before")});
        annsNode->kill();

        QVERIFY2(ann.waitForBodies(id, {QStringLiteral("before"), QStringLiteral("meanwhile")}),
                 qPrintable(ann.bodies(id).join(u'|')));
        QCOMPARE(ann.account.linkState(), AccountClient::LinkState::Online);
        QCOMPARE(ann.account.connectedAddress(), otherNode->url());
        QCOMPARE(ann.account.account()->session.id, sessionBefore);
        QCOMPARE(signIns.count(), 0);  // resumed, never signed in anew
        const QList<SessionInfo> sessions = listSessions(ann.account);
        QCOMPARE(sessions.size(), 1);
        QCOMPARE(sessions.first().id, sessionBefore);
        QCOMPARE(ann.account.server(), both);  // still the one server, under its primary address
    }

    // Signing in again with the same addresses starts at the address that worked last (sticky);
    // when its node is gone by then, the sign-in goes through the other one at once.
    void signInMovesPastADeadNode() {
        for (auto& node : nodes_) {  // the previous test killed one
            QVERIFY2(node->isRunning() || node->start(), qPrintable(node->log()));
        }
        const ServerAddresses both(QList<QUrl>{nodes_[0]->url(), nodes_[1]->url()});
        AccountClient cal;
        const QString username = uniqueUsername(QStringLiteral("cal"));
        QVERIFY(registerAccount(cal, both, username, QStringLiteral("Desk")));
        ServerProcess* calsNode = nodeAt(cal.connectedAddress());
        QVERIFY(calsNode);
        QSignalSpy signedOut(&cal, &AccountClient::signedOut);
        cal.logout();
        QVERIFY(signedOut.wait(kServerWaitMs));
        calsNode->kill();
        UserError error;
        QVERIFY2(login(cal, both, username, QStringLiteral("Laptop"), kPassword, &error),
                 qPrintable(error.message));
        QVERIFY(cal.connectedAddress() != calsNode->url());
        QVERIFY(nodeAt(cal.connectedAddress()));
    }
};

QTEST_GUILESS_MAIN(TestClusterClient)
#include "tst_cluster_client.moc"
