// The verification of natter-server --migrate-from (store/database_copy.h), from a SQLite file into
// a private PostgreSQL: a copy whose rows do not come out as they went in is refused, names where
// it differs without repeating any value, and leaves the target empty. (The whole command, through
// real servers, is tst_chat_migrate_to_postgres.)
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "postgres_server.h"
#include "store/database_copy.h"
#include "store/sql_store.h"

using namespace natter;
using namespace natter::test;

class TestDatabaseCopy : public QObject {
    Q_OBJECT

private:
    PostgresServer postgres_;
    QTemporaryDir dir_;

private slots:
    void initTestCase() {
        const QString problem = postgres_.start();
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QVERIFY(dir_.isValid());
    }
    void cleanupTestCase() { postgres_.stop(); }

    void aCopyThatDiffersIsRefusedAndLeavesTheTargetEmpty() {
        auto source = SqlStore::open(QStringLiteral("sqlite:") +
                                     dir_.filePath(QStringLiteral("natter.sqlite3")));
        source->migrate();
        source->insertUser(NewUser{QStringLiteral("u_alice"), QStringLiteral("alice"),
                                   QStringLiteral("Alice"), QStringLiteral("secret-hash"), 1});
        auto target = SqlStore::open(postgres_.url());
        target->migrate();
        // A target that changes what it stores: the copy must notice.
        target->command(QStringLiteral(
            "CREATE FUNCTION shout() RETURNS trigger AS $$ BEGIN"
            " NEW.display_name := upper(NEW.display_name); RETURN NEW; END $$ LANGUAGE plpgsql"));
        target->command(
            QStringLiteral("CREATE TRIGGER shout BEFORE INSERT ON users"
                           " FOR EACH ROW EXECUTE FUNCTION shout()"));
        QString error;
        try {
            copyDatabase(*source, *target);
        } catch (const StoreError& e) {
            error = QString::fromUtf8(e.what());
        }
        QVERIFY2(error.contains(QStringLiteral(
                     "table users differs after the copy (row 1, column display_name)")),
                 qPrintable(error));
        for (const QString& value :
             {QStringLiteral("Alice"), QStringLiteral("ALICE"), QStringLiteral("secret-hash")}) {
            QVERIFY2(!error.contains(value), qPrintable(error));
        }
        QSqlQuery& users = target->exec(QStringLiteral("SELECT COUNT(*) FROM users"));
        QVERIFY(users.next());
        QCOMPARE(users.value(0).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDatabaseCopy)
#include "tst_database_copy.moc"
