// The SQL store when more than one connection writes one database, as several server nodes will:
// the database, not the single storage thread, keeps seqs gapless and usernames unique, and its
// errors arrive typed (conflict / retryable / fatal, ports/store_error.h).
#include <QDeadlineTimer>
#include <QSqlError>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>
#include <functional>
#include <latch>
#include <optional>
#include <thread>

#include "chat/group_changes.h"
#include "protocol_limits.h"
#include "sql_store_fixture.h"
#include "store/sql_dialect.h"
#include "store/sql_store.h"

using namespace natter;

namespace {

using Kind = StoreError::Kind;

// The kind of StoreError `action` throws; nullopt when it throws none.
std::optional<Kind> kindThrownBy(const std::function<void()>& action) {
    try {
        action();
    } catch (const StoreError& e) {
        return e.kind();
    }
    return std::nullopt;
}

NewUser newUser(const QString& publicId, const QString& username) {
    return NewUser{publicId, username, username.toUpper(), QStringLiteral("hash"), 1};
}

NewMessage newMessage(qint64 senderId, const QString& clientMessageId) {
    return NewMessage{QStringLiteral("m_") + QUuid::createUuid().toString(QUuid::Id128),
                      senderId,
                      clientMessageId,
                      QStringLiteral("text"),
                      clientMessageId,
                      {},
                      1};
}

void rollbackQuietly(SqlStore& store) {
    try {
        store.rollback();
    } catch (const StoreError&) {
        // No transaction was open (BEGIN itself failed): nothing to undo.
    }
}

// Runs `action` in a transaction of its own on `store`, running it again when the database answers
// Retryable (as the storage executor does). Returns the error that was not retryable, or "".
QString inTransactionWithRetries(SqlStore& store, const std::function<void()>& action) {
    constexpr int kMaxAttempts = 20;
    for (int attempt = 1;; ++attempt) {
        try {
            store.begin();
            action();
            store.commit();
            return {};
        } catch (const StoreError& e) {
            rollbackQuietly(store);
            if (!e.isRetryable() || attempt == kMaxAttempts) {
                return QString::fromStdString(e.what());
            }
            // SQLite refuses a write on a stale read at once, without waiting: give the other
            // writer time to commit before reading again.
            std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
        }
    }
}

// Appends `count` messages from its own connection, each in its own transaction. Returns the
// first error that was not retryable, or an empty text.
QString appendFromOwnConnection(const QString& url, qint64 conversationId, qint64 senderId,
                                const QString& tag, int count) {
    auto store = SqlStore::open(url);
    for (int i = 0; i < count; ++i) {
        const QString error = inTransactionWithRetries(*store, [&] {
            store->appendMessage(conversationId, newMessage(senderId, tag + QString::number(i)));
        });
        if (!error.isEmpty()) {
            return error;
        }
    }
    return {};
}

// The group owner adds `newcomerId` from a connection of its own (another node), starting when
// `start` opens. Answers "added", the refusal's code, or the storage error.
QString addMemberFromOwnConnection(const QString& url, const Identity& owner,
                                   const QString& groupId, const QString& newcomerId,
                                   std::latch& start) {
    auto store = SqlStore::open(url);
    QString outcome;
    start.arrive_and_wait();
    const QString error = inTransactionWithRetries(*store, [&] {
        const auto change =
            addGroupMembers(*store, systemClock(), owner, groupId, QStringList{newcomerId});
        const auto* refusal = std::get_if<ProtocolError>(&change);
        outcome = refusal ? errorCodeName(refusal->code) : QStringLiteral("added");
    });
    return error.isEmpty() ? outcome : error;
}

}  // namespace

// The database comes from NATTER_TEST_STORE_URL like the other store suites (sql_store_fixture.h):
// every connection of a test opens the same fresh SQLite file or PostgreSQL schema.
class TestSqlConcurrency : public QObject, private natter::test::SqlStoreFixture {
    Q_OBJECT
private:
    QString url_;

    // True once another connection waits for a lock `holder` holds. PostgreSQL shows it in
    // pg_locks; SQLite's waiting writer (busy_timeout) cannot be seen, so there it is a fixed
    // 200 ms, time enough to reach the lock.
    bool anotherConnectionWaitsOn(SqlStore& holder) const {
        if (parseDatabaseUrl(url_).dialect == SqlDialect::Sqlite) {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            return true;
        }
        const QDeadlineTimer deadline(5'000);
        while (!deadline.hasExpired()) {
            QSqlQuery& waiting =
                holder.exec(QStringLiteral("SELECT COUNT(*) FROM pg_locks WHERE NOT granted"));
            if (waiting.next() && waiting.value(0).toInt() > 0) {
                return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
    }

    std::unique_ptr<SqlStore> openStore() const {
        auto store = SqlStore::open(url_);
        store->migrate();
        return store;
    }

private slots:
    void init() {
        const QString problem = prepareFreshDatabase(&url_);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void cleanup() { dropFreshDatabase(); }

    // SQLite result codes and PostgreSQL SQLSTATEs, as each driver reports them.
    void nativeCodesMapToKinds_data() {
        QTest::addColumn<int>("dialect");
        QTest::addColumn<QString>("nativeCode");
        QTest::addColumn<int>("kind");
        const auto row = [](SqlDialect dialect, const char* name, const char* code, Kind kind) {
            QTest::newRow(name) << int(dialect) << QString::fromLatin1(code) << int(kind);
        };
        const auto sqlite = [&](const char* name, const char* code, Kind kind) {
            row(SqlDialect::Sqlite, name, code, kind);
        };
        const auto postgres = [&](const char* name, const char* code, Kind kind) {
            row(SqlDialect::Postgres, name, code, kind);
        };
        sqlite("BUSY", "5", Kind::Retryable);
        sqlite("LOCKED", "6", Kind::Retryable);
        sqlite("BUSY_SNAPSHOT", "517", Kind::Retryable);
        sqlite("LOCKED_SHAREDCACHE", "262", Kind::Retryable);
        sqlite("CONSTRAINT", "19", Kind::Conflict);
        sqlite("CONSTRAINT_UNIQUE", "2067", Kind::Conflict);
        sqlite("CONSTRAINT_PRIMARYKEY", "1555", Kind::Conflict);
        sqlite("ERROR", "1", Kind::Fatal);
        sqlite("IOERR_FSYNC", "1034", Kind::Fatal);
        sqlite("CORRUPT", "11", Kind::Fatal);
        sqlite("sqlite no code", "", Kind::Fatal);
        postgres("unique_violation", "23505", Kind::Conflict);
        postgres("foreign_key_violation", "23503", Kind::Conflict);
        postgres("check_violation", "23514", Kind::Conflict);
        postgres("serialization_failure", "40001", Kind::Retryable);
        postgres("deadlock_detected", "40P01", Kind::Retryable);
        postgres("connection_failure", "08006", Kind::Retryable);
        postgres("connection_exception", "08000", Kind::Retryable);
        postgres("syntax_error", "42601", Kind::Fatal);
        postgres("disk_full", "53100", Kind::Fatal);
        postgres("postgres no code", "", Kind::Fatal);
    }
    void nativeCodesMapToKinds() {
        QFETCH(int, dialect);
        QFETCH(QString, nativeCode);
        QFETCH(int, kind);
        const QSqlError error(QStringLiteral("driver"), QStringLiteral("database"),
                              QSqlError::StatementError, nativeCode);
        QCOMPARE(int(errorKind(SqlDialect(dialect), error)), kind);
    }

    void realStatementErrorsAreTyped() {
        auto store = openStore();
        const UserRecord alice =
            *store->insertUser(newUser(QStringLiteral("u_a"), QStringLiteral("alice")));
        const QString tokenHash = QStringLiteral("th_5ecret");
        const NewSession session{QStringLiteral("s_1"), alice.id, tokenHash,
                                 QStringLiteral("Laptop"), 1};
        store->insertSession(session);
        QCOMPARE(kindThrownBy([&] { store->insertSession(session); }), Kind::Conflict);
        // The error text ends up in the log: it names the statement, never the values (PostgreSQL
        // would repeat the duplicate key's value in a DETAIL line).
        NewSession sameToken = session;
        sameToken.publicId = QStringLiteral("s_2");
        try {
            store->insertSession(sameToken);
            QFAIL("a second session with the same token hash was stored");
        } catch (const StoreError& e) {
            QVERIFY2(!QString::fromUtf8(e.what()).contains(tokenHash), e.what());
            QCOMPARE(e.kind(), Kind::Conflict);
        }
        // A member of a conversation that does not exist breaks a foreign key: also a conflict.
        QCOMPARE(kindThrownBy([&] { store->addMember(424242, alice.id, 1); }), Kind::Conflict);
        QCOMPARE(kindThrownBy([&] { store->exec(QStringLiteral("SELEC 1")); }), Kind::Fatal);
    }

    // A node whose database connection dies (PostgreSQL restarted, network cut) gets Retryable,
    // not Fatal: the storage executor runs the batch again instead of failing its requests, and
    // that next attempt runs on a new connection.
    void lostPostgresConnectionIsRetryable() {
        if (parseDatabaseUrl(url_).dialect != SqlDialect::Postgres) {
            QSKIP("a PostgreSQL server connection to lose; the _pg variant runs this");
        }
        auto victim = openStore();
        QSqlQuery& pid = victim->exec(QStringLiteral("SELECT pg_backend_pid()"));
        QVERIFY(pid.next());
        const qint64 victimPid = pid.value(0).toLongLong();
        auto killer = openStore();
        // Waits (up to 5 s) until the victim's server process is gone.
        killer->exec(QStringLiteral("SELECT pg_terminate_backend(?, 5000)"), {victimPid});
        QCOMPARE(kindThrownBy([&] { victim->userByUsername(QStringLiteral("alice")); }),
                 Kind::Retryable);
        QVERIFY(killer->insertUser(newUser(QStringLiteral("u_a"), QStringLiteral("alice"))));
        std::optional<UserRecord> alice;
        QCOMPARE(kindThrownBy([&] { alice = victim->userByUsername(QStringLiteral("alice")); }),
                 std::nullopt);
        QVERIFY(alice);
    }

    void takenUsernameIsNulloptEvenFromAnotherConnection() {
        auto first = openStore();
        auto second = openStore();
        QVERIFY(first->insertUser(newUser(QStringLiteral("u_1"), QStringLiteral("alice"))));
        std::optional<UserRecord> again;
        QCOMPARE(
            kindThrownBy([&] {
                again = second->insertUser(newUser(QStringLiteral("u_2"), QStringLiteral("alice")));
            }),
            std::nullopt);
        QVERIFY(!again);
        // Only the username means "taken": another unique key is a conflict the caller sees.
        QCOMPARE(kindThrownBy([&] {
                     second->insertUser(newUser(QStringLiteral("u_1"), QStringLiteral("bob")));
                 }),
                 Kind::Conflict);
    }

    // A transaction that read before another connection took the name never inserts it twice.
    // SQLite's transaction keeps its snapshot: its write fails Retryable, and run again it finds
    // the name taken. PostgreSQL (READ COMMITTED) lets each statement see what was committed
    // before it: the insert finds the name taken at once.
    void writeOnAStaleSnapshotIsRetryableThenSeesTheWinner() {
        auto winner = openStore();
        auto loser = openStore();
        loser->begin();
        QVERIFY(!loser->userByUsername(QStringLiteral("carol")));  // the loser's snapshot
        QVERIFY(winner->insertUser(newUser(QStringLiteral("u_w"), QStringLiteral("carol"))));
        if (parseDatabaseUrl(url_).dialect == SqlDialect::Sqlite) {
            QCOMPARE(kindThrownBy([&] {
                         loser->insertUser(newUser(QStringLiteral("u_l"), QStringLiteral("carol")));
                     }),
                     Kind::Retryable);
            loser->rollback();
            loser->begin();
        }
        QVERIFY(!loser->insertUser(newUser(QStringLiteral("u_l"), QStringLiteral("carol"))));
        loser->commit();
        QCOMPARE(winner->userByUsername(QStringLiteral("carol"))->publicId, QStringLiteral("u_w"));
    }

    void resentClientMessageIdIsAConflictAndTakesNoSeq() {
        auto store = openStore();
        const UserRecord alice =
            *store->insertUser(newUser(QStringLiteral("u_a"), QStringLiteral("alice")));
        const ConversationRecord chat = store->insertConversation(NewConversation{
            QStringLiteral("c_1"), QStringLiteral("group"), QStringLiteral("G"), alice.id, {}, 1});
        QCOMPARE(store->appendMessage(chat.id, newMessage(alice.id, QStringLiteral("k1"))).seq, 1);
        // Inside a savepoint, as every storage job runs.
        store->begin();
        store->savepoint(QStringLiteral("job"));
        QCOMPARE(kindThrownBy([&] {
                     store->appendMessage(chat.id, newMessage(alice.id, QStringLiteral("k1")));
                 }),
                 Kind::Conflict);
        store->rollbackToSavepoint(QStringLiteral("job"));
        store->releaseSavepoint(QStringLiteral("job"));
        store->commit();
        QCOMPARE(store->conversationById(chat.id)->lastSeq, 1);
        QCOMPARE(store->appendMessage(chat.id, newMessage(alice.id, QStringLiteral("k2"))).seq, 2);
    }

    void concurrentConnectionsAppendGaplessSeqs() {
        constexpr int kPerWriter = 40;
        qint64 chatId = 0;
        qint64 aliceId = 0;
        qint64 bobId = 0;
        {
            auto store = openStore();
            aliceId =
                store->insertUser(newUser(QStringLiteral("u_a"), QStringLiteral("alice")))->id;
            bobId = store->insertUser(newUser(QStringLiteral("u_b"), QStringLiteral("bob")))->id;
            chatId = store
                         ->insertConversation(NewConversation{QStringLiteral("c_1"),
                                                              QStringLiteral("group"),
                                                              QStringLiteral("G"),
                                                              aliceId,
                                                              {},
                                                              1})
                         .id;
        }
        // Two connections on two threads: nothing in the process orders their appends.
        QString aliceError;
        QString bobError;
        std::thread alice([&] {
            aliceError =
                appendFromOwnConnection(url_, chatId, aliceId, QStringLiteral("a"), kPerWriter);
        });
        std::thread bob([&] {
            bobError =
                appendFromOwnConnection(url_, chatId, bobId, QStringLiteral("b"), kPerWriter);
        });
        alice.join();
        bob.join();
        QCOMPARE(aliceError, QString());
        QCOMPARE(bobError, QString());

        auto store = openStore();
        const QList<MessageRecord> messages = store->messagesAfter(chatId, 0, 1000);
        QCOMPARE(messages.size(), 2 * kPerWriter);
        for (int i = 0; i < messages.size(); ++i) {
            QCOMPARE(messages.at(i).seq, qint64(i + 1));
        }
        QCOMPARE(store->conversationById(chatId)->lastSeq, qint64(2 * kPerWriter));
    }

    // Two nodes look for due offline summaries at the same moment (docs/protocol.md section 8):
    // the one that claims a summary keeps it; the other, waiting on its row, gets nothing.
    void dueSummaryIsClaimedByOneNode() {
        auto nodeA = openStore();
        const UserRecord bob =
            *nodeA->insertUser(newUser(QStringLiteral("u_b"), QStringLiteral("bob")));
        nodeA->addPendingNotification(bob.id, 100, 200);
        nodeA->begin();
        QCOMPARE(nodeA->claimDueNotifications(1'000, 61'000, 10).size(), 1);
        QList<PendingNotification> claimedByB;
        QString errorOfB;
        std::thread nodeB([&] {
            auto store = SqlStore::open(url_);
            errorOfB = inTransactionWithRetries(
                *store, [&] { claimedByB = store->claimDueNotifications(1'000, 61'000, 10); });
        });
        const bool bWaitedForA = anotherConnectionWaitsOn(*nodeA);
        nodeA->commit();
        nodeB.join();
        QVERIFY2(bWaitedForA, "node B never waited for the row node A claimed");
        QCOMPARE(errorOfB, QString());
        QCOMPARE(claimedByB.size(), 0);
        // After the lease a node that died holding it is replaced.
        QCOMPARE(nodeA->claimDueNotifications(61'001, 121'001, 10).size(), 1);
    }

    // Two nodes add one member each to a group one short of the cap at the same moment: exactly
    // one is added and the other is told group_full (each reads the member count, then writes;
    // the conversation's row lock keeps another node from acting in between).
    void groupCapHoldsWhenTwoNodesAddAtOnce() {
        constexpr int kRounds = 3;
        auto store = openStore();
        const UserRecord owner =
            *store->insertUser(newUser(QStringLiteral("u_owner"), QStringLiteral("owner")));
        const Identity ownerIdentity{owner.id, 1, owner.publicId, QStringLiteral("s_owner")};
        QList<UserRecord> crowd;
        store->begin();
        for (int i = 0; i < limits::kMaxGroupMembers - 2; ++i) {
            const QString name = QStringLiteral("member%1").arg(i);
            crowd.append(*store->insertUser(newUser(QStringLiteral("u_") + name, name)));
        }
        store->commit();
        for (int round = 0; round < kRounds; ++round) {
            const QString groupId = QStringLiteral("c_cap%1").arg(round);
            store->begin();
            const ConversationRecord group = store->insertConversation(NewConversation{
                groupId, QStringLiteral("group"), QStringLiteral("G"), owner.id, {}, 1});
            store->addMember(group.id, owner.id, 1);
            for (const UserRecord& user : crowd) {
                store->addMember(group.id, user.id, 1);
            }
            store->commit();
            QCOMPARE(store->members(group.id).size(), limits::kMaxGroupMembers - 1);
            const QString first = QStringLiteral("x%1").arg(round);
            const QString second = QStringLiteral("y%1").arg(round);
            store->insertUser(newUser(QStringLiteral("u_") + first, first));
            store->insertUser(newUser(QStringLiteral("u_") + second, second));

            std::latch start(2);
            QStringList outcomes(2);
            std::thread nodeA([&] {
                outcomes[0] = addMemberFromOwnConnection(url_, ownerIdentity, groupId,
                                                         QStringLiteral("u_") + first, start);
            });
            std::thread nodeB([&] {
                outcomes[1] = addMemberFromOwnConnection(url_, ownerIdentity, groupId,
                                                         QStringLiteral("u_") + second, start);
            });
            nodeA.join();
            nodeB.join();
            outcomes.sort();
            QCOMPARE(outcomes,
                     (QStringList{QStringLiteral("added"), QStringLiteral("group_full")}));
            QCOMPARE(store->members(group.id).size(), limits::kMaxGroupMembers);
        }
    }
};

QTEST_GUILESS_MAIN(TestSqlConcurrency)
#include "tst_sql_concurrency.moc"
