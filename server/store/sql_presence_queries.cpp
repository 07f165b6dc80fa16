// SqlStore: read markers, unread counts and presence queries.
#include <QSqlQuery>

#include "sql_store.h"

namespace natter {
namespace {

// Messages by other users (system messages have no sender) after the member's marker; change
// entries (docs/protocol.md 5.2a) are not messages to read.
const QString kUnreadCondition = QStringLiteral(
    "m.seq > cm.last_read_seq AND m.sender_id IS NOT NULL AND m.sender_id <> cm.user_id"
    " AND m.type <> 'change'");

}  // namespace

qint64 SqlStore::markRead(qint64 conversationId, qint64 userId, qint64 seq) {
    moveMarker(QStringLiteral("last_delivered_seq"), conversationId, userId, seq);
    return moveMarker(QStringLiteral("last_read_seq"), conversationId, userId, seq);
}

qint64 SqlStore::markDelivered(qint64 conversationId, qint64 userId, qint64 seq) {
    return moveMarker(QStringLiteral("last_delivered_seq"), conversationId, userId, seq);
}

qint64 SqlStore::moveMarker(const QString& column, qint64 conversationId, qint64 userId,
                            qint64 seq) {
    exec(QStringLiteral("UPDATE conversation_members SET %1 = ?"
                        " WHERE conversation_id = ? AND user_id = ? AND %1 < ?")
             .arg(column),
         {seq, conversationId, userId, seq});
    QSqlQuery& q = exec(QStringLiteral("SELECT %1 FROM conversation_members"
                                       " WHERE conversation_id = ? AND user_id = ?")
                            .arg(column),
                        {conversationId, userId});
    return q.next() ? q.value(0).toLongLong() : 0;
}

bool SqlStore::setMuted(qint64 conversationId, qint64 userId, bool muted) {
    return exec(QStringLiteral("UPDATE conversation_members SET muted = ?"
                               " WHERE conversation_id = ? AND user_id = ? AND muted <> ?"),
                {int(muted), conversationId, userId, int(muted)})
               .numRowsAffected() > 0;
}

qint64 SqlStore::unreadCount(qint64 conversationId, qint64 userId) {
    QSqlQuery& q = exec(QStringLiteral("SELECT COUNT(*) FROM conversation_members cm"
                                       " JOIN messages m ON m.conversation_id = cm.conversation_id"
                                       " WHERE cm.conversation_id = ? AND cm.user_id = ? AND ") +
                            kUnreadCondition,
                        {conversationId, userId});
    return q.next() ? q.value(0).toLongLong() : 0;
}

qint64 SqlStore::totalUnread(qint64 userId) {
    QSqlQuery& q = exec(QStringLiteral("SELECT COUNT(*) FROM conversation_members cm"
                                       " JOIN messages m ON m.conversation_id = cm.conversation_id"
                                       " WHERE cm.user_id = ? AND ") +
                            kUnreadCondition,
                        {userId});
    return q.next() ? q.value(0).toLongLong() : 0;
}

QList<CoMember> SqlStore::coMembers(qint64 userId) {
    QSqlQuery& q = exec(QStringLiteral("SELECT DISTINCT u.id, u.public_id, u.last_seen_at"
                                       " FROM conversation_members me"
                                       " JOIN conversation_members other"
                                       "  ON other.conversation_id = me.conversation_id"
                                       "  AND other.user_id <> me.user_id"
                                       " JOIN users u ON u.id = other.user_id"
                                       " WHERE me.user_id = ?"),
                        {userId});
    QList<CoMember> members;
    while (q.next()) {
        members.append(
            CoMember{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toLongLong()});
    }
    return members;
}

void SqlStore::setLastSeen(qint64 userId, qint64 atMs) {
    exec(QStringLiteral("UPDATE users SET last_seen_at = ? WHERE id = ?"), {atMs, userId});
}

}  // namespace natter
