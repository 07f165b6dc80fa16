#include "sqlite_backup.h"

#include <fcntl.h>
#include <unistd.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "ports/store_error.h"
#include "sql_store.h"

namespace natter {

namespace {

// fsync of a file or directory: the data of a renamed file, and the rename itself, reach the disk.
void syncPath(const QString& path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0) {
        ::close(fd);
    }
    if (!synced) {
        throw StoreError(QStringLiteral("cannot sync %1 to disk").arg(path));
    }
}

// Moves `temporary` to `target` once its contents are on disk, and makes the rename durable.
void commitFile(const QString& temporary, const QString& target) {
    syncPath(temporary);
    if (::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(target).constData()) !=
        0) {
        QFile::remove(temporary);
        throw StoreError(QStringLiteral("cannot rename %1 to %2").arg(temporary, target));
    }
    syncPath(QFileInfo(target).absolutePath());
}

QString temporaryNameFor(const QString& target) {
    return target + QStringLiteral(".partial");
}

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

}  // namespace

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

BackupSummary backupSqlite(const QString& databasePath, const QString& targetPath) {
    if (QFileInfo::exists(targetPath)) {
        throw StoreError(QStringLiteral("%1 exists already; name a new file").arg(targetPath));
    }
    const QString temporary = temporaryNameFor(targetPath);
    QFile::remove(temporary);  // left by an earlier backup that was killed
    int newest = 0;
    {
        auto live = openSqlite(databasePath);
        newest = live->schemaVersion();
        live->exec(QStringLiteral("VACUUM INTO ?"), {temporary});
    }
    try {
        const BackupSummary summary = verifySqliteBackup(temporary, newest);
        commitFile(temporary, targetPath);
        return summary;
    } catch (const StoreError&) {
        QFile::remove(temporary);
        throw;
    }
}

BackupSummary restoreSqlite(const QString& backupPath, const QString& databasePath,
                            int newestSchemaVersion) {
    BackupSummary summary = verifySqliteBackup(backupPath, newestSchemaVersion);
    QDir().mkpath(QFileInfo(databasePath).absolutePath());
    const QString temporary = temporaryNameFor(databasePath);
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
    commitFile(temporary, databasePath);
    return summary;
}

}  // namespace natter
