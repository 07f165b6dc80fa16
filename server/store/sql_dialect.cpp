#include "sql_dialect.h"

namespace natter {
namespace {

// SQLite result codes (https://sqlite.org/rescode.html). Extended codes keep the primary code in
// their low byte: SQLITE_BUSY_SNAPSHOT (517) is BUSY, SQLITE_CONSTRAINT_UNIQUE (2067) and
// SQLITE_CONSTRAINT_PRIMARYKEY (1555) are CONSTRAINT.
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteConstraint = 19;
constexpr int kSqlitePrimaryCodeMask = 0xff;

StoreError::Kind sqliteErrorKind(const QSqlError& error) {
    bool numeric = false;
    const int code = error.nativeErrorCode().toInt(&numeric);
    if (!numeric) {
        return StoreError::Kind::Fatal;
    }
    switch (code & kSqlitePrimaryCodeMask) {
        case kSqliteBusy:
        case kSqliteLocked:
            return StoreError::Kind::Retryable;
        case kSqliteConstraint:
            return StoreError::Kind::Conflict;
        default:
            return StoreError::Kind::Fatal;
    }
}

struct DialectTraits {
    QString qtDriver;
    QStringList connectionSetup;
    QString insertionOrderColumn;
    StoreError::Kind (*errorKind)(const QSqlError&);
};

const DialectTraits& traitsOf(SqlDialect dialect) {
    // WAL lets readers proceed during writes; synchronous=FULL makes every commit durable before
    // the server acknowledges what it contains (group commit keeps the fsync count low). A writer
    // waits up to busy_timeout for another connection's lock before failing Retryable.
    static const DialectTraits sqlite{
        QStringLiteral("QSQLITE"),
        {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
         QStringLiteral("PRAGMA foreign_keys=ON"), QStringLiteral("PRAGMA busy_timeout=5000")},
        QStringLiteral("rowid"),
        sqliteErrorKind};
    switch (dialect) {
        case SqlDialect::Sqlite:
            return sqlite;
    }
    return sqlite;
}

QString schemeOf(const QString& url) {
    const qsizetype colon = url.indexOf(u':');
    return colon < 0 ? QString() : url.left(colon).toLower();
}

}  // namespace

DatabaseUrl parseDatabaseUrl(const QString& url) {
    const QString scheme = schemeOf(url);
    if (scheme == QLatin1StringView("sqlite")) {
        QString path = url.mid(scheme.size() + 1);
        if (path.startsWith(QLatin1StringView("//"))) {
            path = path.mid(2);
        }
        if (path.isEmpty()) {
            throw StoreError(QStringLiteral("database URL sqlite: names no file"));
        }
        return DatabaseUrl{SqlDialect::Sqlite, path};
    }
    if (scheme == QLatin1StringView("postgresql") || scheme == QLatin1StringView("postgres")) {
        throw StoreError(QStringLiteral("PostgreSQL support is not built yet; use sqlite:<path>"));
    }
    throw StoreError(
        QStringLiteral("unsupported database URL scheme \"%1\" (expected sqlite:<path>)")
            .arg(scheme));
}

QString qtDriverName(SqlDialect dialect) {
    return traitsOf(dialect).qtDriver;
}

QStringList connectionSetup(SqlDialect dialect) {
    return traitsOf(dialect).connectionSetup;
}

QString insertionOrder(SqlDialect dialect, const QString& alias) {
    return alias + u'.' + traitsOf(dialect).insertionOrderColumn;
}

StoreError::Kind errorKind(SqlDialect dialect, const QSqlError& error) {
    return traitsOf(dialect).errorKind(error);
}

}  // namespace natter
