// Everything that differs between SQL databases, in one place: the URL scheme, the Qt driver,
// the per-connection setup, the few non-portable expressions, and how native error codes map to
// StoreError kinds. The statements in the sql_*.cpp files stay portable; migrations are per
// dialect (sql_migrations.h). Only SQLite is built so far (PostgreSQL: issue 10).
#pragma once

#include <QSqlError>
#include <QString>
#include <QStringList>

#include "ports/store_error.h"

namespace natter {

enum class SqlDialect { Sqlite };

// A database URL taken apart.
struct DatabaseUrl {
    SqlDialect dialect;
    QString databaseName;  // what the Qt driver opens (SQLite: the file path)
};

// "sqlite:<path>" (or "sqlite://<path>"). Anything else throws a StoreError that names what is
// accepted; "postgresql://" and "postgres://" are recognised and answered "not built yet". The
// message never repeats the URL, which may hold a password.
DatabaseUrl parseDatabaseUrl(const QString& url);

QString qtDriverName(SqlDialect dialect);

// Statements run on every new connection before anything else.
QStringList connectionSetup(SqlDialect dialect);

// An ORDER BY term listing `alias`'s rows in the order they were inserted.
QString insertionOrder(SqlDialect dialect, const QString& alias);

// What kind of failure a statement's error is (see ports/store_error.h).
StoreError::Kind errorKind(SqlDialect dialect, const QSqlError& error);

}  // namespace natter
