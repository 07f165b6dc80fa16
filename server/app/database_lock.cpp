#include "database_lock.h"

#include "store/sql_dialect.h"

namespace natter {

DatabaseLockOrError lockDatabase(const QString& databaseUrl) {
    const DatabaseUrl url = parseDatabaseUrl(databaseUrl);
    if (url.dialect != SqlDialect::Sqlite) {
        return std::unique_ptr<QLockFile>();
    }
    auto lock = std::make_unique<QLockFile>(url.databaseName + QStringLiteral(".lock"));
    // No wait: the lock is held for a server's whole life; only a dead holder's lock is stale.
    lock->setStaleLockTime(0);
    if (lock->tryLock(0)) {
        return lock;
    }
    if (lock->error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host;
        QString application;
        lock->getLockInfo(&pid, &host, &application);
        return QStringLiteral("%1 is in use by another natter-server (process %2); stop it first")
            .arg(url.databaseName)
            .arg(pid);
    }
    return QStringLiteral("cannot create the lock file %1.lock").arg(url.databaseName);
}

}  // namespace natter
