#include "backup_command.h"

#include <QDir>
#include <cstdio>

#include "database_lock.h"
#include "ports/store_error.h"
#include "store/sql_dialect.h"
#include "store/sql_migrations.h"
#include "store/sqlite_backup.h"

namespace natter {

namespace {

// The SQLite file of the configured database, or an empty string after saying why there is none.
QString sqlitePathOrComplain(const ServerConfig& config, const char* postgresTool) {
    const DatabaseUrl url = parseDatabaseUrl(config.database);
    if (url.dialect != SqlDialect::Sqlite) {
        std::fprintf(stderr,
                     "natter-server: the database is PostgreSQL; back it up and restore it with "
                     "%s (docs/operations.md)\n",
                     postgresTool);
        return {};
    }
    return url.databaseName;
}

int newestSchemaVersion() {
    return migrationsFor(SqlDialect::Sqlite).constLast().version;
}

// `filesDir`: where the files counted are now.
void printSummary(const char* what, const QString& file, const BackupSummary& summary,
                  const QString& filesDir) {
    std::printf(
        "%s %s: schema version %d, %lld users, %lld conversations, %lld messages, "
        "%lld bytes; %lld files of %lld bytes in %s\n",
        what, qPrintable(file), summary.schemaVersion, static_cast<long long>(summary.users),
        static_cast<long long>(summary.conversations), static_cast<long long>(summary.messages),
        static_cast<long long>(summary.bytes), static_cast<long long>(summary.files),
        static_cast<long long>(summary.fileBytes), qPrintable(filesDir));
    std::fflush(stdout);
}

}  // namespace

int runBackupCommand(const ServerConfig& config) {
    try {
        const QString database = sqlitePathOrComplain(config, "pg_dump");
        if (database.isEmpty()) {
            return 2;
        }
        const QString target = QDir::current().absoluteFilePath(config.backupTo);
        printSummary("backed up to", target, backupSqlite(database, config.filesDir(), target),
                     backupFilesRoot(target));
        return 0;
    } catch (const StoreError& e) {
        std::fprintf(stderr, "natter-server: backup failed: %s\n", e.what());
        return 1;
    }
}

int runRestoreCommand(const ServerConfig& config) {
    try {
        const QString database = sqlitePathOrComplain(config, "pg_restore");
        if (database.isEmpty()) {
            return 2;
        }
        auto lock = lockDatabase(config.database);
        if (const auto* refusal = std::get_if<QString>(&lock)) {
            std::fprintf(stderr, "natter-server: not restored: %s\n", qPrintable(*refusal));
            return 1;
        }
        const QString backup = QDir::current().absoluteFilePath(config.restoreFrom);
        const BackupSummary summary =
            restoreSqlite(backup, database, config.filesDir(), newestSchemaVersion());
        printSummary("restored from", backup, summary, config.filesDir());
        std::printf("removed %lld files the restored database does not know from %s\n",
                    static_cast<long long>(summary.filesRemoved), qPrintable(config.filesDir()));
        return 0;
    } catch (const StoreError& e) {
        std::fprintf(stderr, "natter-server: restore failed (database unchanged): %s\n", e.what());
        return 1;
    }
}

}  // namespace natter
