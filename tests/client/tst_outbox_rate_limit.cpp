// The server's per-user message rate (docs/protocol.md 5.6: 1 message/s, burst 5): eight messages
// written at once all arrive, exactly once and in order, none marked failed; the outbox waits as
// the server tells it (rate_limited with retry_after_ms) instead of giving up or resending.
#include <QtTest>

#include "chat_test_support.h"
#include "server_process.h"

using namespace natter;
using namespace natter::test;

class TestOutboxRateLimit : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        // The real limit, not the lifted one most suites use.
        server_ = std::make_unique<ServerProcess>(
            QStringList{QStringLiteral("--message-rate"), QStringLiteral("1"),
                        QStringLiteral("--message-burst"), QStringLiteral("5")});
        QVERIFY2(server_->start(), qPrintable(server_->log()));
    }
    void cleanupTestCase() { server_.reset(); }

    void burstBeyondTheRateArrivesOnceInOrderWithoutFailures() {
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(server_->url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        bob.chat.sendTextToUser(ann.user, QStringLiteral("hi"));
        const QString id = ann.waitForPrivateChatWith(bob.user);
        QVERIFY(!id.isEmpty());

        QSignalSpy throttled(&ann.chat, &ChatClient::sendingThrottled);
        int failures = 0;
        connect(&ann.chat, &ChatClient::outgoingChanged, this,
                [&failures](const QString&, const ChatMessage& message) {
                    failures += message.delivery == Delivery::Failed ? 1 : 0;
                });
        QStringList expected{QStringLiteral("hi")};
        for (int i = 1; i <= 8; ++i) {
            expected << QStringLiteral("burst %1").arg(i);
            QVERIFY(!ann.chat.sendText(id, expected.last()).isEmpty());
        }
        // 5 at once, then one a second: well within the wait.
        QVERIFY(bob.waitForBodies(id, expected));
        QTRY_VERIFY_WITH_TIMEOUT(
            ann.bodies(id) == expected && ann.chat.messages(id).last().delivery == Delivery::Sent,
            kServerWaitMs);
        QCOMPARE(failures, 0);
        QVERIFY(throttled.count() >= 1);  // the server did push back, and the outbox waited
        QCOMPARE(bob.seqs(id), (QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9}));
        QCOMPARE(ann.seqs(id), bob.seqs(id));

        // Bob's new device sees the server's history: each message once.
        ChatPeer bobPhone;
        QVERIFY(bobPhone.signIn(server_->url(), bob.user.username, QStringLiteral("Phone")));
        bobPhone.chat.loadOlderMessages(id);
        QVERIFY(bobPhone.waitForBodies(id, expected));
    }

private:
    std::unique_ptr<ServerProcess> server_;
};

QTEST_GUILESS_MAIN(TestOutboxRateLimit)
#include "tst_outbox_rate_limit.moc"
