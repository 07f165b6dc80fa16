// The local cache against the real server: after a restart the app shows its conversations,
// messages and unread counts at once, with the server stopped; the catch-up adds exactly what
// is missing; the outbox survives a restart and is sent exactly once; signing out deletes the
// cache. A "restart" is a fresh AccountClient + ChatClient on the same cache directory.
#include <QtTest>

#include "cache_test_support.h"
#include "models/conversation_list_model.h"
#include "server_process.h"

using namespace natter;
using namespace natter::test;

class TestChatCache : public QObject {
    Q_OBJECT

private slots:
    void init() {
        QVERIFY(startOnFreePort(server_));
        QVERIFY(cacheDir_.isValid());
    }
    void cleanup() { server_.reset(); }

    // Bob wrote three messages, Ann answered once and quit. With the server down, Ann's next
    // start shows the chat, all four messages and 3 unread, before anything could answer.
    void restartShowsTheCacheWithTheServerStopped() {
        ChatPeer bob;
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        auto ann = std::make_unique<CachedDevice>(cacheDir_.path());
        QVERIFY(ann->signUp(server_->url(), uniqueUsername(QStringLiteral("ann"))));
        const UserInfo annUser = ann->account.account()->user;
        const QStringList fromBob{QStringLiteral("one"), QStringLiteral("two"),
                                  QStringLiteral("three")};
        for (const QString& text : fromBob) {
            bob.chat.sendTextToUser(annUser, text);
        }
        const QString id = bob.waitForPrivateChatWith(annUser);
        QTRY_COMPARE_WITH_TIMEOUT(ann->bodies(id), fromBob, kServerWaitMs);
        ann->chat.sendText(id, QStringLiteral("hi Bob"));
        const QStringList all = fromBob + QStringList{QStringLiteral("hi Bob")};
        QTRY_VERIFY_WITH_TIMEOUT(ann->seqs(id) == (QList<qint64>{1, 2, 3, 4}), kServerWaitMs);
        QCOMPARE(ann->unread(id), 3);
        const QString token = ann->token;
        const QString cacheFile = ann->chat.cacheFile();
        ann.reset();  // the app quits
        QVERIFY(QFile::exists(cacheFile));
        QCOMPARE(server_->stop(), 0);

        CachedDevice again(cacheDir_.path());
        ConversationListModel list;
        list.connectTo(&again.chat);
        again.restart(server_->url(), token, annUser);
        // No event loop has run: everything below comes from the cache.
        QCOMPARE(again.bodies(id), all);
        QCOMPARE(again.seqs(id), (QList<qint64>{1, 2, 3, 4}));
        QCOMPARE(again.unread(id), 3);
        QCOMPARE(again.chat.totalUnread(), 3);
        QCOMPARE(again.chat.conversation(id)->name, bob.user.displayName);
        QVERIFY(again.chat.conversation(id)->hasMember(bob.user.id));
        QCOMPARE(again.chat.messages(id).first().sender->displayName, bob.user.displayName);
        QVERIFY(!again.chat.isReady());
        QCOMPARE(list.rowCount(), 1);
        const QModelIndex row = list.index(0);
        QCOMPARE(row.data(ConversationListModel::NameRole).toString(), bob.user.displayName);
        QCOMPARE(row.data(ConversationListModel::UnreadCountRole).toInt(), 3);
        QVERIFY(row.data(ConversationListModel::PreviewRole).toString().contains(u"hi Bob"));

        // Still offline a while later: the account stays signed in and nothing is lost.
        QTRY_COMPARE_WITH_TIMEOUT(again.account.linkState(), AccountClient::LinkState::Offline,
                                  kServerWaitMs);
        QVERIFY(again.account.isSignedIn());
        QCOMPARE(again.bodies(id), all);
    }

    // Bob writes four more while Ann's app is closed: the next start shows the three it had at
    // once, and the catch-up adds exactly the four, in order; a third start has all seven cached.
    void catchUpAfterRestartAddsExactlyTheMissingMessages() {
        ChatPeer bob;
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        auto ann = std::make_unique<CachedDevice>(cacheDir_.path());
        ann->chat.setSyncPageSize(2);  // so catching up takes several sync calls
        QVERIFY(ann->signUp(server_->url(), uniqueUsername(QStringLiteral("ann"))));
        const UserInfo annUser = ann->account.account()->user;
        QStringList expected;
        for (int i = 1; i <= 3; ++i) {
            expected << QStringLiteral("before %1").arg(i);
            bob.chat.sendTextToUser(annUser, expected.last());
        }
        const QString id = bob.waitForPrivateChatWith(annUser);
        QTRY_COMPARE_WITH_TIMEOUT(ann->bodies(id), expected, kServerWaitMs);
        const QString token = ann->token;
        ann.reset();
        for (int i = 1; i <= 4; ++i) {
            bob.chat.sendText(id, QStringLiteral("while closed %1").arg(i));
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            bob.seqs(id).size() == 7 && bob.chat.messages(id).last().delivery == Delivery::Sent,
            kServerWaitMs);

        auto again = std::make_unique<CachedDevice>(cacheDir_.path());
        again->chat.setSyncPageSize(2);
        QSignalSpy appended(&again->chat, &ChatClient::messagesAppended);
        again->restart(server_->url(), token, annUser);
        QCOMPARE(again->bodies(id), expected);  // at once, from the cache
        QTRY_VERIFY_WITH_TIMEOUT(again->chat.isReady(), kServerWaitMs);
        for (int i = 1; i <= 4; ++i) {
            expected << QStringLiteral("while closed %1").arg(i);
        }
        QTRY_COMPARE_WITH_TIMEOUT(again->bodies(id), expected, kServerWaitMs);
        QVERIFY(isContiguousFromOne(again->seqs(id)));
        int added = 0;
        for (const QList<QVariant>& signal : std::as_const(appended)) {
            added += int(signal.at(1).value<QList<ChatMessage>>().size());
        }
        QCOMPARE(added, 4);  // only the missing ones arrived
        QCOMPARE(again->unread(id), 7);
        again.reset();

        QVERIFY(server_->stop() == 0);
        CachedDevice third(cacheDir_.path());
        third.restart(server_->url(), token, annUser);
        QCOMPARE(third.bodies(id), expected);
        QCOMPARE(third.unread(id), 7);
    }

    // Written offline, the app closed, the server still down: the next start shows both
    // messages pending, and once the server is back they are sent exactly once, with the same
    // client_message_ids; Bob's new device finds each once in the history.
    void outboxSurvivesARestartAndIsSentOnce() {
        ChatPeer bob;
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        auto ann = std::make_unique<CachedDevice>(cacheDir_.path());
        QVERIFY(ann->signUp(server_->url(), uniqueUsername(QStringLiteral("ann"))));
        const UserInfo annUser = ann->account.account()->user;
        bob.chat.sendTextToUser(annUser, QStringLiteral("hello"));
        const QString id = bob.waitForPrivateChatWith(annUser);
        QTRY_COMPARE_WITH_TIMEOUT(ann->bodies(id), QStringList{QStringLiteral("hello")},
                                  kServerWaitMs);
        QCOMPARE(server_->stop(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(ann->account.linkState(), AccountClient::LinkState::Offline,
                                  kServerWaitMs);
        const QStringList ids{ann->chat.sendText(id, QStringLiteral("offline 1")),
                              ann->chat.sendText(id, QStringLiteral("offline 2"))};
        const QString token = ann->token;
        ann.reset();

        CachedDevice again(cacheDir_.path());
        again.restart(server_->url(), token, annUser);
        QList<ChatMessage> shown = again.chat.messages(id);
        QCOMPARE(shown.size(), 3);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(shown.at(i + 1).delivery, Delivery::Pending);
            QCOMPARE(shown.at(i + 1).clientMessageId, ids.at(i));
        }
        QVERIFY(server_->start());
        again.account.reconnectNow();
        QTRY_VERIFY_WITH_TIMEOUT(again.chat.messages(id).size() == 3 &&
                                     again.chat.messages(id).last().delivery == Delivery::Sent,
                                 kServerWaitMs);
        shown = again.chat.messages(id);
        QCOMPARE(shown.at(1).clientMessageId, ids.at(0));
        QCOMPARE(shown.at(2).clientMessageId, ids.at(1));

        ChatPeer bobPhone;
        QVERIFY(bobPhone.signIn(server_->url(), bob.user.username, QStringLiteral("Phone")));
        bobPhone.chat.loadOlderMessages(id);
        const QStringList onServer{QStringLiteral("hello"), QStringLiteral("offline 1"),
                                   QStringLiteral("offline 2")};
        QVERIFY(bobPhone.waitForBodies(id, onServer));
        QCOMPARE(bobPhone.seqs(id), (QList<qint64>{1, 2, 3}));
    }

    // A message the server refused stays failed across a restart, and Retry still works on it.
    void refusedMessageStaysFailedAcrossARestart() {
        auto ann = std::make_unique<CachedDevice>(cacheDir_.path());
        QVERIFY(ann->signUp(server_->url(), uniqueUsername(QStringLiteral("ann"))));
        const UserInfo annUser = ann->account.account()->user;
        const QString written = ann->chat.sendTextToUser(annUser, QStringLiteral("note to self"));
        QTRY_VERIFY_WITH_TIMEOUT(
            !ann->chat.messages(annUser.id).isEmpty() &&
                ann->chat.messages(annUser.id).first().delivery == Delivery::Failed,
            kServerWaitMs);
        const QString reason = ann->chat.messages(annUser.id).first().failureText;
        const QString token = ann->token;
        ann.reset();

        CachedDevice again(cacheDir_.path());
        QSignalSpy changed(&again.chat, &ChatClient::outgoingChanged);
        again.restart(server_->url(), token, annUser);
        const QList<ChatMessage> shown = again.chat.messages(annUser.id);
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().clientMessageId, written);
        QCOMPARE(shown.first().delivery, Delivery::Failed);
        QCOMPARE(shown.first().failureText, reason);
        QTRY_VERIFY_WITH_TIMEOUT(again.chat.isReady(), kServerWaitMs);
        QCOMPARE(again.chat.messages(annUser.id).first().delivery, Delivery::Failed);  // not resent
        again.chat.retry(written);
        QCOMPARE(again.chat.messages(annUser.id).first().delivery, Delivery::Pending);
        QTRY_COMPARE_WITH_TIMEOUT(again.chat.messages(annUser.id).first().delivery,
                                  Delivery::Failed, kServerWaitMs);
        QVERIFY(changed.count() >= 2);
    }

    // Signing out leaves nothing of the account on the machine.
    void signingOutDeletesTheCache() {
        ChatPeer bob;
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        CachedDevice ann(cacheDir_.path());
        QVERIFY(ann.signUp(server_->url(), uniqueUsername(QStringLiteral("ann"))));
        bob.chat.sendTextToUser(ann.account.account()->user, QStringLiteral("secret"));
        QTRY_COMPARE_WITH_TIMEOUT(ann.chat.conversations().size(), 1, kServerWaitMs);
        const QString file = ann.chat.cacheFile();
        QVERIFY(!file.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file) && QFile(file).size() > 0, kServerWaitMs);
        QSignalSpy signedOut(&ann.account, &AccountClient::signedOut);
        ann.account.logout();
        QVERIFY(signedOut.wait(kServerWaitMs));
        QVERIFY(!QFile::exists(file));
        QVERIFY(!QFile::exists(file + QStringLiteral("-wal")));
        QVERIFY(ann.chat.conversations().isEmpty());
    }

    // The same when another device revokes this session.
    void revokedElsewhereDeletesTheCache() {
        CachedDevice laptop(cacheDir_.path());
        const QString username = uniqueUsername(QStringLiteral("ann"));
        QVERIFY(laptop.signUp(server_->url(), username));
        const QString file = laptop.chat.cacheFile();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), kServerWaitMs);
        ChatPeer phone;
        QVERIFY(phone.signIn(server_->url(), username, QStringLiteral("Phone")));
        QSignalSpy signedOut(&laptop.account, &AccountClient::signedOut);
        phone.account.revokeOtherSessions();
        QVERIFY(signedOut.wait(kServerWaitMs));
        QCOMPARE(signedOut.first().first().value<AccountClient::SignOutReason>(),
                 AccountClient::SignOutReason::RevokedElsewhere);
        QVERIFY(!QFile::exists(file));
    }

private:
    std::unique_ptr<ServerProcess> server_;
    QTemporaryDir cacheDir_;
};

QTEST_GUILESS_MAIN(TestChatCache)
#include "tst_chat_cache.moc"
