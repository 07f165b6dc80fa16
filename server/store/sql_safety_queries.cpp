// SqlStore: blocks and chat requests (docs/protocol.md section 5.6).
#include <QSqlQuery>

#include "sql_store.h"

namespace natter {

bool SqlStore::insertBlock(qint64 blockerId, qint64 blockedId, qint64 atMs) {
    // The unique key on (blocker, blocked) decides whether this is new, in the same statement.
    return execReturning(QStringLiteral("INSERT INTO blocks (blocker_id, blocked_id, blocked_at)"
                                        " VALUES (?, ?, ?)"
                                        " ON CONFLICT (blocker_id, blocked_id) DO NOTHING"
                                        " RETURNING id"),
                         {blockerId, blockedId, atMs})
        .has_value();
}

bool SqlStore::deleteBlock(qint64 blockerId, qint64 blockedId) {
    return exec(QStringLiteral("DELETE FROM blocks WHERE blocker_id = ? AND blocked_id = ?"),
                {blockerId, blockedId})
               .numRowsAffected() > 0;
}

bool SqlStore::hasBlocked(qint64 blockerId, qint64 blockedId) {
    return exec(QStringLiteral("SELECT 1 FROM blocks WHERE blocker_id = ? AND blocked_id = ?"),
                {blockerId, blockedId})
        .next();
}

bool SqlStore::blockedEitherWay(qint64 userA, qint64 userB) {
    return exec(QStringLiteral("SELECT 1 FROM blocks WHERE (blocker_id = ? AND blocked_id = ?)"
                               " OR (blocker_id = ? AND blocked_id = ?)"),
                {userA, userB, userB, userA})
        .next();
}

int SqlStore::blockCount(qint64 blockerId) {
    QSqlQuery& q =
        exec(QStringLiteral("SELECT COUNT(*) FROM blocks WHERE blocker_id = ?"), {blockerId});
    return q.next() ? q.value(0).toInt() : 0;
}

QList<UserRef> SqlStore::blockedUsers(qint64 blockerId) {
    QSqlQuery& q = exec(QStringLiteral("SELECT u.public_id, u.username, u.display_name"
                                       " FROM blocks b JOIN users u ON u.id = b.blocked_id"
                                       " WHERE b.blocker_id = ?"
                                       " ORDER BY b.blocked_at DESC, b.id DESC"),
                        {blockerId});
    QList<UserRef> users;
    while (q.next()) {
        users.append(UserRef{q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
    }
    return users;
}

void SqlStore::clearRequest(qint64 conversationId) {
    exec(QStringLiteral("UPDATE conversations SET request_for = NULL WHERE id = ?"),
         {conversationId});
}

}  // namespace natter
