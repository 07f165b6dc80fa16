// Blocking, chat requests, spam refusals, mute and "Delivered" between real clients of a real
// natter-server (docs/protocol.md 5.5 delivered state, 5.6): what users see when someone blocks
// them, writes to them for the first time, or mutes a chat on one of several devices.
#include <QAbstractItemModelTester>
#include <QtTest>
#include <memory>

#include "chat_test_support.h"
#include "models/blocked_users_model.h"
#include "models/conversation_list_model.h"
#include "models/message_list_model.h"
#include "server_process.h"

using namespace natter;
using namespace natter::test;

namespace {

const QString kBannedWord = QStringLiteral("frobnicate");

// The newest message of `key` on `peer`'s side (its outbox included).
ChatMessage newest(const ChatPeer& peer, const QString& key) {
    const QList<ChatMessage> messages = peer.chat.messages(key);
    return messages.isEmpty() ? ChatMessage() : messages.last();
}

// Waits for the server to refuse the newest message of `key`; returns why, in plain words.
QString refusalOf(const ChatPeer& peer, const QString& key) {
    (void)QTest::qWaitFor([&] { return newest(peer, key).delivery == Delivery::Failed; },
                          kServerWaitMs);
    return newest(peer, key).failureText;
}

QStringList names(const QAbstractItemModel& model) {
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row) {
        values << model.index(row, 0).data(ConversationListModel::NameRole).toString();
    }
    return values;
}

// The receipt under my message `body` in a conversation model ("Sent", "Delivered", "Seen").
QString receiptOf(const MessageListModel& model, const QString& body) {
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(MessageListModel::BodyRole).toString() == body) {
            return model.index(row, 0).data(MessageListModel::ReceiptTextRole).toString();
        }
    }
    return QStringLiteral("<no such message>");
}

}  // namespace

class TestChatSafety : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        const QString banned = dir_.filePath(QStringLiteral("banned.txt"));
        QFile file(banned);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# test list\n" + kBannedWord.toUtf8() + '\n');
        file.close();
        server_ =
            std::make_unique<ServerProcess>(QStringList{QStringLiteral("--banned-words"), banned});
        QVERIFY2(server_->start(), qPrintable(server_->log()));
    }
    void cleanupTestCase() { QCOMPARE(server_->stop(), 0); }

    // Ann blocks Bob on her laptop: her phone agrees at once, Bob's messages are refused with
    // words that do not say he was blocked, hers say she blocked him; unblocking on the phone
    // lets Bob's retry through.
    void blockStopsMessagesUntilUnblocked() {
        ChatPeer ann;
        ChatPeer annPhone;
        ChatPeer bob;
        QVERIFY(ann.signUp(server_->url(), QStringLiteral("ann")));
        QVERIFY(annPhone.signIn(server_->url(), ann.user.username, QStringLiteral("Phone")));
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        BlockedUsersModel phoneBlocked;
        QAbstractItemModelTester tester(&phoneBlocked,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        phoneBlocked.connectTo(&annPhone.chat);
        ann.chat.sendTextToUser(bob.user, QStringLiteral("hi bob"));
        const QString id = bob.waitForPrivateChatWith(ann.user);
        QVERIFY(!id.isEmpty());
        QVERIFY(annPhone.waitForBodies(id, {QStringLiteral("hi bob")}));

        ann.chat.blockUser(bob.user);
        QTRY_VERIFY_WITH_TIMEOUT(ann.chat.conversation(id)->blocked, kServerWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(annPhone.chat.isBlocked(bob.user.id), kServerWaitMs);
        QVERIFY(annPhone.chat.conversation(id)->blocked);
        QCOMPARE(phoneBlocked.rowCount(), 1);
        QCOMPARE(phoneBlocked.index(0, 0).data(BlockedUsersModel::UsernameRole).toString(),
                 bob.user.username);
        QVERIFY(!bob.chat.conversation(id)->blocked);  // not announced to Bob

        bob.chat.sendText(id, QStringLiteral("are you there?"));
        QCOMPARE(refusalOf(bob, id),
                 QStringLiteral("%1 doesn't accept messages from you.").arg(ann.user.displayName));
        const QString bobsMessage = newest(bob, id).clientMessageId;
        ann.chat.sendText(id, QStringLiteral("oops"));
        QCOMPARE(refusalOf(ann, id),
                 QStringLiteral("You blocked %1. Unblock them to send messages.")
                     .arg(bob.user.displayName));

        annPhone.chat.unblockUser(bob.user);
        QTRY_VERIFY_WITH_TIMEOUT(!ann.chat.conversation(id)->blocked, kServerWaitMs);
        QVERIFY(ann.chat.blockedUsers().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(phoneBlocked.rowCount(), 0, kServerWaitMs);
        bob.chat.retry(bobsMessage);
        QVERIFY(annPhone.waitForBodies(
            id, {QStringLiteral("hi bob"), QStringLiteral("are you there?")}));
    }

    // Bob is online; once Ann blocks him her client shows no presence for him (no dot, no
    // "online"), and shows it again when she unblocks him.
    void blockedPeopleShowNoPresence() {
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(server_->url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        const QString id = ann.startPrivateChat(bob, QStringLiteral("hi bob"));
        QVERIFY(!id.isEmpty());
        ConversationListModel chats;
        chats.connectTo(&ann.chat);
        QTRY_VERIFY_WITH_TIMEOUT(ann.chat.presence(bob.user.id).isOnline(), kServerWaitMs);
        QCOMPARE(listedPresence(chats, id), Presence::Status::Online);

        QSignalSpy changed(&ann.chat, &ChatClient::presenceChanged);
        ann.chat.blockUser(bob.user);
        QTRY_VERIFY_WITH_TIMEOUT(ann.chat.isBlocked(bob.user.id), kServerWaitMs);
        QCOMPARE(ann.chat.presence(bob.user.id).status, Presence::Status::Unknown);
        QVERIFY(!changed.isEmpty());  // the row repaints without its dot
        QCOMPARE(listedPresence(chats, id), Presence::Status::Unknown);
        const QString spoken = chats.index(chats.rowOf(id)).data(Qt::AccessibleTextRole).toString();
        QVERIFY2(!spoken.contains(QStringLiteral("online")), qPrintable(spoken));

        ann.chat.unblockUser(bob.user);
        QTRY_VERIFY_WITH_TIMEOUT(!ann.chat.isBlocked(bob.user.id), kServerWaitMs);
        QVERIFY(ann.chat.presence(bob.user.id).isOnline());
        QCOMPARE(listedPresence(chats, id), Presence::Status::Online);
    }

    // Ann's first message to Bob is a request for Bob (listed apart, quiet) but not for Ann; a
    // link in it waits until Bob accepts; accepting on one of Bob's devices moves it to his chats
    // everywhere.
    void requestIsListedApartUntilAccepted() {
        ChatPeer ann;
        ChatPeer bob;
        ChatPeer bobPhone;
        QVERIFY(ann.signUp(server_->url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        QVERIFY(bobPhone.signIn(server_->url(), bob.user.username, QStringLiteral("Phone")));
        ConversationListModel model;
        ConversationFilterModel chats;
        ConversationFilterModel requests;
        chats.setSourceModel(&model);
        requests.setSourceModel(&model);
        requests.setShowRequests(true);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester chatsTester(
            &chats, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.connectTo(&bobPhone.chat);

        ann.chat.sendTextToUser(bob.user, QStringLiteral("see https://example.org/map"));
        QCOMPARE(refusalOf(ann, bob.user.id),
                 QStringLiteral("Links can't be sent until %1 accepts your chat.")
                     .arg(bob.user.displayName));
        QSignalSpy received(&bob.chat, &ChatClient::messageReceived);
        ann.chat.sendTextToUser(bob.user, QStringLiteral("hello, we met at the meetup"));
        const QString id = bob.waitForPrivateChatWith(ann.user);
        QVERIFY(!id.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(bob.chat.conversation(id)->request, kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(names(requests), QStringList{ann.user.displayName},
                                  kServerWaitMs);
        QCOMPARE(chats.rowCount(), 0);
        QCOMPARE(model.requestCount(), 1);
        QTRY_COMPARE(received.count(), 1);
        QVERIFY(!bob.chat.wantsNotification(received.first().first().value<ChatMessage>()));
        QTRY_VERIFY_WITH_TIMEOUT(
            ann.chat.conversation(id) && ann.chat.conversation(id)->hasSafetyState, kServerWaitMs);
        QVERIFY(!ann.chat.conversation(id)->request);  // nothing special on Ann's side

        bob.chat.acceptRequest(id);
        QTRY_VERIFY_WITH_TIMEOUT(!bob.chat.conversation(id)->request, kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(names(chats), QStringList{ann.user.displayName}, kServerWaitMs);
        QCOMPARE(requests.rowCount(), 0);
        QCOMPARE(model.requestCount(), 0);
        QVERIFY(!ann.chat.conversation(id)->request);

        // Accepted: links go through now, and Bob is told about new messages.
        ann.chat.sendText(id, QStringLiteral("the map: https://example.org/map"));
        QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, kServerWaitMs);
        QVERIFY(bob.chat.wantsNotification(received.last().first().value<ChatMessage>()));
    }

    void bannedWordIsRefusedInPlainWords() {
        ChatPeer ann;
        ChatPeer bob;
        QVERIFY(ann.signUp(server_->url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        ann.chat.sendTextToUser(bob.user, QStringLiteral("hi"));
        const QString id = ann.waitForPrivateChatWith(bob.user);
        QVERIFY(!id.isEmpty());
        ann.chat.sendText(id,
                          QStringLiteral("Let's ") + kBannedWord.toUpper() + QStringLiteral(" it"));
        QCOMPARE(refusalOf(ann, id),
                 QStringLiteral("This message contains a word this server doesn't allow."));
        QVERIFY(bob.waitForBodies(id, {QStringLiteral("hi")}));
    }

    // Muting on Bob's laptop mutes on his phone: no notification, and the chat's unread
    // messages leave the total (the title and tray count) while the chat keeps its own badge.
    void muteSyncsAcrossDevicesAndSilencesNotifications() {
        ChatPeer ann;
        ChatPeer bob;
        ChatPeer bobPhone;
        QVERIFY(ann.signUp(server_->url(), QStringLiteral("ann")));
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        QVERIFY(bobPhone.signIn(server_->url(), bob.user.username, QStringLiteral("Phone")));
        bob.chat.sendTextToUser(ann.user, QStringLiteral("hi ann"));  // not a request for Bob
        const QString id = bobPhone.waitForPrivateChatWith(ann.user);
        QVERIFY(!id.isEmpty());
        QVERIFY(!ann.waitForPrivateChatWith(bob.user).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(bobPhone.chat.conversation(id)->hasSafetyState, kServerWaitMs);

        bob.chat.setMuted(id, true);
        QTRY_VERIFY_WITH_TIMEOUT(bobPhone.chat.isMuted(id), kServerWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(bob.chat.isMuted(id), kServerWaitMs);
        QSignalSpy received(&bobPhone.chat, &ChatClient::messageReceived);
        ann.chat.sendText(id, QStringLiteral("ping"));
        QVERIFY(received.wait(kServerWaitMs));
        const auto ping = received.first().first().value<ChatMessage>();
        QVERIFY(!bobPhone.chat.wantsNotification(ping));
        QTRY_COMPARE_WITH_TIMEOUT(bobPhone.unread(id), 1, kServerWaitMs);
        QCOMPARE(bobPhone.chat.totalUnread(), 0);

        bobPhone.chat.setMuted(id, false);
        QTRY_VERIFY_WITH_TIMEOUT(!bob.chat.isMuted(id), kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(bob.chat.totalUnread(), 1, kServerWaitMs);
        QVERIFY(bobPhone.chat.wantsNotification(ping));
        // A device that signs in later learns the state from the listing.
        bob.chat.setMuted(id, true);
        QTRY_VERIFY_WITH_TIMEOUT(bobPhone.chat.isMuted(id), kServerWaitMs);
        ChatPeer bobTablet;
        QVERIFY(bobTablet.signIn(server_->url(), bob.user.username, QStringLiteral("Tablet")));
        QVERIFY(bobTablet.chat.isMuted(id));
    }

    // Ann's message says "Delivered" once Bob's client holds it (he has not read it), then
    // "Seen"; sent while Bob is signed out it says "Sent" until he comes back.
    void deliveredThenRead() {
        ChatPeer ann;
        auto bob = std::make_unique<ChatPeer>();
        QVERIFY(ann.signUp(server_->url(), QStringLiteral("ann")));
        QVERIFY(bob->signUp(server_->url(), QStringLiteral("bob")));
        const UserInfo bobUser = bob->user;
        bob->chat.sendTextToUser(ann.user, QStringLiteral("hi"));
        const QString id = ann.waitForPrivateChatWith(bobUser);
        QVERIFY(!id.isEmpty());
        MessageListModel annView;
        QAbstractItemModelTester tester(&annView,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        annView.showConversation(&ann.chat, id);

        ann.chat.sendText(id, QStringLiteral("first"));
        QTRY_COMPARE_WITH_TIMEOUT(receiptOf(annView, QStringLiteral("first")),
                                  QStringLiteral("Delivered"), kServerWaitMs);
        QCOMPARE(bob->chat.conversation(id)->lastReadSeq, 0);  // delivered, not read
        bob->chat.markRead(id, bob->chat.conversation(id)->lastSeq);
        QTRY_COMPARE_WITH_TIMEOUT(receiptOf(annView, QStringLiteral("first")),
                                  QStringLiteral("Seen"), kServerWaitMs);

        bob->account.logout();
        QTRY_VERIFY_WITH_TIMEOUT(!bob->account.isSignedIn(), kServerWaitMs);
        bob.reset();
        ann.chat.sendText(id, QStringLiteral("second"));
        QTRY_COMPARE_WITH_TIMEOUT(receiptOf(annView, QStringLiteral("second")),
                                  QStringLiteral("Sent"), kServerWaitMs);
        QTest::qWait(3 * ChatClient::kDeliveredBatchMs);  // no device of Bob's could have it
        QCOMPARE(receiptOf(annView, QStringLiteral("second")), QStringLiteral("Sent"));
        ChatPeer bobAgain;
        QVERIFY(bobAgain.signIn(server_->url(), bobUser.username, QStringLiteral("Desk")));
        QTRY_COMPARE_WITH_TIMEOUT(receiptOf(annView, QStringLiteral("second")),
                                  QStringLiteral("Delivered"), kServerWaitMs);
        QCOMPARE(receiptOf(annView, QStringLiteral("first")), QStringLiteral("Seen"));
    }

private:
    QTemporaryDir dir_;
    std::unique_ptr<ServerProcess> server_;
};

QTEST_GUILESS_MAIN(TestChatSafety)
#include "tst_chat_safety.moc"
