// Store over Qt Sql. The SQL is portable between SQLite and PostgreSQL; only the migrations and the
// connection setup differ per dialect (see sql_migrations.h).
#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include "sql_migrations.h"
#include "store.h"

namespace natter {

class SqlStore : public Store {
public:
    // Opens `url` on the calling thread: "sqlite:<path>" (the only dialect so far).
    static std::unique_ptr<SqlStore> open(const QString& url);
    ~SqlStore() override;

    void migrate() override;
    void migrateTo(int version);  // for tests of upgrades from every earlier version
    int schemaVersion() override;

    void begin() override;
    void commit() override;
    void rollback() override;
    void savepoint(const QString& name) override;
    void releaseSavepoint(const QString& name) override;
    void rollbackToSavepoint(const QString& name) override;

    std::optional<UserRecord> userByUsername(const QString& username) override;
    std::optional<UserRecord> userById(qint64 id) override;
    std::optional<UserRecord> insertUser(const NewUser& user) override;

    SessionRecord insertSession(const NewSession& session) override;
    std::optional<SessionRecord> sessionByTokenHash(const QString& tokenHash) override;
    std::optional<SessionRecord> sessionByPublicId(qint64 userId, const QString& publicId) override;
    QList<SessionRecord> sessionsOfUser(qint64 userId) override;
    bool deleteSession(qint64 sessionId) override;
    void touchSession(qint64 sessionId, qint64 nowMs) override;
    int deleteIdleSessions(qint64 cutoffMs, const QList<qint64>& keep) override;

    // Runs one statement with positional bindings; throws StoreError on failure.
    QSqlQuery exec(const QString& sql, const QVariantList& bindings = {});

private:
    SqlStore(QSqlDatabase db, SqlDialect dialect);
    std::optional<UserRecord> oneUser(QSqlQuery& query);

    QString connectionName_;
    QSqlDatabase db_;
    SqlDialect dialect_;
};

}  // namespace natter
