#include "sql_store.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlRecord>
#include <atomic>

namespace natter {
namespace {

std::atomic<int> gConnectionCounter{0};

QString uniqueConnectionName() {
    return QStringLiteral("natter-store-%1").arg(gConnectionCounter.fetch_add(1));
}

SessionRecord sessionFrom(const QSqlQuery& q) {
    return SessionRecord{q.value(0).toLongLong(), q.value(1).toString(),   q.value(2).toLongLong(),
                         q.value(3).toString(),   q.value(4).toLongLong(), q.value(5).toLongLong()};
}

constexpr qsizetype kMaxPreparedStatements = 256;

const QString kSessionColumns =
    QStringLiteral("id, public_id, user_id, device_name, created_at, last_seen_at");
const QString kUserColumns =
    QStringLiteral("id, public_id, username, display_name, password_hash, created_at, disabled_at");

}  // namespace

std::unique_ptr<SqlStore> SqlStore::open(const QString& url) {
    const DatabaseUrl parsed = parseDatabaseUrl(url);
    const QString name = uniqueConnectionName();
    QSqlDatabase db = QSqlDatabase::addDatabase(qtDriverName(parsed.dialect), name);
    db.setDatabaseName(parsed.databaseName);
    db.setHostName(parsed.host);
    db.setPort(parsed.port);
    db.setUserName(parsed.userName);
    db.setPassword(parsed.password);
    db.setConnectOptions(parsed.connectOptions);
    if (!db.open()) {
        // The driver's text is libpq's or SQLite's reason; neither repeats the password.
        const QString why = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw StoreError(
            QStringLiteral("cannot open database %1: %2").arg(describeLocation(parsed), why),
            errorKind(parsed.dialect, QSqlError(QString(), why, QSqlError::ConnectionError)));
    }
    std::unique_ptr<SqlStore> store(new SqlStore(db, parsed.dialect));
    for (const QString& statement : connectionSetup(parsed.dialect)) {
        store->command(statement);
    }
    return store;
}

SqlStore::SqlStore(QSqlDatabase db, SqlDialect dialect)
    : connectionName_(db.connectionName()), db_(std::move(db)), dialect_(dialect) {}

SqlStore::~SqlStore() {
    used_.clear();
    prepared_.clear();
    db_.close();
    db_ = QSqlDatabase();
    QSqlDatabase::removeDatabase(connectionName_);
}

QSqlQuery& SqlStore::exec(const QString& sql, const QVariantList& bindings) {
    if (!inTransaction_) {
        // Outside a transaction an unfinished SELECT would keep its read snapshot open: later
        // statements would not see other connections' commits, and a write would fail BUSY.
        finishStatements();
        reconnectIfLost();
    }
    auto cached = prepared_.find(sql);
    if (cached == prepared_.end()) {
        if (prepared_.size() >= kMaxPreparedStatements) {
            finishStatements();
            prepared_.clear();  // bounded: a few statements are built with variable text
        }
        QSqlQuery query(db_);
        if (!query.prepare(sql)) {
            fail(QStringLiteral("prepare failed"), query, sql);
        }
        cached = prepared_.emplace(sql, std::move(query)).first;
    }
    QSqlQuery& query = cached->second;
    query.finish();
    used_.push_back(&query);
    for (int i = 0; i < bindings.size(); ++i) {
        query.bindValue(i, bindings.at(i));
    }
    if (!query.exec()) {
        fail(QStringLiteral("query failed"), query, sql);
    }
    return query;
}

void SqlStore::command(const QString& sql) {
    if (!inTransaction_) {
        finishStatements();
        reconnectIfLost();
    }
    QSqlQuery query(db_);
    if (!query.exec(sql)) {
        fail(QStringLiteral("statement failed"), query, sql);
    }
}

void SqlStore::reconnectIfLost() {
    if (db_.isOpen()) {
        return;
    }
    // The driver closed the connection when the server went away (see fail). Statements were
    // prepared on that connection, so they go with it; the next transaction starts on a new one.
    used_.clear();
    prepared_.clear();
    if (!db_.open()) {
        throw StoreError(QStringLiteral("database connection lost, reconnecting failed: %1")
                             .arg(db_.lastError().text()),
                         StoreError::Kind::Retryable);
    }
    for (const QString& statement : connectionSetup(dialect_)) {
        QSqlQuery setup(db_);
        if (!setup.exec(statement)) {
            fail(QStringLiteral("connection setup failed"), setup, statement);
        }
    }
}

void SqlStore::fail(const QString& what, const QSqlQuery& query, const QString& sql) const {
    const QSqlError error = query.lastError();
    // A driver that finds its connection gone closes the database (QPSQL does): whatever the
    // code, running the transaction again on a new connection may well succeed.
    const StoreError::Kind kind =
        db_.isOpen() ? errorKind(dialect_, error) : StoreError::Kind::Retryable;
    // The SQL text, not the bound values: those may be message text or token hashes. For the
    // same reason PostgreSQL's DETAIL line goes ("Key (token_hash)=(...) already exists").
    static const QRegularExpression detailLine(QStringLiteral("\\n?DETAIL:[^\\n]*"));
    const QString reason = error.text().remove(detailLine);
    throw StoreError(QStringLiteral("%1: %2 (%3)").arg(what, reason, sql), kind);
}

std::optional<qint64> SqlStore::execReturning(const QString& sql, const QVariantList& bindings) {
    QSqlQuery& query = exec(sql, bindings);
    std::optional<qint64> value;
    if (query.next()) {
        value = query.value(0).toLongLong();
    }
    query.finish();
    return value;
}

QStringList SqlStore::tableNames() const {
    return db_.tables(QSql::Tables);
}

QStringList SqlStore::columnNames(const QString& table) const {
    const QSqlRecord record = db_.record(table);
    QStringList names;
    for (int i = 0; i < record.count(); ++i) {
        names.append(record.fieldName(i));
    }
    return names;
}

int SqlStore::schemaVersion() {
    command(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
    QSqlQuery& q = exec(QStringLiteral("SELECT MAX(version) FROM schema_version"));
    return q.next() ? q.value(0).toInt() : 0;
}

void SqlStore::migrate() {
    migrateTo(migrationsFor(dialect_).constLast().version);
}

void SqlStore::migrateTo(int target) {
    const int current = schemaVersion();
    const int newest = migrationsFor(dialect_).constLast().version;
    if (current > newest) {
        throw StoreError(QStringLiteral("database schema version %1 is newer than this server "
                                        "understands (%2)")
                             .arg(current)
                             .arg(newest));
    }
    for (const Migration& migration : migrationsFor(dialect_)) {
        if (migration.version <= current || migration.version > target) {
            continue;
        }
        begin();
        try {
            for (const QString& statement : migration.statements) {
                command(statement);
            }
            exec(QStringLiteral("DELETE FROM schema_version"));
            exec(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"),
                 {migration.version});
            commit();
        } catch (const StoreError&) {
            rollback();
            throw;
        }
    }
}

void SqlStore::begin() {
    command(QStringLiteral("BEGIN"));
    inTransaction_ = true;
}

void SqlStore::commit() {
    finishStatements();
    command(QStringLiteral("COMMIT"));
    inTransaction_ = false;  // a failed COMMIT leaves the transaction open for rollback()
}

void SqlStore::rollback() {
    finishStatements();
    inTransaction_ = false;
    command(QStringLiteral("ROLLBACK"));
}

void SqlStore::finishStatements() {
    // A cached SELECT whose rows were not all read stays active, and SQLite refuses COMMIT and
    // savepoints while statements are active: reset every statement used since the last boundary.
    for (QSqlQuery* query : used_) {
        query->finish();
    }
    used_.clear();
}
void SqlStore::savepoint(const QString& name) {
    finishStatements();
    command(QStringLiteral("SAVEPOINT ") + name);
}

void SqlStore::releaseSavepoint(const QString& name) {
    finishStatements();
    command(QStringLiteral("RELEASE SAVEPOINT ") + name);
}

void SqlStore::rollbackToSavepoint(const QString& name) {
    finishStatements();
    command(QStringLiteral("ROLLBACK TO SAVEPOINT ") + name);
}

std::optional<UserRecord> SqlStore::oneUser(QSqlQuery& q) {
    if (!q.next()) {
        return std::nullopt;
    }
    return UserRecord{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                      q.value(3).toString(),   q.value(4).toString(), q.value(5).toLongLong(),
                      q.value(6).toLongLong()};
}

std::optional<UserRecord> SqlStore::userByUsername(const QString& username) {
    QSqlQuery& q = exec(
        QStringLiteral("SELECT ") + kUserColumns + QStringLiteral(" FROM users WHERE username = ?"),
        {username});
    return oneUser(q);
}

std::optional<UserRecord> SqlStore::userById(qint64 id) {
    QSqlQuery& q =
        exec(QStringLiteral("SELECT ") + kUserColumns + QStringLiteral(" FROM users WHERE id = ?"),
             {id});
    return oneUser(q);
}

std::optional<UserRecord> SqlStore::userByPublicId(const QString& publicId) {
    QSqlQuery& q = exec(QStringLiteral("SELECT ") + kUserColumns +
                            QStringLiteral(" FROM users WHERE public_id = ?"),
                        {publicId});
    return oneUser(q);
}

std::optional<UserRecord> SqlStore::insertUser(const NewUser& user) {
    // The unique key on username decides, in the same statement: no check-then-insert race.
    const auto id = execReturning(
        QStringLiteral("INSERT INTO users (public_id, username, display_name, search_name,"
                       " password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                       " ON CONFLICT (username) DO NOTHING RETURNING id"),
        {user.publicId, user.username, user.displayName, user.displayName.toCaseFolded(),
         user.passwordHash, user.createdAt});
    if (!id) {
        return std::nullopt;
    }
    return UserRecord{
        *id, user.publicId, user.username, user.displayName, user.passwordHash, user.createdAt};
}

std::optional<UserRecord> SqlStore::setDisplayName(qint64 userId, const QString& displayName) {
    // search_name follows, as in insertUser: users.search finds the new name, not the old one.
    exec(QStringLiteral("UPDATE users SET display_name = ?, search_name = ? WHERE id = ?"),
         {displayName, displayName.toCaseFolded(), userId});
    return userById(userId);
}

SessionRecord SqlStore::insertSession(const NewSession& s) {
    const auto id =
        execReturning(QStringLiteral("INSERT INTO sessions (public_id, user_id,"
                                     " token_hash, device_name, created_at,"
                                     " last_seen_at) VALUES (?, ?, ?, ?, ?, ?)"
                                     " RETURNING id"),
                      {s.publicId, s.userId, s.tokenHash, s.deviceName, s.createdAt, s.createdAt});
    if (!id) {
        throw StoreError(QStringLiteral("insertSession: the database returned no id"));
    }
    return SessionRecord{*id, s.publicId, s.userId, s.deviceName, s.createdAt, s.createdAt};
}

std::optional<SessionRecord> SqlStore::sessionByTokenHash(const QString& tokenHash) {
    QSqlQuery& q = exec(QStringLiteral("SELECT ") + kSessionColumns +
                            QStringLiteral(" FROM sessions WHERE token_hash = ?"),
                        {tokenHash});
    return q.next() ? std::optional(sessionFrom(q)) : std::nullopt;
}

std::optional<SessionRecord> SqlStore::sessionByPublicId(qint64 userId, const QString& publicId) {
    QSqlQuery& q = exec(QStringLiteral("SELECT ") + kSessionColumns +
                            QStringLiteral(" FROM sessions WHERE user_id = ? AND public_id = ?"),
                        {userId, publicId});
    return q.next() ? std::optional(sessionFrom(q)) : std::nullopt;
}

QList<SessionRecord> SqlStore::sessionsOfUser(qint64 userId) {
    QSqlQuery& q = exec(QStringLiteral("SELECT ") + kSessionColumns +
                            QStringLiteral(" FROM sessions WHERE user_id = ? "
                                           "ORDER BY last_seen_at DESC, id DESC"),
                        {userId});
    QList<SessionRecord> sessions;
    while (q.next()) {
        sessions.append(sessionFrom(q));
    }
    return sessions;
}

bool SqlStore::deleteSession(qint64 sessionId) {
    return exec(QStringLiteral("DELETE FROM sessions WHERE id = ?"), {sessionId})
               .numRowsAffected() > 0;
}

void SqlStore::touchSession(qint64 sessionId, qint64 nowMs) {
    exec(QStringLiteral("UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?"),
         {nowMs, sessionId, nowMs});
}

int SqlStore::deleteIdleSessions(qint64 cutoffMs, const QList<qint64>& keep) {
    QStringList kept;
    for (qint64 id : keep) {
        kept.append(QString::number(id));
    }
    const QString exclusion =
        kept.isEmpty() ? QString() : QStringLiteral(" AND id NOT IN (") + kept.join(u',') + u')';
    return exec(QStringLiteral("DELETE FROM sessions WHERE last_seen_at < ?") + exclusion,
                {cutoffMs})
        .numRowsAffected();
}

}  // namespace natter
