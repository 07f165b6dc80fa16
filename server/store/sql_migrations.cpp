#include "sql_migrations.h"

namespace natter {
namespace {

QList<Migration> sqliteMigrations() {
    return {
        {1,
         {QStringLiteral("CREATE TABLE users ("
                         " id INTEGER PRIMARY KEY,"
                         " public_id TEXT NOT NULL UNIQUE,"
                         " username TEXT NOT NULL UNIQUE,"
                         " display_name TEXT NOT NULL,"
                         " password_hash TEXT NOT NULL,"
                         " created_at INTEGER NOT NULL)")}},
        {2,
         {QStringLiteral("CREATE TABLE sessions ("
                         " id INTEGER PRIMARY KEY,"
                         " public_id TEXT NOT NULL UNIQUE,"
                         " user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,"
                         " token_hash TEXT NOT NULL UNIQUE,"
                         " device_name TEXT NOT NULL,"
                         " created_at INTEGER NOT NULL,"
                         " last_seen_at INTEGER NOT NULL)"),
          QStringLiteral("CREATE INDEX sessions_by_user ON sessions(user_id, last_seen_at)")}},
    };
}

}  // namespace

const QList<Migration>& migrationsFor(SqlDialect dialect) {
    static const QList<Migration> sqlite = sqliteMigrations();
    switch (dialect) {
        case SqlDialect::Sqlite: return sqlite;
    }
    return sqlite;
}

}  // namespace natter
