// The SQL store's account and session operations, on a real SQLite file.
#include <QtTest>

#include "sql_store_fixture.h"

using namespace natter;

class TestSqlStore : public QObject, private natter::test::SqlStoreFixture {
    Q_OBJECT
private:
    SessionRecord addSession(const UserRecord& user, const QString& token, qint64 at) {
        return store_->insertSession(NewSession{QStringLiteral("s_") + token, user.id, token,
                                                QStringLiteral("dev-") + token, at});
    }

private slots:
    void init() { openFreshStore(); }
    void cleanup() { closeStore(); }

    void usernamesAreUnique() {
        const UserRecord alice = addUser(QStringLiteral("alice"));
        QVERIFY(alice.id > 0);
        QVERIFY(!store_->insertUser(NewUser{QStringLiteral("u_2"), QStringLiteral("alice"),
                                            QStringLiteral("Other"), QStringLiteral("h"), 2}));
        QCOMPARE(store_->userByUsername(QStringLiteral("alice"))->publicId,
                 QStringLiteral("u_alice"));
        QCOMPARE(store_->userById(alice.id)->displayName, QStringLiteral("ALICE"));
        QVERIFY(!store_->userByUsername(QStringLiteral("bob")));
    }

    void sessionsAreFoundByTokenHashAndListedNewestFirst() {
        const UserRecord alice = addUser(QStringLiteral("alice"));
        const UserRecord bob = addUser(QStringLiteral("bob"));
        addSession(alice, QStringLiteral("t1"), 100);
        const SessionRecord second = addSession(alice, QStringLiteral("t2"), 200);
        addSession(bob, QStringLiteral("t3"), 300);
        QCOMPARE(store_->sessionByTokenHash(QStringLiteral("t2"))->id, second.id);
        QVERIFY(!store_->sessionByTokenHash(QStringLiteral("nope")));
        const auto list = store_->sessionsOfUser(alice.id);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).publicId, QStringLiteral("s_t2"));
        store_->touchSession(list.at(1).id, 500);
        QCOMPARE(store_->sessionsOfUser(alice.id).at(0).publicId, QStringLiteral("s_t1"));
        // A session is found by public id only among its owner's sessions.
        QVERIFY(store_->sessionByPublicId(alice.id, QStringLiteral("s_t1")));
        QVERIFY(!store_->sessionByPublicId(bob.id, QStringLiteral("s_t1")));
    }

    void touchNeverMovesLastSeenBackwards() {
        const SessionRecord s =
            addSession(addUser(QStringLiteral("alice")), QStringLiteral("t"), 500);
        store_->touchSession(s.id, 400);
        QCOMPARE(store_->sessionByTokenHash(QStringLiteral("t"))->lastSeenAt, 500);
    }

    void deletingSessions() {
        const UserRecord alice = addUser(QStringLiteral("alice"));
        const SessionRecord old1 = addSession(alice, QStringLiteral("a"), 10);
        const SessionRecord old2 = addSession(alice, QStringLiteral("b"), 20);
        addSession(alice, QStringLiteral("c"), 1000);
        QCOMPARE(store_->deleteIdleSessions(500, {old2.id}), 1);  // old2 is kept (connected)
        QVERIFY(!store_->sessionByTokenHash(QStringLiteral("a")));
        QVERIFY(store_->sessionByTokenHash(QStringLiteral("b")));
        QVERIFY(store_->deleteSession(old2.id));
        QVERIFY(!store_->deleteSession(old2.id));
        QVERIFY(!store_->deleteSession(old1.id));
        QCOMPARE(store_->sessionsOfUser(alice.id).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSqlStore)
#include "tst_sql_store.moc"
