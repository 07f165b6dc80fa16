// On SIGTERM every connection gets the close frame 1001 (docs/protocol.md section 6), also while
// the server is busy delivering a flood of messages to it.
#include <signal.h>
#include <QtTest>
#include <memory>
#include <vector>

#include "chat_checks.h"
#include "chat_server.h"
#include "protocol_spec.h"
#include "raw_ws_connection.h"

using namespace natter::test;
using namespace natter::test::chat;
using natter::test::presence::RawWsConnection;

namespace {

constexpr int kListeners = 2;
constexpr int kPagesEach = 10;      // of 100 messages of 8 KB
constexpr int kFlooders = 3;        // connections of the sender, each with its own request budget
constexpr int kFloodMessages = 40;  // per flooder: kRequestBurst, all admitted at once
constexpr int kCloseWaitMs = 10'000;
constexpr int kAnswerPagesMs = 500;  // long enough for the server to answer the pages

}  // namespace

class TestNetShutdown : public QObject {
    Q_OBJECT

private slots:
    void everyConnectionSees1001WhileFlooded();
};

void TestNetShutdown::everyConnectionSees1001WhileFlooded() {
    ChatServer server{{QStringLiteral("--max-outbound-bytes"), QString::number(64 << 20)}};
    QCOMPARE(server.start(), QString());
    const QList<ChatUser> users = server.registerUsers(QStringLiteral("bye"), 2);
    QCOMPARE(users.size(), 2);
    const QJsonObject created = users[0].client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("bye"), {users[1].userId}, QStringLiteral("hello")));
    const QString conversationId = idOf(conversationOf(created));
    QVERIFY(!conversationId.isEmpty());
    // Raw connections whose reading this test controls: what the server has not handed to the
    // kernel when it stops is what a shutdown can lose.
    std::vector<std::unique_ptr<RawWsConnection>> listeners;
    for (int i = 0; i < kListeners; ++i) {
        auto listener = std::make_unique<RawWsConnection>();
        QVERIFY(listener->open(server.url(), WsTestClient::kDefaultTimeoutMs));
        NATTER_VERIFY_RESULT(listener->call(QStringLiteral("r"), spec::method::kAuthResume,
                                            resumeParams(users[1].token),
                                            WsTestClient::kDefaultTimeoutMs));
        listener->pauseReading();
        listeners.push_back(std::move(listener));
    }
    QList<WsTestClient*> flooders{users[0].client};
    while (flooders.size() < kFlooders) {
        flooders << server.resume(users[0].token);
        QVERIFY(flooders.last());
    }
    const QString body(4'000, QChar(0x00e4));  // two UTF-8 bytes each
    for (WsTestClient* flooder : flooders) {
        for (int i = 0; i < kFloodMessages; ++i) {
            flooder->sendRequest(QStringLiteral("f%1").arg(i), spec::method::kMessagesSend,
                                 textParams(toConversation(conversationId), body));
        }
    }
    // Once the flood is stored, every listener also asks for large pages, so the server holds
    // more for it than the kernel buffers take when it is asked to stop.
    for (WsTestClient* flooder : flooders) {
        QTRY_COMPARE(flooder->responseCount(QStringLiteral("f%1").arg(kFloodMessages - 1)), 1);
    }
    const QJsonObject page{{QStringLiteral("conversation_id"), conversationId},
                           {QStringLiteral("limit"), 100}};
    for (auto& listener : listeners) {
        for (int i = 0; i < kPagesEach; ++i) {
            listener->send(QStringLiteral("p%1").arg(i), spec::method::kMessagesHistory, page);
        }
    }
    QTest::qWait(kAnswerPagesMs);
    QCOMPARE(::kill(pid_t(server.process().pid()), SIGTERM), 0);
    for (auto& listener : listeners) {
        listener->resumeReading();  // all at once, as independent clients would
    }
    for (auto& listener : listeners) {
        QCOMPARE(listener->readUntilClosed(kCloseWaitMs), spec::close_code::kGoingAway);
    }
    QTRY_VERIFY(!server.process().isRunning());
    QVERIFY(server.process().log().contains(QStringLiteral("event=server.stopped")));
}

QTEST_GUILESS_MAIN(TestNetShutdown)
#include "tst_net_shutdown.moc"
