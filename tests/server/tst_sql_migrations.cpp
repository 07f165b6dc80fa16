// Schema migrations: from an empty file and from every earlier version (with data in it) to the
// newest, each step atomic, and a refusal to run on a schema newer than this server knows.
#include <QtTest>

#include "sql_store_fixture.h"
#include "store/sql_store.h"

using namespace natter;

// The database comes from NATTER_TEST_STORE_URL like the other store suites (sql_store_fixture.h),
// so tst_sql_migrations_pg upgrades PostgreSQL schemas the same way.
class TestSqlMigrations : public QObject, private natter::test::SqlStoreFixture {
    Q_OBJECT
private:
    QString url_;
    QString freshUrl() const { return url_; }
    static SqlDialect dialect() {
        // The dialect of the configured store, without making a database for it.
        const QString configured = qEnvironmentVariable("NATTER_TEST_STORE_URL");
        return configured.startsWith(QLatin1StringView("postgres")) ? SqlDialect::Postgres
                                                                    : SqlDialect::Sqlite;
    }
    static int newest() { return migrationsFor(dialect()).constLast().version; }

private slots:
    void init() {
        const QString problem = prepareFreshDatabase(&url_);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void cleanup() { dropFreshDatabase(); }

    void emptyDatabaseReachesNewest() {
        auto store = SqlStore::open(freshUrl());
        QCOMPARE(store->schemaVersion(), 0);
        store->migrate();
        QCOMPARE(store->schemaVersion(), newest());
        store->migrate();  // a second start changes nothing
        QCOMPARE(store->schemaVersion(), newest());
    }

    void everyEarlierVersionUpgradesKeepingData_data() {
        QTest::addColumn<int>("from");
        for (const Migration& m : migrationsFor(dialect())) {
            if (m.version < newest()) {
                QTest::addRow("v%d", m.version) << m.version;
            }
        }
    }
    void everyEarlierVersionUpgradesKeepingData() {
        QFETCH(int, from);
        const QString url = freshUrl();
        {
            auto old = SqlStore::open(url);
            old->migrateTo(from);
            QCOMPARE(old->schemaVersion(), from);
            // Every version since 1 has the users table: put someone in it.
            old->exec(QStringLiteral(
                "INSERT INTO users (public_id, username, display_name, "
                "password_hash, created_at) VALUES ('u_x', 'carol', 'Carol', 'h', 1)"));
        }
        auto store = SqlStore::open(url);
        store->migrate();
        QCOMPARE(store->schemaVersion(), newest());
        const auto carol = store->userByUsername(QStringLiteral("carol"));
        QVERIFY(carol.has_value());
        QCOMPARE(carol->displayName, QStringLiteral("Carol"));
        // The upgraded schema works for everything the newest version offers.
        const auto session = store->insertSession(NewSession{
            QStringLiteral("s_x"), carol->id, QStringLiteral("hash"), QStringLiteral("Laptop"), 5});
        QCOMPARE(store->sessionByTokenHash(QStringLiteral("hash"))->id, session.id);
    }

    void chatsFromBeforeVersion5AreNoChatRequests() {
        const QString url = freshUrl();
        {
            auto old = SqlStore::open(url);
            old->migrateTo(4);
            old->exec(QStringLiteral(
                "INSERT INTO users (public_id, username, display_name, password_hash, created_at)"
                " VALUES ('u_a', 'ann', 'Ann', 'h', 1), ('u_b', 'ben', 'Ben', 'h', 1)"));
            old->exec(
                QStringLiteral("INSERT INTO conversations (public_id, kind, pair_key, created_at,"
                               " last_activity_at) VALUES ('c_old', 'private', '1:2', 1, 1)"));
        }
        auto store = SqlStore::open(url);
        store->migrate();
        // An established chat stays one: no request for either member after the upgrade.
        QCOMPARE(store->privateConversation(QStringLiteral("1:2"))->requestForUserId, 0);
        const auto ann = store->userByUsername(QStringLiteral("ann"));
        const auto ben = store->userByUsername(QStringLiteral("ben"));
        QVERIFY(!store->blockedEitherWay(ann->id, ben->id));
        QVERIFY(store->insertBlock(ann->id, ben->id, 5));
        QVERIFY(store->blockedEitherWay(ben->id, ann->id));
    }

    void newerSchemaIsRefused() {
        const QString url = freshUrl();
        {
            auto store = SqlStore::open(url);
            store->migrate();
            store->exec(QStringLiteral("UPDATE schema_version SET version = ?"), {newest() + 1});
        }
        auto store = SqlStore::open(url);
        QVERIFY_THROWS_EXCEPTION(StoreError, store->migrate());
    }

    void unsupportedUrlIsRefused() {
        QVERIFY_THROWS_EXCEPTION(StoreError, SqlStore::open(QStringLiteral("mysql://x")));
        QVERIFY_THROWS_EXCEPTION(StoreError, SqlStore::open(QStringLiteral("sqlite:")));
    }

    void databaseUrlsAreParsedPerDialect() {
        const DatabaseUrl plain = parseDatabaseUrl(QStringLiteral("sqlite:/var/lib/n.db"));
        QCOMPARE(plain.dialect, SqlDialect::Sqlite);
        QCOMPARE(plain.databaseName, QStringLiteral("/var/lib/n.db"));
        QCOMPARE(parseDatabaseUrl(QStringLiteral("sqlite:///var/lib/n.db")).databaseName,
                 QStringLiteral("/var/lib/n.db"));
        QCOMPARE(parseDatabaseUrl(QStringLiteral("sqlite:n.db")).databaseName,
                 QStringLiteral("n.db"));
        const DatabaseUrl pg = parseDatabaseUrl(
            QStringLiteral("postgres://natter:s%3Bcret@db.example:6543/chat?sslmode=require"));
        QCOMPARE(pg.dialect, SqlDialect::Postgres);
        QCOMPARE(pg.host, QStringLiteral("db.example"));
        QCOMPARE(pg.port, 6543);
        QCOMPARE(pg.userName, QStringLiteral("natter"));
        QCOMPARE(pg.password, QStringLiteral("s;cret"));
        QCOMPARE(pg.databaseName, QStringLiteral("chat"));
        QCOMPARE(pg.connectOptions, QStringLiteral("sslmode='require'"));
        // No password in the URL: libpq finds it in PGPASSFILE or ~/.pgpass.
        const DatabaseUrl noPassword =
            parseDatabaseUrl(QStringLiteral("postgresql://natter@db/natter"));
        QCOMPARE(noPassword.password, QString());
        QCOMPARE(noPassword.port, -1);
        QVERIFY_THROWS_EXCEPTION(StoreError,
                                 parseDatabaseUrl(QStringLiteral("postgres:///natter")));
        QVERIFY_THROWS_EXCEPTION(
            StoreError, parseDatabaseUrl(QStringLiteral("postgres://h/d?options=-c%20a%3Bb")));
    }

    void unreachablePostgresIsRetryableAndKeepsThePasswordSecret() {
        // Port 1 on loopback refuses at once: nothing listens there.
        const QString url = QStringLiteral("postgres://natter:s3cret@127.0.0.1:1/natter");
        try {
            SqlStore::open(url);
            QFAIL("a database that is not there was opened");
        } catch (const StoreError& e) {
            const QString why = QString::fromStdString(e.what());
            QVERIFY2(why.contains(QStringLiteral("127.0.0.1:1/natter")), qPrintable(why));
            QVERIFY2(!why.contains(QStringLiteral("s3cret")), qPrintable(why));
            QVERIFY(e.isRetryable());
        }
    }
};

QTEST_GUILESS_MAIN(TestSqlMigrations)
#include "tst_sql_migrations.moc"
