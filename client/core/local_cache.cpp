// LocalCache: opening the file, its schema and version, and deleting it. Reading and writing
// rows is in local_cache_rows.cpp.
#include "core/local_cache.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <atomic>

#include "core/local_cache_sql.h"
#include "core/logging.h"

namespace natter {
namespace {

const QStringList kTables = {QStringLiteral("users"), QStringLiteral("conversations"),
                             QStringLiteral("members"), QStringLiteral("messages"),
                             QStringLiteral("outbox")};

// A file whose name shows whose cache it is without needing more than the public id.
QString safeName(const QString& userId) {
    QString name;
    for (const QChar c : userId) {
        name.append(c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('-')
                        ? c
                        : QLatin1Char('_'));
    }
    return name;
}

bool runInTransaction(QSqlDatabase db, const QStringList& statements) {
    if (!db.transaction()) {
        return false;
    }
    for (const QString& statement : statements) {
        if (!cache_sql::run(db, statement)) {
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

QString newConnectionName() {
    static std::atomic<int> counter{0};
    return QStringLiteral("natter-cache-%1").arg(++counter);
}

}  // namespace

namespace cache_sql {

bool run(QSqlQuery& query) {
    if (query.exec()) {
        return true;
    }
    // The driver's text names the statement's problem, never the bound values.
    qCWarning(lcNatterStorage) << "cache query failed:" << query.lastError().text();
    return false;
}

bool run(const QSqlDatabase& db, const QString& statement) {
    QSqlQuery query(db);
    if (query.exec(statement)) {
        return true;
    }
    qCWarning(lcNatterStorage) << "cache statement failed:" << query.lastError().text();
    return false;
}

}  // namespace cache_sql

QString LocalCache::fileFor(const QString& dir, const QString& userId) {
    return QDir(dir).filePath(QStringLiteral("cache-%1.sqlite").arg(safeName(userId)));
}

bool LocalCache::removeFile(const QString& filePath) {
    bool gone = true;
    for (const QString& suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        const QString path = filePath + suffix;
        if (QFile::exists(path) && !QFile::remove(path)) {
            gone = false;
        }
    }
    return gone;
}

LocalCache::LocalCache(const QString& filePath)
    : filePath_(filePath), connectionName_(newConnectionName()) {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName_);
    db.setDatabaseName(filePath_);
    open_ = db.open() && prepareSchema();
    if (!open_) {
        // Unreadable or damaged: it is only a cache, so start a new one.
        qCWarning(lcNatterStorage) << "cache unusable, starting a new one";
        db.close();
        removeFile(filePath_);
        open_ = db.open() && prepareSchema();
    }
}

LocalCache::~LocalCache() {
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName_, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName_);
}

bool LocalCache::prepareSchema() {
    const QSqlDatabase db = QSqlDatabase::database(connectionName_, false);
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next()) {
        return false;
    }
    const int found = version.value(0).toInt();
    version.finish();
    // WAL with synchronous=NORMAL: a commit costs no fsync; a crash may lose the last
    // commits, which the next sync with the server brings back.
    // secure_delete: a deleted message's text (5.2a) is overwritten, not left in free pages.
    if (!cache_sql::run(db, QStringLiteral("PRAGMA journal_mode=WAL")) ||
        !cache_sql::run(db, QStringLiteral("PRAGMA synchronous=NORMAL")) ||
        !cache_sql::run(db, QStringLiteral("PRAGMA secure_delete=ON"))) {
        return false;
    }
    if (found == kSchemaVersion) {
        return true;
    }
    if (found == 1) {  // what it holds stays; the drafts table and the state column are new
        return createDraftsTable() && addStateColumn();
    }
    if (found == 2) {
        return addStateColumn();
    }
    if (found != 0) {
        qCInfo(lcNatterStorage) << "cache schema" << found << "is not" << kSchemaVersion
                                << "- rebuilding";
    }
    return dropTables() && createTables();
}

bool LocalCache::dropTables() {
    const QSqlDatabase db = QSqlDatabase::database(connectionName_, false);
    QStringList tables;
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%'"))) {
            return false;
        }
        while (query.next()) {
            tables << query.value(0).toString();
        }
    }
    for (const QString& table : std::as_const(tables)) {
        QString quoted = table;
        quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        if (!cache_sql::run(db, QStringLiteral("DROP TABLE \"%1\"").arg(quoted))) {
            return false;
        }
    }
    return true;
}

bool LocalCache::createTables() {
    QSqlDatabase db = QSqlDatabase::database(connectionName_, false);
    const QStringList statements = {
        QStringLiteral("CREATE TABLE users (id TEXT PRIMARY KEY, username TEXT, "
                       "display_name TEXT) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE conversations (id TEXT PRIMARY KEY, kind INTEGER NOT NULL, "
                       "name TEXT, owner_id TEXT, created_at INTEGER, "
                       "last_seq INTEGER NOT NULL, last_activity_at INTEGER, last_message TEXT, "
                       "has_read_state INTEGER NOT NULL, last_read_seq INTEGER NOT NULL, "
                       "unread_count INTEGER NOT NULL, read_positions TEXT, "
                       "cursor INTEGER NOT NULL, unread_counted_through INTEGER NOT NULL, "
                       "delivered_positions TEXT, has_safety_state INTEGER NOT NULL, "
                       "request INTEGER NOT NULL, blocked INTEGER NOT NULL, "
                       "muted INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE members (conversation_id TEXT, "
                       "position INTEGER NOT NULL, user_id TEXT, "
                       "PRIMARY KEY (conversation_id, position)) WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE messages (conversation_id TEXT, "
                       "seq INTEGER NOT NULL, id TEXT, sender_id TEXT, "
                       "client_message_id TEXT, type TEXT, body TEXT, "
                       "meta TEXT, sent_at INTEGER, state TEXT, "
                       "PRIMARY KEY (conversation_id, seq)) "
                       "WITHOUT ROWID"),
        QStringLiteral("CREATE TABLE outbox (position INTEGER PRIMARY KEY, "
                       "client_message_id TEXT, conversation_id TEXT, "
                       "recipient_id TEXT, sender_id TEXT, "
                       "type TEXT, body TEXT, sent_at INTEGER, "
                       "failed INTEGER NOT NULL, failure_text TEXT, reply_to_seq INTEGER)"),
    };
    return runInTransaction(db, statements) && createDraftsTable() && setSchemaVersion();
}

// Schema 2: what the user wrote in a conversation (or to a person) and has not sent yet.
bool LocalCache::createDraftsTable() {
    return runInTransaction(
        QSqlDatabase::database(connectionName_, false),
        {QStringLiteral("CREATE TABLE drafts (conversation_key TEXT PRIMARY KEY, "
                        "body TEXT NOT NULL) WITHOUT ROWID")});
}

// Schema 3: the messages' reply, edit, deletion and reaction state (docs/protocol.md 5.2a), and
// which message an unsent reply answers.
bool LocalCache::addStateColumn() {
    return runInTransaction(
               QSqlDatabase::database(connectionName_, false),
               {QStringLiteral("ALTER TABLE messages ADD COLUMN state TEXT"),
                QStringLiteral("ALTER TABLE outbox ADD COLUMN reply_to_seq INTEGER")}) &&
           setSchemaVersion();
}

bool LocalCache::setSchemaVersion() {
    return cache_sql::run(QSqlDatabase::database(connectionName_, false),
                          QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion));
}

bool LocalCache::clear() {
    QSqlDatabase db = QSqlDatabase::database(connectionName_, false);
    if (!open_ || !db.transaction()) {
        return false;
    }
    for (const QString& table : kTables) {
        if (!cache_sql::run(db, QStringLiteral("DELETE FROM %1").arg(table))) {
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

}  // namespace natter
