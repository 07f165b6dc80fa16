// On SIGTERM every connection gets the close frame 1001 (docs/protocol.md section 6), also while
// the server is busy delivering a flood of messages to it.
#include <signal.h>
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

constexpr int kListeners = 6;
constexpr int kFloodMessages = 40;  // kRequestBurst: all admitted at once
constexpr int kGoingAway = 1001;
constexpr int kCloseWaitMs = 10'000;

}  // namespace

class TestNetShutdown : public QObject {
    Q_OBJECT

private slots:
    void everyConnectionSees1001WhileFlooded();
};

void TestNetShutdown::everyConnectionSees1001WhileFlooded() {
    ChatServer server;
    QCOMPARE(server.start(), QString());
    const QList<ChatUser> users = server.registerUsers(QStringLiteral("bye"), 2);
    QCOMPARE(users.size(), 2);
    const QJsonObject created = users[0].client->call(
        method::kCreateGroup, createGroupParams(QStringLiteral("bye"), {users[1].userId},
                                                QStringLiteral("hello")));
    const QString conversationId = idOf(conversationOf(created));
    QVERIFY(!conversationId.isEmpty());
    QList<WsTestClient*> listeners;
    for (int i = 0; i < kListeners; ++i) {
        listeners << server.resume(users[1].token);
        QVERIFY(listeners.last());
    }
    const QString body(2'000, u'x');
    for (int i = 0; i < kFloodMessages; ++i) {
        users[0].client->sendRequest(QStringLiteral("f%1").arg(i), method::kSend,
                                     textParams(toConversation(conversationId), body));
    }
    // Wait until the flood is being delivered, then ask the server to stop.
    QTRY_VERIFY(!eventsNamed(*listeners.first(), event::kMessageNew).isEmpty());
    QCOMPARE(::kill(pid_t(server.process().pid()), SIGTERM), 0);
    for (WsTestClient* listener : listeners) {
        QVERIFY(listener->waitForDisconnected(kCloseWaitMs));
        QVERIFY2(listener->closedByServer(), "no close frame: the connection was dropped");
        QCOMPARE(listener->closeCode(), kGoingAway);
    }
    QCOMPARE(server.process().stop(), 0);
}

QTEST_GUILESS_MAIN(TestNetShutdown)
#include "tst_net_shutdown.moc"
