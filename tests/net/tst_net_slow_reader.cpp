// A member whose connections stop reading must not make the server's memory grow without bound
// (docs/protocol.md section 2, max-outbound-bytes; section 6, close code 4003), and must not slow
// down anyone else: the other members keep receiving every message.
#include <QElapsedTimer>
#include <QJsonArray>
#include <QTimer>
#include <QtTest>
#include <memory>
#include <vector>

#include "chat_checks.h"
#include "chat_server.h"
#include "net_test_support.h"
#include "protocol_spec.h"
#include "raw_ws_connection.h"

using namespace natter::test;
using namespace natter::test::chat;
using natter::test::presence::RawWsConnection;

namespace {

// Small so the test is quick; the defaults are 4 MiB per connection and 256 MiB in all.
constexpr qint64 kMaxOutboundBytes = 256 * 1024;
constexpr qint64 kMaxOutboundTotalBytes = 1024 * 1024;
constexpr qint64 kUnlimited = qint64(1) << 40;
constexpr int kSlowConnections = 6;
constexpr int kFillerMessages = 30;
constexpr int kAttackTickMs = 50;
constexpr int kAttackTicks = 60;
constexpr int kLiveMessages = 15;
// Each slow connection may hold the cap plus the one answer that crossed it (kFillerMessages of
// 4,000 two-byte characters: ~250 KB), queued in memory until the server gives up on it. Without
// the cap the history answers alone would queue ~kSlowConnections * kAttackTicks * 250 KB, about
// 90 MB. The bound leaves room for allocator and database caches.
constexpr qint64 kRssGrowthBoundKiB = 32 * 1024;
constexpr int kWaitMs = 15'000;
constexpr int kSettleMs = 500;

}  // namespace

class TestNetSlowReader : public QObject {
    Q_OBJECT

private slots:
    void slowReadersAreCutOffAndMemoryStaysBounded_data();
    void slowReadersAreCutOffAndMemoryStaysBounded();

private:
    QString startGroup();
    std::vector<std::unique_ptr<RawWsConnection>> openSlowConnections();

    std::unique_ptr<ChatServer> server_;
    QList<ChatUser> users_;  // bob sends, carol reads normally, sam stops reading
    int lastFillerSeq_ = 0;
};

QString TestNetSlowReader::startGroup() {
    users_ = server_->registerUsers(QStringLiteral("slow"), 3);
    if (users_.size() != 3) {
        return {};
    }
    const QJsonObject created = users_[0].client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("readers"), {users_[1].userId, users_[2].userId},
                          QStringLiteral("hello")));
    const QString conversationId = idOf(conversationOf(created));
    const QString filler(4'000, QChar(0x00e9));  // two UTF-8 bytes each
    for (int i = 0; i < kFillerMessages; ++i) {
        const QJsonObject sent =
            sendText(*users_[0].client, toConversation(conversationId), filler);
        if (!isResult(sent)) {
            return {};
        }
        lastFillerSeq_ = seqOf(messageOf(sent));
    }
    return conversationId;
}

std::vector<std::unique_ptr<RawWsConnection>> TestNetSlowReader::openSlowConnections() {
    std::vector<std::unique_ptr<RawWsConnection>> slow;
    for (int i = 0; i < kSlowConnections; ++i) {
        auto connection = std::make_unique<RawWsConnection>();
        if (!connection->open(server_->url(), WsTestClient::kDefaultTimeoutMs) ||
            !isResult(connection->call(QStringLiteral("r"), spec::method::kAuthResume,
                                       resumeParams(users_[2].token),
                                       WsTestClient::kDefaultTimeoutMs))) {
            return {};
        }
        connection->pauseReading();
        slow.push_back(std::move(connection));
    }
    return slow;
}

void TestNetSlowReader::slowReadersAreCutOffAndMemoryStaysBounded_data() {
    QTest::addColumn<qint64>("perConnection");
    QTest::addColumn<qint64>("total");
    QTest::newRow("max-outbound-bytes") << kMaxOutboundBytes << kUnlimited;
    // Each slow connection alone stays under its cap; together they cross the node's.
    QTest::newRow("max-outbound-total-bytes") << kUnlimited << kMaxOutboundTotalBytes;
}

void TestNetSlowReader::slowReadersAreCutOffAndMemoryStaysBounded() {
    QFETCH(qint64, perConnection);
    QFETCH(qint64, total);
    server_ = std::make_unique<ChatServer>(
        QStringList{QStringLiteral("--max-outbound-bytes"), QString::number(perConnection),
                    QStringLiteral("--max-outbound-total-bytes"), QString::number(total)});
    QCOMPARE(server_->start(), QString());
    const QString conversationId = startGroup();
    QVERIFY(!conversationId.isEmpty());
    auto slow = openSlowConnections();
    QCOMPARE(int(slow.size()), kSlowConnections);
    WsTestClient* bob = server_->resume(users_[0].token);  // a fresh request budget
    QVERIFY(bob);
    // Carol's copies of the filler may still be on their way on a loaded machine; counted after
    // they are all in, so that only the live messages come after carolSeen.
    QVERIFY(!waitForMessageSeq(*users_[1].client, conversationId, lastFillerSeq_).isEmpty());
    const int carolSeen = int(eventsNamed(*users_[1].client, spec::event::kMessageNew).size());

    const qint64 baselineKiB = net::residentKiB(server_->process().pid());
    QVERIFY(baselineKiB > 0);
    qint64 peakKiB = baselineKiB;
    QTimer sampler;
    connect(&sampler, &QTimer::timeout, this,
            [&] { peakKiB = qMax(peakKiB, net::residentKiB(server_->process().pid())); });
    sampler.start(20);

    // Every tick, each slow connection asks for a large page it will never read (at the request
    // rate a connection may keep up: kRequestRatePerSecond), and bob says something.
    const QJsonObject page{{QStringLiteral("conversation_id"), conversationId},
                           {QStringLiteral("limit"), 100}};
    QStringList live;
    int tick = 0;
    QTimer attack;
    connect(&attack, &QTimer::timeout, this, [&] {
        for (auto& connection : slow) {
            connection->send(QStringLiteral("h%1").arg(tick), spec::method::kMessagesHistory, page);
        }
        if (tick < kLiveMessages) {
            live << QStringLiteral("live %1").arg(tick);
            bob->sendRequest(QStringLiteral("s%1").arg(tick), spec::method::kMessagesSend,
                             textParams(toConversation(conversationId), live.last()));
        }
        if (++tick == kAttackTicks) {
            attack.stop();
        }
    });
    attack.start(kAttackTickMs);
    QTRY_VERIFY_WITH_TIMEOUT(!attack.isActive(), kWaitMs);
    const auto carolBodies = [&] {
        QStringList bodies;
        const auto events = eventsNamed(*users_[1].client, spec::event::kMessageNew);
        for (qsizetype i = carolSeen; i < events.size(); ++i) {
            bodies << events[i]
                          .value(QStringLiteral("data"))
                          .toObject()
                          .value(QStringLiteral("message"))
                          .toObject()
                          .value(QStringLiteral("body"))
                          .toString();
        }
        return bodies;
    };
    QTRY_COMPARE_WITH_TIMEOUT(carolBodies(), live, kWaitMs);
    QTest::qWait(kSettleMs);  // the server may still be answering the last requests
    sampler.stop();
    qInfo("server RSS: %lld KiB before, %lld KiB at most while attacked", baselineKiB, peakKiB);
    QVERIFY2(peakKiB - baselineKiB < kRssGrowthBoundKiB,
             qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(peakKiB - baselineKiB)));

    // Reading again, each slow connection finds what was queued, then the close frame; unless it
    // wrote after the server closed the socket (it kept asking), which resets the connection.
    for (auto& connection : slow) {
        connection->resumeReading();
    }
    for (auto& connection : slow) {
        const int outcome = connection->readUntilClosed(kWaitMs);
        QVERIFY2(outcome == spec::close_code::kTooSlow || outcome == RawWsConnection::kDropped,
                 qPrintable(QStringLiteral("slow connection ended with %1").arg(outcome)));
    }
    QVERIFY(server_->logTail(200).contains(QStringLiteral("event=net.too_slow")));
    NATTER_VERIFY_RESULT(users_[1].client->call(spec::method::kConversationsList));  // still served
}

QTEST_GUILESS_MAIN(TestNetSlowReader)
#include "tst_net_slow_reader.moc"
