// Everything that differs between SQL databases, in one place: the URL scheme, the Qt driver,
// the per-connection setup, the few non-portable expressions, and how native error codes map to
// StoreError kinds. The statements in the sql_*.cpp files stay portable; migrations are per
// dialect (sql_migrations.h).
#pragma once

#include <QSqlError>
#include <QString>
#include <QStringList>

#include "ports/store_error.h"

namespace natter {

enum class SqlDialect { Sqlite, Postgres };

// A database URL taken apart.
struct DatabaseUrl {
    SqlDialect dialect = SqlDialect::Sqlite;
    QString databaseName;  // what the Qt driver opens (SQLite: the file path)
    // PostgreSQL only; empty/-1 leaves the choice to libpq (its defaults, PGPASSFILE, ~/.pgpass).
    QString host;
    int port = -1;
    QString userName;
    QString password;
    QString connectOptions;  // libpq keyword='value' pairs from the URL's query
};

// "sqlite:<path>" (or "sqlite://<path>"), or "postgres://[user[:password]@]host[:port]/db" (also
// "postgresql://"), whose query items (?sslmode=require&options=...) are passed to libpq as
// connection keywords. Anything else throws a StoreError that names what is accepted. The message
// never repeats the URL, which may hold a password.
DatabaseUrl parseDatabaseUrl(const QString& url);

QString qtDriverName(SqlDialect dialect);

// Statements run on every new connection before anything else.
QStringList connectionSetup(SqlDialect dialect);

// An ORDER BY term listing `alias`'s rows in the order they were inserted.
QString insertionOrder(SqlDialect dialect, const QString& alias);

// What ends a SELECT that locks the rows it reads until the transaction ends (" FOR UPDATE");
// empty where the database has a single writer anyway (SQLite) and no such clause.
QString rowLockClause(SqlDialect dialect);

// After rows were inserted with explicit ids: the statement that moves `table`'s id generator past
// the largest id, so the next insert does not collide; empty where the database needs none.
QString identityResync(SqlDialect dialect, const QString& table);

// Where the database is, for messages: the SQLite path, or PostgreSQL's host:port/db (no user,
// no password).
QString describeLocation(const DatabaseUrl& url);

// `text` with LIKE's wildcards escaped for "LIKE ? ESCAPE '\\'": matches itself only.
QString escapeLike(const QString& text);

// What kind of failure a statement's error is (see ports/store_error.h).
StoreError::Kind errorKind(SqlDialect dialect, const QSqlError& error);

}  // namespace natter
