#include "sql_dialect.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

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

// PostgreSQL SQLSTATE codes (appendix A of its manual); QPSQL reports them as the native code.
// Class 23 is integrity constraint violations (unique, foreign key, check, not null); class 08
// is connection exceptions; 40001 and 40P01 ask the client to run the transaction again.
constexpr QLatin1StringView kPgIntegrityClass{"23"};
constexpr QLatin1StringView kPgConnectionClass{"08"};
constexpr QLatin1StringView kPgSerializationFailure{"40001"};
constexpr QLatin1StringView kPgDeadlockDetected{"40P01"};

StoreError::Kind postgresErrorKind(const QSqlError& error) {
    const QString state = error.nativeErrorCode();
    if (state.size() != 5) {
        // No SQLSTATE: the driver lost the connection before the server answered.
        return error.type() == QSqlError::ConnectionError ? StoreError::Kind::Retryable
                                                          : StoreError::Kind::Fatal;
    }
    if (state.startsWith(kPgIntegrityClass)) {
        return StoreError::Kind::Conflict;
    }
    if (state.startsWith(kPgConnectionClass) || state == kPgSerializationFailure ||
        state == kPgDeadlockDetected) {
        return StoreError::Kind::Retryable;
    }
    return StoreError::Kind::Fatal;
}

struct DialectTraits {
    QString qtDriver;
    QStringList connectionSetup;
    QString insertionOrderColumn;
    QString rowLockClause;
    StoreError::Kind (*errorKind)(const QSqlError&);
};

const DialectTraits& traitsOf(SqlDialect dialect) {
    // WAL lets readers proceed during writes; synchronous=FULL makes every commit durable before
    // the server acknowledges what it contains (group commit keeps the fsync count low). A writer
    // waits up to busy_timeout for another connection's lock before failing Retryable.
    static const DialectTraits sqlite{
        QStringLiteral("QSQLITE"),
        {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=FULL"),
         QStringLiteral("PRAGMA foreign_keys=ON"), QStringLiteral("PRAGMA busy_timeout=5000"),
         // A deleted message's text must leave the file, not linger in a free page
         // (docs/protocol.md 5.2a): SQLite overwrites what it frees with zeros.
         QStringLiteral("PRAGMA secure_delete=ON")},
        QStringLiteral("rowid"),
        {},  // one writer per database: a read inside the write transaction is already exclusive
        sqliteErrorKind};
    // PostgreSQL runs at its default READ COMMITTED: each statement sees what others committed
    // before it, and a writer waits for another's row lock instead of failing. appendMessage's
    // UPDATE ... RETURNING last_seq holds the conversation's row lock to commit, so concurrent
    // appenders queue on it and seqs stay gapless without retries (under SERIALIZABLE two nodes
    // appending to one conversation kept failing each other with 40001). Rules that read several
    // rows before writing (the member cap, group ownership) first lock the conversation's row with
    // SELECT ... FOR UPDATE (SqlStore::lockConversation), so they stay exact with several nodes.
    // Notices ("already exists, skipping") would go to stderr.
    static const DialectTraits postgres{QStringLiteral("QPSQL"),
                                        {QStringLiteral("SET client_min_messages = warning")},
                                        QStringLiteral("member_order"),
                                        QStringLiteral(" FOR UPDATE"),
                                        postgresErrorKind};
    switch (dialect) {
        case SqlDialect::Sqlite:
            return sqlite;
        case SqlDialect::Postgres:
            return postgres;
    }
    return sqlite;
}

QString schemeOf(const QString& url) {
    const qsizetype colon = url.indexOf(u':');
    return colon < 0 ? QString() : url.left(colon).toLower();
}

// A libpq connection keyword value in single quotes (libpq's conninfo quoting).
QString libpqQuoted(QString value) {
    value.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
    return u'\'' + value + u'\'';
}

// The URL's query items as libpq "keyword='value'" pairs. QPSQL turns ';' into ' ' in its
// connect options, so a value may not hold one.
QString libpqOptions(const QUrl& url) {
    static const QRegularExpression keyword(QStringLiteral("^[a-z_]+$"));
    QStringList options;
    for (const auto& [key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (!keyword.match(key).hasMatch() || value.contains(u';')) {
            throw StoreError(
                QStringLiteral("database URL option \"%1\" is not a libpq keyword=value").arg(key));
        }
        options.append(key + u'=' + libpqQuoted(value));
    }
    return options.join(u' ');
}

DatabaseUrl parsePostgresUrl(const QString& text) {
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        throw StoreError(QStringLiteral(
            "database URL is not of the form postgres://user[:password]@host[:port]/database"));
    }
    DatabaseUrl parsed;
    parsed.dialect = SqlDialect::Postgres;
    parsed.databaseName = url.path(QUrl::FullyDecoded).mid(1);
    parsed.host = url.host(QUrl::FullyDecoded);
    parsed.port = url.port(-1);
    parsed.userName = url.userName(QUrl::FullyDecoded);
    parsed.password = url.password(QUrl::FullyDecoded);
    parsed.connectOptions = libpqOptions(url);
    return parsed;
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
        DatabaseUrl parsed;
        parsed.databaseName = path;
        return parsed;
    }
    if (scheme == QLatin1StringView("postgresql") || scheme == QLatin1StringView("postgres")) {
        return parsePostgresUrl(url);
    }
    throw StoreError(QStringLiteral("unsupported database URL scheme \"%1\" (expected sqlite:<path>"
                                    " or postgres://host/database)")
                         .arg(scheme));
}

QString describeLocation(const DatabaseUrl& url) {
    if (url.dialect == SqlDialect::Sqlite) {
        return url.databaseName;
    }
    const QString port = url.port < 0 ? QString() : u':' + QString::number(url.port);
    return QStringLiteral("postgres://%1%2/%3").arg(url.host, port, url.databaseName);
}

QString qtDriverName(SqlDialect dialect) {
    return traitsOf(dialect).qtDriver;
}

QStringList connectionSetup(SqlDialect dialect) {
    return traitsOf(dialect).connectionSetup;
}

QString escapeLike(const QString& text) {
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return escaped;
}

QString insertionOrder(SqlDialect dialect, const QString& alias) {
    return alias + u'.' + traitsOf(dialect).insertionOrderColumn;
}

QString rowLockClause(SqlDialect dialect) {
    return traitsOf(dialect).rowLockClause;
}

QString identityResync(SqlDialect dialect, const QString& table) {
    if (dialect == SqlDialect::Sqlite) {
        return {};  // an INTEGER PRIMARY KEY continues from the largest rowid by itself
    }
    // setval's third argument false: the next value is exactly 1 for an empty table.
    return QStringLiteral(
               "SELECT setval(pg_get_serial_sequence('%1', 'id'),"
               " COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM %1")
        .arg(table);
}

StoreError::Kind errorKind(SqlDialect dialect, const QSqlError& error) {
    return traitsOf(dialect).errorKind(error);
}

}  // namespace natter
