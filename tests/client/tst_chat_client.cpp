// ChatClient against the real natter-server: two people chat privately and in a group, the
// group's owner manages it, and refusals mark messages failed.
#include <QtTest>

#include "chat_test_support.h"
#include "server_process.h"

using namespace natter;
using namespace natter::test;

class TestChatClient : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(server_.start(), qPrintable(server_.log())); }
    void cleanupTestCase() { QCOMPARE(server_.stop(), 0); }

    void privateChatArrivesInOrderOnBothSides() {
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(server_.url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bob")));

        const QStringList first{QStringLiteral("hi Bob"), QStringLiteral("are you there?"),
                                QStringLiteral("third")};
        for (const QString& text : first) {
            QVERIFY(!ann.chat.sendTextToUser(bob.user, text).isEmpty());
        }
        // Unsent at first: shown under Bob's user id until the chat exists.
        QCOMPARE(ann.chat.messages(bob.user.id).size(), 3);
        QCOMPARE(ann.chat.messages(bob.user.id).first().delivery, Delivery::Pending);

        const QString annSide = ann.waitForPrivateChatWith(bob.user);
        QVERIFY(!annSide.isEmpty());
        const QString bobSide = bob.waitForPrivateChatWith(ann.user);
        QCOMPARE(bobSide, annSide);
        QVERIFY2(bob.waitForBodies(bobSide, first), qPrintable(bob.bodies(bobSide).join(u'|')));
        QVERIFY(ann.waitForBodies(annSide, first));
        // The last one may still be waiting for its answer (pending, seq 0) when Bob has it.
        QTRY_COMPARE_WITH_TIMEOUT(ann.seqs(annSide), (QList<qint64>{1, 2, 3}), kServerWaitMs);
        QVERIFY(ann.chat.messages(bob.user.id).isEmpty());
        QCOMPARE(bob.chat.conversation(bobSide)->name, ann.user.displayName);

        QVERIFY(!bob.chat.sendText(bobSide, QStringLiteral("yes, here")).isEmpty());
        QVERIFY(ann.waitForBodies(annSide, first + QStringList{QStringLiteral("yes, here")}));
        // Bob's answer and Ann's event travel apart: the answer may come second.
        QTRY_COMPARE_WITH_TIMEOUT(bob.seqs(bobSide), (QList<qint64>{1, 2, 3, 4}), kServerWaitMs);
        const ChatMessage reply = ann.chat.messages(annSide).last();
        QCOMPARE(reply.sender->id, bob.user.id);
        QCOMPARE(ann.chat.conversation(annSide)->lastMessage->body, QStringLiteral("yes, here"));
    }

    void olderHistoryLoadsInPages() {
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(server_.url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bob")));
        QStringList sent;
        for (int i = 1; i <= 60; ++i) {
            sent << QStringLiteral("message %1").arg(i);
            ann.chat.sendTextToUser(bob.user, sent.last());
        }
        const QString id = ann.waitForPrivateChatWith(bob.user);
        QVERIFY(ann.waitForBodies(id, sent));
        QVERIFY(bob.waitForBodies(id, sent));  // every event delivered before the next device

        // A second device of Bob starts with the list only and pages back on demand.
        AccountClient laptop;
        ChatClient bobLaptop(&laptop);
        QVERIFY(login(laptop, server_.url(), bob.user.username, QStringLiteral("Laptop")));
        QTRY_VERIFY_WITH_TIMEOUT(bobLaptop.isReady(), kServerWaitMs);
        QVERIFY(bobLaptop.messages(id).isEmpty());
        QVERIFY(bobLaptop.hasOlderMessages(id));
        QSignalSpy pages(&bobLaptop, &ChatClient::olderMessagesLoaded);
        bobLaptop.loadOlderMessages(id);
        QVERIFY(pages.wait(kServerWaitMs));
        QCOMPARE(bobLaptop.messages(id).size(), 50);
        QCOMPARE(bobLaptop.messages(id).last().body, QStringLiteral("message 60"));
        bobLaptop.loadOlderMessages(id);
        QVERIFY(pages.wait(kServerWaitMs));
        QCOMPARE(bobLaptop.messages(id).size(), 60);
        QCOMPARE(bobLaptop.messages(id).first().seq, 1);
        QVERIFY(!bobLaptop.hasOlderMessages(id));
    }

    void groupMembersSeeEachOtherAndTheOwnerManagesIt() {
        ChatPeer owner;
        ChatPeer bob;
        ChatPeer cleo;
        QVERIFY(owner.signUp(server_.url(), QStringLiteral("olga")));
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bob")));
        QVERIFY(cleo.signUp(server_.url(), QStringLiteral("cleo")));

        QSignalSpy created(&owner.chat, &ChatClient::groupCreated);
        owner.chat.createGroup(QStringLiteral("Team"), {bob.user.id, cleo.user.id},
                               QStringLiteral("welcome"));
        QVERIFY(created.wait(kServerWaitMs));
        const QString id = created.first().first().value<Conversation>().id;
        QTRY_VERIFY_WITH_TIMEOUT(cleo.chat.conversation(id).has_value(), kServerWaitMs);
        QCOMPARE(cleo.chat.conversation(id)->members.size(), 3);
        QCOMPARE(cleo.chat.conversation(id)->ownerId, owner.user.id);

        QVERIFY(!bob.chat.sendText(id, QStringLiteral("hello all")).isEmpty());
        QVERIFY(!cleo.chat.sendText(id, QStringLiteral("hi!")).isEmpty());
        // Each sees the other's messages after the ones before, whatever order they crossed in.
        QTRY_COMPARE_WITH_TIMEOUT(owner.bodies(id).size(), 3, kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(cleo.bodies(id).size(), 3, kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(bob.bodies(id).size(), 3, kServerWaitMs);
        // Both of their messages stored (seq 3 and 4; my own unsent ones show seq 0).
        QTRY_COMPARE_WITH_TIMEOUT(cleo.seqs(id).last(), 4, kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(bob.seqs(id).last(), 4, kServerWaitMs);
        QCOMPARE(owner.seqs(id).last(), 4);
        QCOMPARE(bob.bodies(id), owner.bodies(id));
        QCOMPARE(owner.bodies(id).first(), QStringLiteral("welcome"));
        // The first page of history brings the group_created note in front.
        if (cleo.chat.hasOlderMessages(id)) {  // the note's event may have come first
            QSignalSpy older(&cleo.chat, &ChatClient::olderMessagesLoaded);
            cleo.chat.loadOlderMessages(id);
            QVERIFY(older.wait(kServerWaitMs));
        }
        QCOMPARE(cleo.chat.messages(id).first().seq, 1);
        QVERIFY(cleo.chat.messages(id).first().isSystem());

        owner.chat.renameGroup(id, QStringLiteral("Dream team"));
        QTRY_COMPARE_WITH_TIMEOUT(bob.chat.conversation(id)->name, QStringLiteral("Dream team"),
                                  kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(bob.chat.messages(id).last().meta.value(u"action").toString(),
                                  QStringLiteral("renamed"), kServerWaitMs);

        QSignalSpy removed(&cleo.chat, &ChatClient::conversationRemoved);
        owner.chat.removeMember(id, cleo.user.id);
        QVERIFY(removed.wait(kServerWaitMs));
        QVERIFY(!cleo.chat.conversation(id));
        QTRY_COMPARE_WITH_TIMEOUT(owner.chat.conversation(id)->members.size(), 2, kServerWaitMs);

        // Cleo's message to the group she left is refused and can be retried.
        QSignalSpy changed(&cleo.chat, &ChatClient::outgoingChanged);
        const QString refusedId = cleo.chat.sendText(id, QStringLiteral("still here?"));
        QTRY_VERIFY_WITH_TIMEOUT(cleo.chat.messages(id).size() == 1 &&
                                     cleo.chat.messages(id).first().delivery == Delivery::Failed,
                                 kServerWaitMs);
        QCOMPARE(cleo.chat.messages(id).first().failureText,
                 QStringLiteral("You are not a member of this conversation any more."));
        changed.clear();
        cleo.chat.retry(refusedId);
        QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, kServerWaitMs);  // pending, failed again
        QCOMPARE(cleo.chat.messages(id).first().delivery, Delivery::Failed);

        // Bob cannot manage the group; he can leave it.
        QSignalSpy failed(&bob.chat, &ChatClient::actionFailed);
        bob.chat.renameGroup(id, QStringLiteral("Mine now"));
        QVERIFY(failed.wait(kServerWaitMs));
        QCOMPARE(failed.first().first().toString(),
                 QStringLiteral("Only the group's owner can do this."));
        QSignalSpy bobRemoved(&bob.chat, &ChatClient::conversationRemoved);
        bob.chat.leaveGroup(id);
        QVERIFY(bobRemoved.wait(kServerWaitMs));
        QTRY_COMPARE_WITH_TIMEOUT(owner.chat.conversation(id)->members.size(), 1, kServerWaitMs);
    }

    // The answer to a send is lost (here: it comes after the client gave up waiting). The
    // client sends again with the same client_message_id; the server stores nothing new and
    // both sides see the message once.
    void lostAnswerIsRetriedWithoutDuplicate() {
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(server_.url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bob")));
        ann.chat.sendTextToUser(bob.user, QStringLiteral("first"));
        const QString id = ann.waitForPrivateChatWith(bob.user);
        QVERIFY(bob.waitForBodies(id, {QStringLiteral("first")}));

        ann.account.connection()->setRequestTimeout(0);  // every answer now comes "too late"
        const QString clientId = ann.chat.sendText(id, QStringLiteral("only once"));
        const QStringList both{QStringLiteral("first"), QStringLiteral("only once")};
        QVERIFY(bob.waitForBodies(id, both));  // the server stored it...
        QCOMPARE(ann.chat.messages(id).last().delivery, Delivery::Pending);  // ...unknown here
        ann.account.connection()->setRequestTimeout(ServerConnection::kDefaultRequestTimeoutMs);

        QTRY_COMPARE_WITH_TIMEOUT(ann.chat.messages(id).last().delivery, Delivery::Sent,
                                  kServerWaitMs);
        QCOMPARE(ann.chat.messages(id).last().clientMessageId, clientId);
        QCOMPARE(ann.seqs(id), (QList<qint64>{1, 2}));
        QTest::qWait(300);  // a duplicate would have been delivered by now
        QCOMPARE(bob.seqs(id), (QList<qint64>{1, 2}));
    }

    void searchAndRecentContacts() {
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(server_.url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bobby")));
        QSignalSpy found(&ann.chat, &ChatClient::usersFound);
        ann.chat.searchUsers(bob.user.username.left(12));
        QVERIFY(found.wait(kServerWaitMs));
        const auto users = found.first().at(1).value<QList<UserInfo>>();
        QCOMPARE(users.size(), 1);
        QCOMPARE(users.first().id, bob.user.id);

        ann.chat.sendTextToUser(bob.user, QStringLiteral("hello"));
        QVERIFY(!ann.waitForPrivateChatWith(bob.user).isEmpty());
        QSignalSpy recent(&ann.chat, &ChatClient::recentContactsLoaded);
        ann.chat.loadRecentContacts();
        QVERIFY(recent.wait(kServerWaitMs));
        QCOMPARE(recent.first().first().value<QList<UserInfo>>().first().id, bob.user.id);
    }

private:
    ServerProcess server_;
};

QTEST_GUILESS_MAIN(TestChatClient)
#include "tst_chat_client.moc"
