// A fresh, migrated SQLite store per test (a new file in a temp dir each time), and the way the
// store tests make users: the fixture both tst_sql_store and tst_sql_safety build on.
#pragma once

#include <QTemporaryDir>
#include <QUuid>
#include <memory>

#include "store/sql_store.h"

namespace natter::test {

class SqlStoreFixture {
protected:
    void openFreshStore() {
        store_ = SqlStore::open(QStringLiteral("sqlite:") +
                                dir_.filePath(QUuid::createUuid().toString(QUuid::Id128)));
        store_->migrate();
    }
    void closeStore() { store_.reset(); }
    // A user named `name` (display name in capitals, public id u_<name>).
    UserRecord addUser(const QString& name) {
        return *store_->insertUser(
            NewUser{QStringLiteral("u_") + name, name, name.toUpper(), QStringLiteral("hash"), 1});
    }

    QTemporaryDir dir_;
    std::unique_ptr<SqlStore> store_;
};

}  // namespace natter::test
