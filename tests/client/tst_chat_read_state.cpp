// Read state, receipts, presence and typing between real clients of a real natter-server
// (docs/protocol.md 5.4, 5.5): what makes badges, "Seen", presence dots and "typing…" right.
#include <QtTest>

#include "chat_test_support.h"
#include "protocol_limits.h"
#include "server_process.h"

using namespace natter;
using namespace natter::test;

namespace {

// Presence goes offline only after the server's grace period; leave room for a busy machine.
constexpr int kOfflineWaitMs = limits::kPresenceOfflineGraceMs + 10'000;

}  // namespace

class TestChatReadState : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(server_.start(), qPrintable(server_.log())); }
    void cleanupTestCase() { QCOMPARE(server_.stop(), 0); }

    // Ann writes; Bob's unread count rises on both his devices; reading on one clears the
    // badge on the other, and Ann sees that Bob has read her messages.
    void readingOnOneDeviceClearsEveryDevice() {
        ChatPeer ann;
        ChatPeer bob;
        ChatPeer bobPhone;
        QVERIFY(ann.signUp(server_.url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bob")));
        QVERIFY(bobPhone.signIn(server_.url(), bob.user.username, QStringLiteral("Phone")));
        QSignalSpy totals(&bob.chat, &ChatClient::totalUnreadChanged);

        ann.chat.sendTextToUser(bob.user, QStringLiteral("one"));
        const QString id = bob.waitForPrivateChatWith(ann.user);
        QVERIFY(!id.isEmpty());
        QVERIFY(acceptChatRequest(bob.chat, ann.user));  // a request sends no receipts (5.6)
        ann.chat.sendText(id, QStringLiteral("two"));
        ann.chat.sendText(id, QStringLiteral("three"));
        QTRY_COMPARE_WITH_TIMEOUT(bob.unread(id), 3, kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(bobPhone.unread(id), 3, kServerWaitMs);
        QCOMPARE(bob.chat.totalUnread(), 3);
        QVERIFY(!totals.isEmpty());
        QCOMPARE(totals.last().first().toInt(), 3);
        QCOMPARE(ann.unread(id), 0);  // one's own messages never count
        QCOMPARE(ann.chat.conversation(id)->readPositions.value(bob.user.id), 0);

        bob.chat.markRead(id, 2);
        QTRY_COMPARE_WITH_TIMEOUT(bobPhone.unread(id), 1, kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(ann.chat.conversation(id)->readPositions.value(bob.user.id), 2,
                                  kServerWaitMs);
        bob.chat.markRead(id, 3);
        QTRY_COMPARE_WITH_TIMEOUT(bobPhone.unread(id), 0, kServerWaitMs);
        QCOMPARE(bobPhone.chat.totalUnread(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(bob.unread(id), 0, kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(ann.chat.conversation(id)->readPositions.value(bob.user.id), 3,
                                  kServerWaitMs);
        // Never backwards: an older position changes nothing anywhere.
        bob.chat.markRead(id, 1);
        ann.chat.sendText(id, QStringLiteral("four"));
        QTRY_COMPARE_WITH_TIMEOUT(bobPhone.unread(id), 1, kServerWaitMs);
        QCOMPARE(bob.chat.conversation(id)->lastReadSeq, 3);
        QCOMPARE(ann.chat.conversation(id)->readPositions.value(bob.user.id), 3);

        // A device that signs in later gets the count from the listing.
        ChatPeer bobTablet;
        QVERIFY(bobTablet.signIn(server_.url(), bob.user.username, QStringLiteral("Tablet")));
        QCOMPARE(bobTablet.unread(id), 1);
        QCOMPARE(bobTablet.chat.conversation(id)->lastReadSeq, 3);
    }

    // In a group each member's marker is known to the others.
    void groupMembersSeeWhoHasRead() {
        ChatPeer ann;
        ChatPeer bob;
        ChatPeer cleo;
        QVERIFY(ann.signUp(server_.url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bob")));
        QVERIFY(cleo.signUp(server_.url(), QStringLiteral("cleo")));
        QSignalSpy created(&ann.chat, &ChatClient::groupCreated);
        ann.chat.createGroup(QStringLiteral("Trio"), {bob.user.id, cleo.user.id},
                             QStringLiteral("hello all"));
        QVERIFY(created.wait(kServerWaitMs));
        const QString id = created.first().first().value<Conversation>().id;
        QTRY_COMPARE_WITH_TIMEOUT(cleo.unread(id), 1, kServerWaitMs);  // the note does not count
        cleo.chat.markRead(id, 2);
        QTRY_COMPARE_WITH_TIMEOUT(ann.chat.conversation(id)->readPositions.value(cleo.user.id), 2,
                                  kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(bob.chat.conversation(id)->readPositions.value(cleo.user.id), 2,
                                  kServerWaitMs);
        QCOMPARE(ann.chat.conversation(id)->readPositions.value(bob.user.id), 0);
    }

    // Bob is online while signed in, offline (with a last-seen time) after the grace period,
    // and online again when he comes back.
    void presenceFollowsSignInAndOut() {
        ChatPeer ann;
        QVERIFY(ann.signUp(server_.url(), QStringLiteral("ann")));
        auto bob = std::make_unique<ChatPeer>();
        QVERIFY(bob->signUp(server_.url(), QStringLiteral("bob")));
        const UserInfo bobUser = bob->user;
        bob->chat.sendTextToUser(ann.user, QStringLiteral("hi"));
        QVERIFY(!ann.waitForPrivateChatWith(bobUser).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(ann.chat.presence(bobUser.id).isOnline(), kServerWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(bob->chat.presence(ann.user.id).isOnline(), kServerWaitMs);

        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
        bob->account.logout();
        QTRY_COMPARE_WITH_TIMEOUT(ann.chat.presence(bobUser.id).status, Presence::Status::Offline,
                                  kOfflineWaitMs);
        QVERIFY(ann.chat.presence(bobUser.id).lastSeenAt >= before);
        bob.reset();

        ChatPeer bobAgain;
        QVERIFY(bobAgain.signIn(server_.url(), bobUser.username, QStringLiteral("Desk")));
        QTRY_VERIFY_WITH_TIMEOUT(ann.chat.presence(bobUser.id).isOnline(), kServerWaitMs);
        // Presence is not a directory: a stranger stays unknown.
        ChatPeer stranger;
        QVERIFY(stranger.signUp(server_.url(), QStringLiteral("zed")));
        QCOMPARE(stranger.chat.presence(bobUser.id).status, Presence::Status::Unknown);
    }

    // Typing shows on the other side, ends when told, when the message arrives, or by itself.
    void typingReachesTheOtherSide() {
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(server_.url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bob")));
        ann.chat.sendTextToUser(bob.user, QStringLiteral("hi"));
        const QString id = bob.waitForPrivateChatWith(ann.user);
        QVERIFY(!ann.waitForPrivateChatWith(bob.user).isEmpty());

        const QStringList annTyping{ann.user.id};
        ann.chat.noteTyping(id);
        QTRY_COMPARE_WITH_TIMEOUT(bob.chat.typingUsers(id), annTyping, kServerWaitMs);
        QVERIFY(ann.chat.typingUsers(id).isEmpty());  // not told about oneself
        ann.chat.stopTyping(id);
        QTRY_VERIFY_WITH_TIMEOUT(bob.chat.typingUsers(id).isEmpty(), kServerWaitMs);

        ann.chat.noteTyping(id);
        QTRY_COMPARE_WITH_TIMEOUT(bob.chat.typingUsers(id), annTyping, kServerWaitMs);
        ann.chat.sendText(id, QStringLiteral("there"));  // the message ends it at once
        QVERIFY(bob.waitForBodies(id, {QStringLiteral("hi"), QStringLiteral("there")}));
        QVERIFY(bob.chat.typingUsers(id).isEmpty());

        // Not repeated: it expires on its own after the server's expires_in_ms.
        QTest::qWait(ChatClient::kTypingRepeatMs);  // the next notice is allowed again
        QSignalSpy typingChanged(&bob.chat, &ChatClient::typingChanged);
        ann.chat.noteTyping(id);
        QTRY_COMPARE_WITH_TIMEOUT(bob.chat.typingUsers(id), annTyping, kServerWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(bob.chat.typingUsers(id).isEmpty(), limits::kTypingTtlMs + 4'000);
        QCOMPARE(typingChanged.count(), 2);  // started, expired
    }

private:
    ServerProcess server_;
};

QTEST_GUILESS_MAIN(TestChatReadState)
#include "tst_chat_read_state.moc"
