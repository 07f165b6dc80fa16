// The SQL store's blocks and chat requests (docs/protocol.md section 5.6), on a real SQLite file.
#include <QtTest>

#include "sql_store_fixture.h"

using namespace natter;

class TestSqlSafety : public QObject, private natter::test::SqlStoreFixture {
    Q_OBJECT
private:
    static QStringList usernames(const QList<UserRef>& users) {
        QStringList names;
        for (const UserRef& user : users) {
            names.append(user.username);
        }
        return names;
    }

private slots:
    void init() { openFreshStore(); }
    void cleanup() { closeStore(); }

    void blocksAreOneWayAndIdempotent() {
        const UserRecord alice = addUser(QStringLiteral("alice"));
        const UserRecord bob = addUser(QStringLiteral("bob"));
        const UserRecord carol = addUser(QStringLiteral("carol"));
        QVERIFY(!store_->blockedEitherWay(alice.id, bob.id));
        QVERIFY(store_->insertBlock(alice.id, bob.id, 10));
        QVERIFY(!store_->insertBlock(alice.id, bob.id, 20));  // already blocked
        QVERIFY(store_->hasBlocked(alice.id, bob.id));
        QVERIFY(!store_->hasBlocked(bob.id, alice.id));
        QVERIFY(store_->blockedEitherWay(alice.id, bob.id));
        QVERIFY(store_->blockedEitherWay(bob.id, alice.id));
        QVERIFY(!store_->blockedEitherWay(alice.id, carol.id));
        QCOMPARE(store_->blockCount(alice.id), 1);
        QCOMPARE(store_->blockCount(bob.id), 0);
        QVERIFY(store_->deleteBlock(alice.id, bob.id));
        QVERIFY(!store_->deleteBlock(alice.id, bob.id));
        QVERIFY(!store_->blockedEitherWay(alice.id, bob.id));
        QCOMPARE(store_->blockCount(alice.id), 0);
    }

    void blockedUsersAreListedMostRecentFirst() {
        const UserRecord alice = addUser(QStringLiteral("alice"));
        const UserRecord bob = addUser(QStringLiteral("bob"));
        const UserRecord carol = addUser(QStringLiteral("carol"));
        const UserRecord dave = addUser(QStringLiteral("dave"));
        store_->insertBlock(alice.id, carol.id, 100);
        store_->insertBlock(alice.id, bob.id, 300);
        store_->insertBlock(alice.id, dave.id, 300);  // same moment: the later block first
        store_->insertBlock(bob.id, alice.id, 400);
        QCOMPARE(
            usernames(store_->blockedUsers(alice.id)),
            QStringList({QStringLiteral("dave"), QStringLiteral("bob"), QStringLiteral("carol")}));
        const QList<UserRef> bobs = store_->blockedUsers(bob.id);
        QCOMPARE(bobs.size(), 1);
        QCOMPARE(bobs.first().publicId, QStringLiteral("u_alice"));
        QCOMPARE(bobs.first().displayName, QStringLiteral("ALICE"));
    }

    void privateConversationIsARequestUntilCleared() {
        const UserRecord alice = addUser(QStringLiteral("alice"));
        const UserRecord bob = addUser(QStringLiteral("bob"));
        const ConversationRecord chat =
            store_->insertConversation(NewConversation{QStringLiteral("c_1"),
                                                       QStringLiteral("private"),
                                                       {},
                                                       0,
                                                       QStringLiteral("1:2"),
                                                       5,
                                                       bob.id});
        QCOMPARE(chat.requestForUserId, bob.id);
        store_->addMember(chat.id, alice.id, 5);
        store_->addMember(chat.id, bob.id, 5);
        QCOMPARE(store_->conversationOfMember(QStringLiteral("c_1"), alice.id)->requestForUserId,
                 bob.id);
        store_->clearRequest(chat.id);
        QCOMPARE(store_->conversationById(chat.id)->requestForUserId, 0);
        QCOMPARE(store_->privateConversation(QStringLiteral("1:2"))->requestForUserId, 0);
        const ConversationRecord group = store_->insertConversation(NewConversation{
            QStringLiteral("c_2"), QStringLiteral("group"), QStringLiteral("G"), alice.id, {}, 6});
        QCOMPARE(group.requestForUserId, 0);
    }
};

QTEST_GUILESS_MAIN(TestSqlSafety)
#include "tst_sql_safety.moc"
