// SqlStore: the queue of summaries for users who are offline (docs/protocol.md section 8).
#include <QSqlQuery>

#include "sql_store.h"

namespace natter {

void SqlStore::addPendingNotification(qint64 userId, qint64 since, qint64 dueAt) {
    exec(QStringLiteral("INSERT INTO pending_notifications (user_id, since, due_at)"
                        " VALUES (?, ?, ?) ON CONFLICT (user_id) DO NOTHING"),
         {userId, since, dueAt});
}

QList<PendingNotification> SqlStore::claimDueNotifications(qint64 now, qint64 leaseUntil,
                                                           int limit) {
    // The conditions stand outside the subquery too: PostgreSQL checks them again on a row another
    // node claimed meanwhile (READ COMMITTED), so that node keeps it.
    QSqlQuery& q =
        exec(QStringLiteral("UPDATE pending_notifications SET claimed_until = ?"
                            " WHERE due_at <= ? AND claimed_until < ? AND user_id IN"
                            " (SELECT user_id FROM pending_notifications"
                            "  WHERE due_at <= ? AND claimed_until < ? ORDER BY due_at LIMIT ?)"
                            " RETURNING user_id, since, attempts"),
             {leaseUntil, now, now, now, now, limit});
    QList<PendingNotification> claimed;
    while (q.next()) {
        claimed.append(PendingNotification{q.value(0).toLongLong(), q.value(1).toLongLong(),
                                           q.value(2).toInt()});
    }
    return claimed;
}

QList<WaitingConversation> SqlStore::waitingConversations(qint64 userId, qint64 since) {
    QSqlQuery& q = exec(
        QStringLiteral(
            "SELECT c.public_id, c.kind, c.name, COUNT(m.id), c.request_for,"
            " (SELECT u.display_name FROM messages lm JOIN users u ON u.id = lm.sender_id"
            "   WHERE lm.conversation_id = c.id AND lm.sender_id <> cm.user_id AND lm.type <> "
            "'change'"
            "   ORDER BY lm.seq DESC LIMIT 1),"
            " (SELECT u.display_name FROM conversation_members om JOIN users u ON u.id = om.user_id"
            "   WHERE om.conversation_id = c.id AND om.user_id <> cm.user_id LIMIT 1)"
            " FROM conversation_members cm"
            " JOIN conversations c ON c.id = cm.conversation_id"
            " JOIN messages m ON m.conversation_id = c.id AND m.seq > cm.last_read_seq"
            "  AND m.sent_at >= ? AND m.sender_id IS NOT NULL AND m.sender_id <> cm.user_id"
            "  AND m.type <> 'change'"
            " WHERE cm.user_id = ? AND cm.muted = 0"
            " GROUP BY c.id, c.public_id, c.kind, c.name, c.request_for, cm.user_id"
            " ORDER BY MIN(m.sent_at), c.id"),
        {since, userId});
    QList<WaitingConversation> waiting;
    while (q.next()) {
        const QString kind = q.value(1).toString();
        waiting.append(WaitingConversation{
            q.value(0).toString(), kind,
            kind == u"group" ? q.value(2).toString() : q.value(6).toString(), q.value(3).toInt(),
            q.value(5).toString(), q.value(4).toLongLong() == userId});
    }
    return waiting;
}

void SqlStore::deletePendingNotification(qint64 userId) {
    exec(QStringLiteral("DELETE FROM pending_notifications WHERE user_id = ?"), {userId});
}

void SqlStore::retryPendingNotification(qint64 userId, qint64 dueAt) {
    exec(QStringLiteral("UPDATE pending_notifications"
                        " SET due_at = ?, claimed_until = 0, attempts = attempts + 1"
                        " WHERE user_id = ?"),
         {dueAt, userId});
}

}  // namespace natter
