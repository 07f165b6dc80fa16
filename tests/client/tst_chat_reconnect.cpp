// Losing the server and getting it back: the client reconnects on its own, resumes the same
// session, catches up with `sync` without gap or duplicate, and its outbox sends what was
// written meanwhile exactly once. The server is restarted on the same port and data dir.
#include <QtTest>

#include "chat_test_support.h"
#include "server_process.h"

using namespace natter;
using namespace natter::test;

class TestChatReconnect : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(startOnFreePort(server_)); }
    void cleanup() { server_.reset(); }

    void backoffGrowsWithJitterUpToTheCap() {
        ReconnectScheduler scheduler;
        QList<int> bases;
        for (int i = 0; i < 8; ++i) {
            bases << scheduler.nextBaseDelayMs();
            scheduler.scheduleRetry();
            QVERIFY(scheduler.isWaiting());
            QVERIFY(scheduler.secondsUntilRetry() >= 1);
        }
        QCOMPARE(bases, (QList<int>{1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000}));
        scheduler.reset();
        QVERIFY(!scheduler.isWaiting());
        QCOMPARE(scheduler.nextBaseDelayMs(), 1000);
        for (int i = 0; i < 50; ++i) {
            const int delay = ReconnectScheduler::withJitter(4000);
            QVERIFY(delay >= 4000 && delay <= 5000);
        }
    }

    // While Ann's own link is down nobody shows online to her (no dot, no "online"): she could
    // not hear of changes. Back online, the server's snapshot shows Bob online again.
    void presenceIsUnknownWhileOffline() {
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(server_->url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        const QString id = bob.startPrivateChat(ann, QStringLiteral("hi"));
        QVERIFY(!id.isEmpty());
        ConversationListModel chats;
        chats.connectTo(&ann.chat);
        const auto listed = [&] { return listedPresence(chats, id); };
        QTRY_VERIFY_WITH_TIMEOUT(ann.chat.presence(bob.user.id).isOnline(), kServerWaitMs);
        QCOMPARE(listed(), Presence::Status::Online);

        QCOMPARE(server_->stop(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(ann.account.linkState() != AccountClient::LinkState::Online,
                                 kServerWaitMs);
        QCOMPARE(ann.chat.presence(bob.user.id).status, Presence::Status::Unknown);
        QCOMPARE(listed(), Presence::Status::Unknown);

        QVERIFY(server_->start());
        QTRY_VERIFY_WITH_TIMEOUT(ann.chat.presence(bob.user.id).isOnline(), 3 * kServerWaitMs);
        QCOMPARE(listed(), Presence::Status::Online);
    }

    // Bob's other device writes while Ann's client is cut off; Ann's client comes back by itself
    // and shows all of it once, in order.
    void reconnectCatchesUpWithoutGapOrDuplicate() {
        ChatPeer ann;
        ChatPeer bob;
        ann.chat.setSyncPageSize(10);  // so catching up takes several sync calls
        QVERIFY(ann.signUp(server_->url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        const QString sessionBefore = ann.account.account()->session.id;
        QStringList expected;
        for (int i = 1; i <= 3; ++i) {
            expected << QStringLiteral("before %1").arg(i);
            bob.chat.sendTextToUser(ann.user, expected.last());
        }
        const QString id = bob.waitForPrivateChatWith(ann.user);
        QVERIFY(ann.waitForBodies(id, expected));

        QSignalSpy annStates(&ann.account, &AccountClient::linkStateChanged);
        QCOMPARE(server_->stop(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(ann.account.linkState(), AccountClient::LinkState::Offline,
                                  kServerWaitMs);
        QVERIFY(ann.account.isSignedIn());  // still signed in, just offline
        QTRY_VERIFY(ann.account.secondsUntilRetry() >= 1);
        QTest::qWait(2500);  // let the backoff grow past the first attempts
        QVERIFY(server_->start());

        // Meanwhile Bob writes more than one sync page holds (and fewer than the rate limit's
        // burst, so none of it is refused).
        AccountClient bobPhoneAccount;
        ChatClient bobPhone(&bobPhoneAccount);
        QVERIFY(login(bobPhoneAccount, server_->url(), bob.user.username, QStringLiteral("Phone")));
        QTRY_VERIFY_WITH_TIMEOUT(bobPhone.isReady(), kServerWaitMs);
        for (int i = 1; i <= 25; ++i) {
            expected << QStringLiteral("meanwhile %1").arg(i);
            bobPhone.sendText(id, expected.last());
        }
        QTRY_VERIFY_WITH_TIMEOUT(bobPhone.messages(id).last().delivery == Delivery::Sent,
                                 3 * kServerWaitMs);

        QTRY_COMPARE_WITH_TIMEOUT(ann.account.linkState(), AccountClient::LinkState::Online,
                                  2 * kServerWaitMs);
        QCOMPARE(ann.account.account()->session.id, sessionBefore);  // resumed, not a new login
        QVERIFY(annStates.contains({QVariant::fromValue(AccountClient::LinkState::Connecting)}));
        QVERIFY2(ann.waitForBodies(id, expected),
                 qPrintable(QString::number(ann.bodies(id).size())));
        QVERIFY(isContiguousFromOne(ann.seqs(id)));
        QCOMPARE(ann.chat.conversation(id)->lastMessage->body, QStringLiteral("meanwhile 25"));
    }

    // Written while the server is down: shown as pending, sent once when it is back.
    void outboxSendsOfflineMessagesExactlyOnce() {
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(server_->url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        ann.chat.sendTextToUser(bob.user, QStringLiteral("first"));
        const QString id = ann.waitForPrivateChatWith(bob.user);
        QVERIFY(bob.waitForBodies(id, {QStringLiteral("first")}));

        QCOMPARE(server_->stop(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(ann.account.linkState(), AccountClient::LinkState::Offline,
                                  kServerWaitMs);
        const QString written = ann.chat.sendText(id, QStringLiteral("written offline"));
        QVERIFY(!written.isEmpty());
        QCOMPARE(ann.chat.messages(id).last().delivery, Delivery::Pending);
        QTest::qWait(1500);
        QCOMPARE(ann.chat.messages(id).last().delivery, Delivery::Pending);  // still waiting
        QVERIFY(server_->start());

        const QStringList both{QStringLiteral("first"), QStringLiteral("written offline")};
        QVERIFY(ann.waitForBodies(id, both));
        QTRY_COMPARE_WITH_TIMEOUT(ann.chat.messages(id).last().delivery, Delivery::Sent,
                                  2 * kServerWaitMs);
        QCOMPARE(ann.chat.messages(id).last().clientMessageId, written);
        QVERIFY(bob.waitForBodies(id, both));
        // A device that reads the history from the server finds it once.
        AccountClient bobLaptopAccount;
        ChatClient bobLaptop(&bobLaptopAccount);
        QVERIFY(
            login(bobLaptopAccount, server_->url(), bob.user.username, QStringLiteral("Laptop")));
        QTRY_VERIFY_WITH_TIMEOUT(bobLaptop.isReady(), kServerWaitMs);
        QSignalSpy pages(&bobLaptop, &ChatClient::olderMessagesLoaded);
        bobLaptop.loadOlderMessages(id);
        QVERIFY(pages.wait(kServerWaitMs));
        QCOMPARE(bobLaptop.messages(id).size(), 2);
        QCOMPARE(bobLaptop.messages(id).last().body, QStringLiteral("written offline"));
    }

    // Revoked while offline: the reconnect's auth.resume is refused and the client signs out.
    void revokedWhileOfflineSignsOut() {
        ChatPeer ann;
        QVERIFY(ann.signUp(server_->url(), QStringLiteral("ann")));
        AccountClient other;
        QVERIFY(login(other, server_->url(), ann.user.username, QStringLiteral("Other")));
        ann.account.connection()->close();  // cut this device off without signing out
        QTRY_COMPARE(ann.account.linkState(), AccountClient::LinkState::Offline);
        QSignalSpy signedOut(&ann.account, &AccountClient::signedOut);
        QSignalSpy revoked(&other, &AccountClient::otherSessionsRevoked);
        other.revokeOtherSessions();
        QVERIFY(revoked.wait(kServerWaitMs));
        QVERIFY(signedOut.wait(2 * kServerWaitMs));
        QCOMPARE(signedOut.first().first().value<AccountClient::SignOutReason>(),
                 AccountClient::SignOutReason::RevokedElsewhere);
        QVERIFY(ann.chat.conversations().isEmpty());
    }

private:
    std::unique_ptr<ServerProcess> server_;
};

QTEST_GUILESS_MAIN(TestChatReconnect)
#include "tst_chat_reconnect.moc"
