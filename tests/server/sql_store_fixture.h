// A fresh, migrated, empty store per test, and the way the store tests make users: the fixture
// tst_sql_store and tst_sql_safety build on (openFreshStore); tst_sql_concurrency,
// tst_sql_migrations and tst_storage_executor take just the fresh database (prepareFreshDatabase).
//
// The database comes from the environment variable NATTER_TEST_STORE_URL (docs/testing.md), so the
// same suites can run against another database without changing a line of them:
//  - unset: a new SQLite file in a temporary directory per test (needs no setup);
//  - "sqlite:<dir>": a new SQLite file per test in that existing directory (e.g. another file
//    system); each file is removed after its test;
//  - "postgresql": a private PostgreSQL (tests/support/postgres_server.h), started once per test
//    program on a free loopback port and stopped at its end; each test gets a schema there as
//    below. If it cannot start, every test fails with the reason;
//  - "postgres://user@host:port/db" (or postgresql://): that database; each test gets a schema of
//    its own (CREATE SCHEMA natter_test_<uuid>, the test's connections opened with search_path set
//    to it, DROP SCHEMA ... CASCADE after the test), so that tests see an empty database without
//    one database per test. The user must be allowed to create schemas there;
//  - anything else is opened as given.
// A URL that cannot be opened, or a database that is not empty, fails the test with the reason:
// the suites never fall back to SQLite and never skip.
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>
#include <QtTest>
#include <exception>
#include <memory>

#include "postgres_server.h"
#include "store/sql_store.h"

namespace natter::test {

class SqlStoreFixture {
protected:
    // Opens a fresh, empty, migrated store into store_; fails the current test when it cannot.
    void openFreshStore() {
        QString url;
        QString problem = prepareFreshDatabase(&url);
        if (problem.isEmpty()) {
            problem = openEmptyAndMigrate(url);
        }
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void closeStore() {
        store_.reset();
        dropFreshDatabase();
    }
    // A user named `name` (display name in capitals, public id u_<name>).
    UserRecord addUser(const QString& name) {
        return *store_->insertUser(
            NewUser{QStringLiteral("u_") + name, name, name.toUpper(), QStringLiteral("hash"), 1});
    }

    // For suites that open connections themselves: the URL of a new, empty database in *url (a
    // SQLite file, or a PostgreSQL schema); a description of the problem when there is none.
    // Every connection opened from *url sees the same database; dropFreshDatabase removes it
    // once they are closed.
    QString prepareFreshDatabase(QString* url) {
        const QString configured = qEnvironmentVariable(kStoreUrlVariable);
        if (configured.isEmpty()) {
            *url = newSqliteFileIn(dir_.path());
            return {};
        }
        if (configured == kPrivatePostgres) {
            QString problem;
            const PostgresServer& server = sharedPostgres(&problem);
            return problem.isEmpty() ? newSchemaIn(server.url(), url) : problem;
        }
        if (configured.startsWith(kPostgresScheme) || configured.startsWith(kPostgresqlScheme)) {
            return newSchemaIn(configured, url);
        }
        if (!configured.startsWith(kSqliteScheme)) {
            *url = configured;
            return {};
        }
        const QString directory = configured.mid(kSqliteScheme.size());
        if (!QFileInfo(directory).isDir()) {
            return QStringLiteral(
                       "%1=%2: a sqlite: URL here names an existing directory, in which "
                       "each test gets a new database file")
                .arg(QLatin1StringView(kStoreUrlVariable), configured);
        }
        *url = newSqliteFileIn(directory);
        return {};
    }
    void dropFreshDatabase() {
        if (!sqliteFile_.isEmpty()) {
            for (const char* suffix : {"", "-wal", "-shm"}) {
                QFile::remove(sqliteFile_ + QLatin1StringView(suffix));
            }
            sqliteFile_.clear();
        }
        if (schemaOwner_) {
            try {
                schemaOwner_->command(QStringLiteral("DROP SCHEMA ") + schema_ +
                                      QStringLiteral(" CASCADE"));
            } catch (const StoreError& error) {
                qWarning("could not drop the test schema %s: %s", qPrintable(schema_),
                         error.what());
            }
            schemaOwner_.reset();
        }
    }

    std::unique_ptr<SqlStore> store_;

private:
    static constexpr const char* kStoreUrlVariable = "NATTER_TEST_STORE_URL";
    static constexpr QLatin1StringView kSqliteScheme{"sqlite:"};
    static constexpr QLatin1StringView kPostgresScheme{"postgres://"};
    static constexpr QLatin1StringView kPostgresqlScheme{"postgresql://"};
    static constexpr QLatin1StringView kPrivatePostgres{"postgresql"};

    // The one private PostgreSQL of this test program, started on first use; *problem says why
    // it is not running.
    static const PostgresServer& sharedPostgres(QString* problem) {
        static std::unique_ptr<PostgresServer> server;
        static QString startProblem;
        if (!server) {
            server = std::make_unique<PostgresServer>();
            startProblem = server->start();
            // Stopped while QCoreApplication still exists, not in the static destructors.
            qAddPostRoutine([] { server->stop(); });
        }
        *problem = startProblem;
        return *server;
    }
    // Creates an empty schema in the database at `baseUrl`; *url opens connections into it.
    QString newSchemaIn(const QString& baseUrl, QString* url) {
        const QString shown = QUrl(baseUrl).toString(QUrl::RemovePassword);
        const QString schema =
            QStringLiteral("natter_test_") + QUuid::createUuid().toString(QUuid::Id128);
        try {
            schemaOwner_ = SqlStore::open(baseUrl);
            schemaOwner_->command(QStringLiteral("CREATE SCHEMA ") + schema);
        } catch (const std::exception& error) {
            schemaOwner_.reset();
            return QStringLiteral("cannot create a test schema in %1: %2")
                .arg(shown, QString::fromUtf8(error.what()).replace(baseUrl, shown));
        }
        schema_ = schema;
        QUrl withSchema(baseUrl);
        QUrlQuery query(withSchema);
        query.addQueryItem(QStringLiteral("options"), QStringLiteral("-c search_path=") + schema);
        withSchema.setQuery(query);
        *url = withSchema.toString(QUrl::FullyEncoded);
        return {};
    }
    QString newSqliteFileIn(const QString& directory) {
        sqliteFile_ = QDir(directory).filePath(QUuid::createUuid().toString(QUuid::Id128) +
                                               QStringLiteral(".db"));
        return kSqliteScheme + sqliteFile_;
    }
    // Opens `url`, checks that it holds no schema yet and migrates it; the problem, or empty.
    QString openEmptyAndMigrate(const QString& url) {
        // A postgresql URL may carry a password, which has no place in a test log.
        const QString shown = QUrl(url).toString(QUrl::RemovePassword);
        try {
            store_ = SqlStore::open(url);
            if (const int version = store_->schemaVersion(); version != 0) {
                store_.reset();
                return QStringLiteral(
                           "the test store %1 is not empty (schema version %2); the "
                           "store suites need an empty database")
                    .arg(shown)
                    .arg(version);
            }
            store_->migrate();
        } catch (const std::exception& error) {  // StoreError, or whatever the driver threw
            store_.reset();
            return QStringLiteral("cannot open the test store %1 (%2): %3")
                .arg(shown, QLatin1StringView(kStoreUrlVariable),
                     QString::fromUtf8(error.what()).replace(url, shown));
        }
        return {};
    }

    QTemporaryDir dir_;
    QString sqliteFile_;                     // this test's SQLite file, removed afterwards
    std::unique_ptr<SqlStore> schemaOwner_;  // the connection that made this test's schema
    QString schema_;                         // and its name, dropped afterwards
};

}  // namespace natter::test
