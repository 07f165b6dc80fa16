#include "sqlite_backup.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QThread>

#include "content_copy.h"
#include "durable_file.h"
#include "ports/store_error.h"
#include "sql_store.h"

namespace natter {

namespace {

// A snapshot whose files are gone by the time they are copied is taken again, at most this often.
constexpr int kSnapshotAttempts = 3;
constexpr int kSnapshotRetryPauseMs = 200;

qint64 countRows(SqlStore& store, const QString& table) {
    QSqlQuery& query = store.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table);
    return query.next() ? query.value(0).toLongLong() : 0;
}

std::unique_ptr<SqlStore> openSqlite(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw StoreError(QStringLiteral("cannot read %1").arg(path));
    }
    // SQLite would refuse it too, but only after its connection setup failed half-way.
    if (file.read(16) != QByteArrayLiteral("SQLite format 3\0")) {
        throw StoreError(QStringLiteral("%1 is not a SQLite database").arg(path));
    }
    return SqlStore::open(QStringLiteral("sqlite:") + path);
}

// What the database at `path` knows of the files: the content of its finished uploads and the
// ids of its unfinished ones (none before the schema had files).
struct StoredFiles {
    QStringList content;
    QSet<QString> unfinishedUploads;
};

StoredFiles storedFiles(const QString& path) {
    auto store = openSqlite(path);
    StoredFiles stored;
    if (!store
             ->exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table'"
                                   " AND name = 'files'"))
             .next()) {
        return stored;
    }
    QSqlQuery& content =
        store->exec(QStringLiteral("SELECT DISTINCT sha256 FROM files WHERE finished = 1"));
    while (content.next()) {
        stored.content.append(content.value(0).toString());
    }
    QSqlQuery& unfinished =
        store->exec(QStringLiteral("SELECT upload_id FROM files WHERE finished = 0"));
    while (unfinished.next()) {
        stored.unfinishedUploads.insert(unfinished.value(0).toString());
    }
    return stored;
}

QSet<QString> setOf(const QStringList& list) {
    return QSet<QString>(list.cbegin(), list.cend());
}

struct Snapshot {
    BackupSummary summary;
    QStringList content;  // every file content the snapshot references
    QStringList missing;  // those of them the live files no longer held
};

// Snapshots the database to `temporary` and copies the files it references to `filesTemporary`.
Snapshot snapshotOnce(const QString& databasePath, const QString& filesRoot,
                      const QString& temporary, const QString& filesTemporary) {
    QFile::remove(temporary);
    int newest = 0;
    {
        auto live = openSqlite(databasePath);
        newest = live->schemaVersion();
        live->exec(QStringLiteral("VACUUM INTO ?"), {temporary});
    }
    Snapshot snapshot{verifySqliteBackup(temporary, newest), storedFiles(temporary).content, {}};
    const ContentCopy copy = copyContent(filesRoot, filesTemporary, snapshot.content);
    snapshot.summary.files = copy.files;
    snapshot.summary.fileBytes = copy.bytes;
    snapshot.missing = copy.missing;
    return snapshot;
}

// A snapshot whose files were all there. The server removes a file's content in the transaction
// that forgets the file, just before its commit, so a snapshot taken in between names content
// that is gone; a later snapshot no longer does. Content that stays missing is an error.
Snapshot snapshotWithFiles(const QString& databasePath, const QString& filesRoot,
                           const QString& temporary, const QString& filesTemporary) {
    for (int attempt = 1;; ++attempt) {
        Snapshot snapshot = snapshotOnce(databasePath, filesRoot, temporary, filesTemporary);
        if (snapshot.missing.isEmpty()) {
            return snapshot;
        }
        if (attempt == kSnapshotAttempts) {
            throw StoreError(QStringLiteral("the database references %1 files that %2 does not "
                                            "hold (the first: %3)")
                                 .arg(snapshot.missing.size())
                                 .arg(filesRoot, snapshot.missing.constFirst()));
        }
        QThread::msleep(kSnapshotRetryPauseMs);
    }
}

void removeTemporaries(const QString& temporary, const QString& filesTemporary) {
    QFile::remove(temporary);
    QDir(filesTemporary).removeRecursively();
}

// Puts the verified backup in place of the database at `databasePath`.
void replaceDatabase(const QString& backupPath, const QString& databasePath) {
    QDir().mkpath(QFileInfo(databasePath).absolutePath());
    const QString temporary = durable::temporaryNameFor(databasePath);
    QFile::remove(temporary);
    if (!QFile::copy(backupPath, temporary)) {
        throw StoreError(QStringLiteral("cannot copy %1 to %2").arg(backupPath, temporary));
    }
    // The old database's write-ahead log must not be replayed onto the restored file. Folding it
    // into the old file first keeps the old database whole should the rename below fail.
    if (QFileInfo::exists(databasePath)) {
        openSqlite(databasePath)->exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    for (const char* suffix : {"-wal", "-shm", "-journal"}) {
        QFile::remove(databasePath + QLatin1StringView(suffix));
    }
    durable::commitRename(temporary, databasePath);
}

}  // namespace

QString backupFilesRoot(const QString& backupPath) {
    return backupPath + QStringLiteral(".files");
}

BackupSummary verifySqliteBackup(const QString& path, int newestSchemaVersion) {
    auto store = openSqlite(path);
    QSqlQuery& check = store->exec(QStringLiteral("PRAGMA integrity_check"));
    const QString verdict = check.next() ? check.value(0).toString() : QString();
    if (verdict != QStringLiteral("ok")) {
        throw StoreError(QStringLiteral("%1 is damaged: %2").arg(path, verdict));
    }
    BackupSummary summary;
    summary.schemaVersion = store->schemaVersion();
    if (summary.schemaVersion == 0 || summary.schemaVersion > newestSchemaVersion) {
        throw StoreError(QStringLiteral("%1 has schema version %2; this natter-server runs 1 to %3")
                             .arg(path)
                             .arg(summary.schemaVersion)
                             .arg(newestSchemaVersion));
    }
    summary.users = countRows(*store, QStringLiteral("users"));
    summary.conversations = countRows(*store, QStringLiteral("conversations"));
    summary.messages = countRows(*store, QStringLiteral("messages"));
    summary.bytes = QFileInfo(path).size();
    return summary;
}

BackupSummary backupSqlite(const QString& databasePath, const QString& filesRoot,
                           const QString& targetPath) {
    const QString filesTarget = backupFilesRoot(targetPath);
    for (const QString& taken : {targetPath, filesTarget}) {
        if (QFileInfo::exists(taken)) {
            throw StoreError(QStringLiteral("%1 exists already; name a new file").arg(taken));
        }
    }
    const QString temporary = durable::temporaryNameFor(targetPath);
    const QString filesTemporary = durable::temporaryNameFor(filesTarget);
    removeTemporaries(temporary, filesTemporary);  // left by an earlier backup that was killed
    try {
        const Snapshot snapshot =
            snapshotWithFiles(databasePath, filesRoot, temporary, filesTemporary);
        removeContentExcept(filesTemporary, setOf(snapshot.content));  // from an earlier attempt
        QDir().mkpath(filesTemporary);  // there even when the database references no file
        // The files first: a backup under its final name always has its files beside it.
        durable::commitRename(filesTemporary, filesTarget);
        durable::commitRename(temporary, targetPath);
        return snapshot.summary;
    } catch (const StoreError&) {
        removeTemporaries(temporary, filesTemporary);
        QDir(filesTarget).removeRecursively();
        throw;
    }
}

BackupSummary restoreSqlite(const QString& backupPath, const QString& databasePath,
                            const QString& filesRoot, int newestSchemaVersion) {
    BackupSummary summary = verifySqliteBackup(backupPath, newestSchemaVersion);
    const StoredFiles stored = storedFiles(backupPath);
    const QString backupFiles = backupFilesRoot(backupPath);
    // A backup made before backups held files has none; the data dir may still hold them.
    const QStringList missing = contentMissingFrom({backupFiles, filesRoot}, stored.content);
    if (!missing.isEmpty()) {
        throw StoreError(QStringLiteral("%1 references %2 files that neither %3 nor %4 holds "
                                        "(the first: %5)")
                             .arg(backupPath)
                             .arg(missing.size())
                             .arg(backupFiles, filesRoot, missing.constFirst()));
    }
    // The files go in first: until the database is replaced they are merely unreferenced.
    const ContentCopy copy = copyContent(backupFiles, filesRoot, stored.content);
    summary.files = copy.files;
    summary.fileBytes = copy.bytes;
    replaceDatabase(backupPath, databasePath);
    summary.filesRemoved = removeContentExcept(filesRoot, setOf(stored.content)) +
                           removeUploadsExcept(filesRoot, stored.unfinishedUploads);
    return summary;
}

}  // namespace natter
