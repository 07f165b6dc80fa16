// A fresh, migrated, empty store per test, and the way the store tests make users: the fixture
// both tst_sql_store and tst_sql_safety build on.
//
// The database comes from the environment variable NATTER_TEST_STORE_URL (docs/testing.md), so the
// same suites can run against another database without changing a line of them:
//  - unset: a new SQLite file in a temporary directory per test (needs no setup);
//  - "sqlite:<dir>": a new SQLite file per test in that existing directory (e.g. another file
//    system); each file is removed after its test;
//  - any other URL is opened as given. SqlStore::open knows only sqlite: so far; once it opens
//    "postgresql://user@host/db" URLs, each test is to get a schema of its own there (CREATE SCHEMA
//    natter_test_<uuid>, the connection's search_path set to it, DROP SCHEMA ... CASCADE in
//    closeStore), so that tests see an empty database without one database per test. Until then
//    every such URL fails the test with SqlStore::open's reason.
// A URL that cannot be opened, or a database that is not empty, fails the test with the reason:
// the suites never fall back to SQLite and never skip.
#pragma once

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QUrl>
#include <QUuid>
#include <QtTest>
#include <exception>
#include <memory>

#include "store/sql_store.h"

namespace natter::test {

class SqlStoreFixture {
protected:
    // Opens a fresh, empty, migrated store into store_; fails the current test when it cannot.
    void openFreshStore() {
        QString url;
        QString problem = freshStoreUrl(&url);
        if (problem.isEmpty()) {
            problem = openEmptyAndMigrate(url);
        }
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    void closeStore() {
        store_.reset();
        if (!sqliteFile_.isEmpty()) {
            for (const char* suffix : {"", "-wal", "-shm"}) {
                QFile::remove(sqliteFile_ + QLatin1StringView(suffix));
            }
            sqliteFile_.clear();
        }
    }
    // A user named `name` (display name in capitals, public id u_<name>).
    UserRecord addUser(const QString& name) {
        return *store_->insertUser(
            NewUser{QStringLiteral("u_") + name, name, name.toUpper(), QStringLiteral("hash"), 1});
    }

    std::unique_ptr<SqlStore> store_;

private:
    static constexpr const char* kStoreUrlVariable = "NATTER_TEST_STORE_URL";
    static constexpr QLatin1StringView kSqliteScheme{"sqlite:"};

    // The URL for this test's store in *url; a description of the problem when there is none.
    QString freshStoreUrl(QString* url) {
        const QString configured = qEnvironmentVariable(kStoreUrlVariable);
        if (configured.isEmpty()) {
            *url = newSqliteFileIn(dir_.path());
            return {};
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
    QString sqliteFile_;  // this test's SQLite file, removed in closeStore
};

}  // namespace natter::test
