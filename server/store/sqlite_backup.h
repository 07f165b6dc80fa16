// Online backup and offline restore of the SQLite database (docs/operations.md, "Backup and
// restore"). The backup is SQLite's VACUUM INTO: one read transaction, so it is a consistent
// snapshot of a running server's database (WAL included) that never blocks the server's writes.
// Both write to a temporary name, fsync and rename, so a crash never leaves a half file under the
// final name. PostgreSQL is backed up with pg_dump instead.
#pragma once

#include <QString>

namespace natter {

// What a verified backup holds.
struct BackupSummary {
    int schemaVersion = 0;
    qint64 users = 0;
    qint64 conversations = 0;
    qint64 messages = 0;
    qint64 bytes = 0;
};

// Writes a consistent copy of the SQLite database at `databasePath` to `targetPath` (which must
// not exist) and verifies it. Throws StoreError.
BackupSummary backupSqlite(const QString& databasePath, const QString& targetPath);

// Checks that `path` is a Natter SQLite database this server can run (integrity check, schema
// version at most `newestSchemaVersion`) and counts what it holds. Throws StoreError.
BackupSummary verifySqliteBackup(const QString& path, int newestSchemaVersion);

// Replaces the database at `databasePath` (and its -wal/-shm files) with the backup at
// `backupPath`, after verifying it. The caller makes sure no server uses the database.
BackupSummary restoreSqlite(const QString& backupPath, const QString& databasePath,
                            int newestSchemaVersion);

}  // namespace natter
