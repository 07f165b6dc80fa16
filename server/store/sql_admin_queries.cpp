// SqlStore: the operator's account controls (natter-server admin, docs/operations.md).
#include <QSqlQuery>

#include "sql_store.h"

namespace natter {

QList<AccountSummary> SqlStore::accounts(const QString& foldedText) {
    const QString pattern = u'%' + escapeLike(foldedText) + u'%';
    QSqlQuery& q = exec(QStringLiteral("SELECT u.public_id, u.username, u.display_name,"
                                       " u.created_at, u.last_seen_at, u.disabled_at,"
                                       " (SELECT COUNT(*) FROM sessions s WHERE s.user_id = u.id)"
                                       " FROM users u"
                                       " WHERE u.username LIKE ? ESCAPE '\\'"
                                       " OR u.search_name LIKE ? ESCAPE '\\'"
                                       " ORDER BY u.username"),
                        {pattern, pattern});
    QList<AccountSummary> accounts;
    while (q.next()) {
        accounts.append(AccountSummary{q.value(0).toString(), q.value(1).toString(),
                                       q.value(2).toString(), q.value(3).toLongLong(),
                                       q.value(4).toLongLong(), q.value(5).toLongLong(),
                                       q.value(6).toInt()});
    }
    return accounts;
}

ServerCounts SqlStore::counts() {
    QSqlQuery& q =
        exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM users),"
                            " (SELECT COUNT(*) FROM users WHERE disabled_at IS NOT NULL),"
                            " (SELECT COUNT(*) FROM sessions),"
                            " (SELECT COUNT(*) FROM conversations WHERE kind = 'private'),"
                            " (SELECT COUNT(*) FROM conversations WHERE kind = 'group'),"
                            " (SELECT COUNT(*) FROM messages WHERE type <> 'change')"));
    if (!q.next()) {
        return {};
    }
    return ServerCounts{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                        q.value(3).toLongLong(), q.value(4).toLongLong(), q.value(5).toLongLong()};
}

void SqlStore::setDisabled(qint64 userId, qint64 disabledAtOrZero) {
    exec(QStringLiteral("UPDATE users SET disabled_at = ? WHERE id = ?"),
         {disabledAtOrZero != 0 ? QVariant(disabledAtOrZero)
                                : QVariant(QMetaType::fromType<qint64>()),
          userId});
}

int SqlStore::revokeAllSessions(qint64 userId, qint64 nowMs, qint64 pruneBeforeMs) {
    // The newest row is never pruned, so SQLite never hands out its id again.
    exec(QStringLiteral("DELETE FROM session_revocations WHERE revoked_at < ?"
                        " AND id < (SELECT MAX(id) FROM session_revocations)"),
         {pruneBeforeMs});
    exec(QStringLiteral("INSERT INTO session_revocations (session_id, revoked_at)"
                        " SELECT id, ? FROM sessions WHERE user_id = ?"),
         {nowMs, userId});
    return exec(QStringLiteral("DELETE FROM sessions WHERE user_id = ?"), {userId})
        .numRowsAffected();
}

QList<SessionRevocation> SqlStore::revocationsAfter(qint64 afterId) {
    QSqlQuery& q = exec(QStringLiteral("SELECT id, session_id FROM session_revocations"
                                       " WHERE id > ? ORDER BY id"),
                        {afterId});
    QList<SessionRevocation> revocations;
    while (q.next()) {
        revocations.append(SessionRevocation{q.value(0).toLongLong(), q.value(1).toLongLong()});
    }
    return revocations;
}

qint64 SqlStore::latestRevocationId() {
    QSqlQuery& q = exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM session_revocations"));
    return q.next() ? q.value(0).toLongLong() : 0;
}

void SqlStore::setPasswordReset(qint64 userId, const QString& codeHash, qint64 expiresAt) {
    exec(QStringLiteral("DELETE FROM password_resets WHERE user_id = ?"), {userId});
    exec(QStringLiteral("INSERT INTO password_resets (user_id, code_hash, expires_at)"
                        " VALUES (?, ?, ?)"),
         {userId, codeHash, expiresAt});
}

bool SqlStore::consumePasswordReset(qint64 userId, const QString& codeHash, qint64 nowMs) {
    // One statement decides: two attempts racing with the same code cannot both succeed.
    return exec(QStringLiteral("DELETE FROM password_resets"
                               " WHERE user_id = ? AND code_hash = ? AND expires_at > ?"),
                {userId, codeHash, nowMs})
               .numRowsAffected() > 0;
}

void SqlStore::setPasswordHash(qint64 userId, const QString& passwordHash) {
    exec(QStringLiteral("UPDATE users SET password_hash = ? WHERE id = ?"), {passwordHash, userId});
}

void SqlStore::eraseAccount(qint64 userId, const QString& tombstoneName, qint64 nowMs) {
    const QVariantList user{userId};
    exec(QStringLiteral("DELETE FROM message_reactions WHERE user_id = ? OR message_id IN"
                        " (SELECT id FROM messages WHERE sender_id = ?)"),
         {userId, userId});
    // Their messages become tombstones, as if they had deleted each (docs/protocol.md 5.2a).
    exec(QStringLiteral("UPDATE messages SET body = '', meta = '', deleted_at = ?"
                        " WHERE sender_id = ? AND type <> 'change' AND deleted_at IS NULL"),
         {nowMs, userId});
    exec(QStringLiteral("DELETE FROM blocks WHERE blocker_id = ? OR blocked_id = ?"),
         {userId, userId});
    exec(QStringLiteral("UPDATE conversations SET request_for = NULL WHERE request_for = ?"), user);
    exec(QStringLiteral("DELETE FROM conversation_members WHERE user_id = ?"), user);
    // A group they owned passes to its earliest remaining member (none: no owner).
    exec(QStringLiteral("UPDATE conversations SET owner_id = (SELECT m.user_id"
                        " FROM conversation_members m WHERE m.conversation_id = conversations.id"
                        " ORDER BY m.joined_at, m.user_id LIMIT 1) WHERE owner_id = ?"),
         user);
    exec(QStringLiteral("DELETE FROM sessions WHERE user_id = ?"), user);
    exec(QStringLiteral("DELETE FROM password_resets WHERE user_id = ?"), user);
    exec(QStringLiteral("DELETE FROM pending_notifications WHERE user_id = ?"), user);
    exec(QStringLiteral("UPDATE users SET username = ?, display_name = 'Deleted user',"
                        " search_name = '', password_hash = '', last_seen_at = 0,"
                        " disabled_at = ? WHERE id = ?"),
         {tombstoneName, nowMs, userId});
}

}  // namespace natter
