// Online backup and offline restore of the SQLite database and the files beside it
// (docs/operations.md, "Backup and restore"). The database copy is SQLite's VACUUM INTO: one read
// transaction, so it is a consistent snapshot of a running server's database (WAL included) that
// never blocks the server's writes. The files (FileBlobStore content) that snapshot references
// are copied after it into `<backup>.files`, so a backup never references a file it does not hold.
// Everything is written under temporary names, fsynced and renamed, the database last, so a crash
// never leaves a half backup under the final name. PostgreSQL is backed up with pg_dump instead.
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
    qint64 files = 0;         // file contents (attachments, by SHA-256) the database references
    qint64 fileBytes = 0;     // their size together
    qint64 filesRemoved = 0;  // restore: files of the data dir the restored database does not know
};

// Where the backup at `backupPath` keeps its files: `<backupPath>.files`, laid out like the
// data dir's `files` (content/<first two hex digits>/<sha256>).
QString backupFilesRoot(const QString& backupPath);

// Writes a consistent copy of the SQLite database at `databasePath` to `targetPath`, and of the
// files of `filesRoot` it references to backupFilesRoot(targetPath) (neither may exist), and
// verifies both. Throws StoreError.
BackupSummary backupSqlite(const QString& databasePath, const QString& filesRoot,
                           const QString& targetPath);

// Checks that `path` is a Natter SQLite database this server can run (integrity check, schema
// version at most `newestSchemaVersion`) and counts what it holds. Throws StoreError.
BackupSummary verifySqliteBackup(const QString& path, int newestSchemaVersion);

// Replaces the database at `databasePath` (and its -wal/-shm files) with the backup at
// `backupPath`, after verifying it, and puts the files it references under `filesRoot`, removing
// those the restored database does not know. The caller makes sure no server uses the database.
BackupSummary restoreSqlite(const QString& backupPath, const QString& databasePath,
                            const QString& filesRoot, int newestSchemaVersion);

}  // namespace natter
