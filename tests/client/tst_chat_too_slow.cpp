// A client that fell behind reading is closed by the server with 4003 (docs/protocol.md section 6)
// and must come back by itself, without alarming its user: no sign-out, and every message it
// missed shown once, in order, after its `sync`.
#include <QDeadlineTimer>
#include <QThread>
#include <QtTest>
#include <atomic>
#include <thread>
#include <vector>

#include "chat_test_support.h"
#include "close_codes.h"
#include "core/server_connection.h"
#include "protocol_spec.h"
#include "raw_ws_connection.h"
#include "server_process.h"

using namespace natter;
using namespace natter::test;
using natter::test::presence::RawWsConnection;

namespace {

constexpr int kMaxOutboundBytes = 256 * 1024;  // small, so a short flood crosses it
constexpr int kPhones = 4;                     // each with its own request budget
constexpr int kMaxFloodMessages = 200;         // per phone
constexpr int kFloodMs = 20'000;
constexpr int kRateLimitPauseMs = 50;
constexpr int kCallTimeoutMs = 5'000;

// Another device of `username` sends large messages to the conversation from its own thread until
// `stop`; returns the bodies the server accepted.
QStringList flood(const QUrl& url, const QString& username, const QString& conversationId,
                  int phoneNumber, const std::atomic<bool>& stop) {
    RawWsConnection phone;
    const QJsonObject login{{QStringLiteral("username"), username},
                            {QStringLiteral("password"), kPassword},
                            {QStringLiteral("device_name"), QStringLiteral("Phone")}};
    if (!phone.open(url, kCallTimeoutMs) ||
        !phone.call(QStringLiteral("l"), spec::method::kAuthLogin, login, kServerWaitMs)
             .contains(QStringLiteral("result"))) {
        return {};
    }
    QString filler;  // 4,000 characters in all, of four UTF-8 bytes each
    for (int i = 0; i < 4'000 - 8; ++i) {
        filler += QStringLiteral("\U0001F600");
    }
    QStringList sent;
    for (int i = 0; !stop && i < kMaxFloodMessages; ++i) {
        const QString clientId =
            QStringLiteral("%1-%2").arg(phoneNumber).arg(i, 5, 10, QChar(u'0'));
        const QString body = clientId + u' ' + filler;
        const QJsonObject params{{QStringLiteral("conversation_id"), conversationId},
                                 {QStringLiteral("client_message_id"), clientId},
                                 {QStringLiteral("type"), QStringLiteral("text")},
                                 {QStringLiteral("body"), body}};
        const QJsonObject answer =
            phone.call(QString::number(i), spec::method::kMessagesSend, params, kCallTimeoutMs);
        if (answer.contains(QStringLiteral("result"))) {
            sent << body;
        } else {
            QThread::msleep(kRateLimitPauseMs);  // rate_limited: the request budget refills
        }
    }
    return sent;
}

}  // namespace

class TestChatTooSlow : public QObject {
    Q_OBJECT

private slots:
    void reconnectsAtOnceAndCatchesUpAfter4003() {
        ServerProcess server(
            {QStringLiteral("--max-outbound-bytes"), QString::number(kMaxOutboundBytes)});
        QVERIFY(server.start());
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(server.url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server.url(), QStringLiteral("bob")));
        const QString id = bob.startPrivateChat(ann, QStringLiteral("hello"));
        QVERIFY(!id.isEmpty());
        bob.account.setAutoReconnect(false);
        bob.account.connection()->close();  // only Ann's client is under test from here on

        QSignalSpy annStates(&ann.account, &AccountClient::linkStateChanged);
        QSignalSpy annClosed(ann.account.connection(), &ServerConnection::closed);
        QSignalSpy signedOut(&ann.account, &AccountClient::signedOut);
        // This thread, Ann's client's, is busy (reads nothing) while Bob's phone floods.
        std::atomic<bool> stop = false;
        std::vector<QStringList> sentBy(kPhones);
        std::vector<std::thread> phones;
        for (int i = 0; i < kPhones; ++i) {
            phones.emplace_back(
                [&, i] { sentBy[i] = flood(server.url(), bob.user.username, id, i, stop); });
        }
        const QDeadlineTimer deadline(kFloodMs);
        while (!server.log().contains(QStringLiteral("event=net.too_slow")) &&
               !deadline.hasExpired()) {
            QThread::msleep(20);
        }
        stop = true;
        QStringList expected{QStringLiteral("hello")};
        for (int i = 0; i < kPhones; ++i) {
            phones[i].join();
            expected += sentBy[i];
        }
        expected.sort();  // the phones' messages interleave in an order only the server knows
        QVERIFY2(server.log().contains(QStringLiteral("event=net.too_slow")),
                 "the server never found Ann's client too slow");

        const auto annSorted = [&] {
            QStringList bodies = ann.bodies(id);
            bodies.sort();
            return bodies;
        };
        QVERIFY2(QTest::qWaitFor([&] { return annSorted() == expected; }, kServerWaitMs),
                 qPrintable(QStringLiteral("%1 of %2 messages")
                                .arg(ann.bodies(id).size())
                                .arg(expected.size())));
        QVERIFY(isContiguousFromOne(ann.seqs(id)));
        QTRY_COMPARE(ann.account.linkState(), AccountClient::LinkState::Online);
        QVERIFY(annStates.contains({QVariant::fromValue(AccountClient::LinkState::Connecting)}));
        // The fast path: the client read the 4003 close frame although it was writing (its
        // delivered markers) while the server closed, and went straight from Online to Connecting.
        // After a close it cannot explain it would show Offline and wait for its backoff.
        QVERIFY(!annClosed.isEmpty());
        QCOMPARE(annClosed.first().first().toInt(), close_code::kTooSlow);
        QVERIFY2(!annStates.contains({QVariant::fromValue(AccountClient::LinkState::Offline)}),
                 "the client showed Offline: it did not see 4003 and waited for its backoff");
        QCOMPARE(signedOut.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestChatTooSlow)
#include "tst_chat_too_slow.moc"
