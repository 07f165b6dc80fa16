// SqlStore: the conversation, member, message and people queries (accounts are in sql_store.cpp).
#include <QSqlQuery>

#include "message_rules.h"
#include "sql_store.h"

namespace natter {
namespace {

const QString kConversationSelect = QStringLiteral(
    "SELECT c.id, c.public_id, c.kind, c.name, COALESCE(c.owner_id, 0), COALESCE(o.public_id, ''),"
    " c.created_at, c.last_seq, c.last_activity_at, COALESCE(c.request_for, 0)"
    " FROM conversations c LEFT JOIN users o ON o.id = c.owner_id ");

const QString kMessageSelect = QStringLiteral(
    "SELECT m.id, m.public_id, m.conversation_id, c.public_id, m.seq, u.public_id, u.username,"
    " u.display_name, COALESCE(m.client_message_id, ''), m.type, m.body, m.meta, m.sent_at,"
    " COALESCE(m.reply_to_seq, 0), COALESCE(m.edited_at, 0), COALESCE(m.deleted_at, 0)"
    " FROM messages m JOIN conversations c ON c.id = m.conversation_id"
    " LEFT JOIN users u ON u.id = m.sender_id ");

ConversationRecord conversationFrom(const QSqlQuery& q) {
    return ConversationRecord{q.value(0).toLongLong(), q.value(1).toString(),
                              q.value(2).toString(),   q.value(3).toString(),
                              q.value(4).toLongLong(), q.value(5).toString(),
                              q.value(6).toLongLong(), q.value(7).toLongLong(),
                              q.value(8).toLongLong(), q.value(9).toLongLong()};
}

MessageRecord messageFrom(const QSqlQuery& q) {
    MessageRecord m;
    m.id = q.value(0).toLongLong();
    m.publicId = q.value(1).toString();
    m.conversationId = q.value(2).toLongLong();
    m.conversationPublicId = q.value(3).toString();
    m.seq = q.value(4).toLongLong();
    if (!q.value(5).isNull()) {
        m.sender = UserRef{q.value(5).toString(), q.value(6).toString(), q.value(7).toString()};
    }
    m.clientMessageId = q.value(8).toString();
    m.type = q.value(9).toString();
    m.body = q.value(10).toString();
    m.metaJson = q.value(11).toString();
    m.sentAt = q.value(12).toLongLong();
    m.replyToSeq = q.value(13).toLongLong();
    m.editedAt = q.value(14).toLongLong();
    m.deletedAt = q.value(15).toLongLong();
    return m;
}

QList<UserRef> userRefsFrom(QSqlQuery& q) {
    QList<UserRef> users;
    while (q.next()) {
        users.append(UserRef{q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
    }
    return users;
}

// Qt Sql binds a null QString as SQL NULL; these columns are NOT NULL with '' for "none".
QString orEmpty(const QString& text) {
    return text.isNull() ? QStringLiteral("") : text;
}

QString likePrefix(const QString& prefix) {
    return escapeLike(prefix) + u'%';
}

}  // namespace

QList<UserRecord> SqlStore::usersByPublicIds(const QStringList& publicIds) {
    QList<UserRecord> users;
    for (const QString& publicId : publicIds) {
        if (auto user = userByPublicId(publicId)) {
            users.append(*user);
        }
    }
    return users;
}

QList<UserRef> SqlStore::searchUsers(const QString& foldedPrefix, qint64 excludeUserId, int limit) {
    const QString pattern = likePrefix(foldedPrefix);
    QSqlQuery& q = exec(QStringLiteral("SELECT public_id, username, display_name FROM users"
                                       " WHERE id <> ? AND (username LIKE ? ESCAPE '\\'"
                                       " OR search_name LIKE ? ESCAPE '\\')"
                                       " AND disabled_at IS NULL"
                                       " ORDER BY username LIMIT ?"),
                        {excludeUserId, pattern, pattern, limit});
    return userRefsFrom(q);
}

QList<UserRef> SqlStore::recentPartners(qint64 userId, int limit) {
    QSqlQuery& q =
        exec(QStringLiteral(
                 "SELECT u.public_id, u.username, u.display_name, MAX(c.last_activity_at) AS act"
                 " FROM conversation_members me"
                 " JOIN conversation_members other ON other.conversation_id = me.conversation_id"
                 "  AND other.user_id <> me.user_id"
                 " JOIN conversations c ON c.id = me.conversation_id"
                 " JOIN users u ON u.id = other.user_id"
                 " WHERE me.user_id = ?"
                 " GROUP BY u.id, u.public_id, u.username, u.display_name"
                 " ORDER BY act DESC, u.username LIMIT ?"),
             {userId, limit});
    return userRefsFrom(q);
}

std::optional<ConversationRecord> SqlStore::oneConversation(const QString& where,
                                                            const QVariantList& bindings) {
    QSqlQuery& q = exec(kConversationSelect + where, bindings);
    return q.next() ? std::optional(conversationFrom(q)) : std::nullopt;
}

std::optional<ConversationRecord> SqlStore::conversationOfMember(const QString& publicId,
                                                                 qint64 userId) {
    return oneConversation(
        QStringLiteral("JOIN conversation_members cm ON cm.conversation_id = c.id"
                       " WHERE c.public_id = ? AND cm.user_id = ?"),
        {publicId, userId});
}

std::optional<ConversationRecord> SqlStore::conversationById(qint64 id) {
    return oneConversation(QStringLiteral("WHERE c.id = ?"), {id});
}

std::optional<ConversationRecord> SqlStore::privateConversation(const QString& pairKey) {
    return oneConversation(QStringLiteral("WHERE c.pair_key = ?"), {pairKey});
}

void SqlStore::lockConversation(const QString& publicId) {
    const QString lock = rowLockClause(dialect_);
    if (!lock.isEmpty()) {
        exec(QStringLiteral("SELECT id FROM conversations WHERE public_id = ?") + lock, {publicId});
    }
}

ConversationRecord SqlStore::insertConversation(const NewConversation& c) {
    exec(QStringLiteral("INSERT INTO conversations (public_id, kind, name, owner_id, pair_key,"
                        " created_at, last_activity_at, request_for)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
         {c.publicId, c.kind, orEmpty(c.name), c.ownerId ? QVariant(c.ownerId) : QVariant(),
          c.pairKey.isEmpty() ? QVariant() : QVariant(c.pairKey), c.createdAt, c.createdAt,
          c.requestForUserId ? QVariant(c.requestForUserId) : QVariant()});
    return *oneConversation(QStringLiteral("WHERE c.public_id = ?"), {c.publicId});
}

void SqlStore::setConversationName(qint64 conversationId, const QString& name) {
    exec(QStringLiteral("UPDATE conversations SET name = ? WHERE id = ?"),
         {orEmpty(name), conversationId});
}

void SqlStore::setConversationOwner(qint64 conversationId, qint64 ownerId) {
    exec(QStringLiteral("UPDATE conversations SET owner_id = ? WHERE id = ?"),
         {ownerId, conversationId});
}

QList<ConversationRecord> SqlStore::conversationsOfUser(
    qint64 userId, const std::optional<ConversationCursor>& cursor, int limit) {
    QString where = QStringLiteral(
        "JOIN conversation_members cm ON cm.conversation_id = c.id"
        " WHERE cm.user_id = ?");
    QVariantList bindings{userId};
    if (cursor) {
        where += QStringLiteral(
            " AND (c.last_activity_at < ? OR (c.last_activity_at = ?"
            " AND c.public_id < ?))");
        bindings << cursor->lastActivityAt << cursor->lastActivityAt << cursor->publicId;
    }
    where += QStringLiteral(" ORDER BY c.last_activity_at DESC, c.public_id DESC LIMIT ?");
    bindings << limit;
    QSqlQuery& q = exec(kConversationSelect + where, bindings);
    QList<ConversationRecord> conversations;
    while (q.next()) {
        conversations.append(conversationFrom(q));
    }
    return conversations;
}

void SqlStore::addMember(qint64 conversationId, qint64 userId, qint64 joinedAt) {
    exec(QStringLiteral("INSERT INTO conversation_members (conversation_id, user_id, joined_at)"
                        " VALUES (?, ?, ?)"),
         {conversationId, userId, joinedAt});
}

bool SqlStore::removeMember(qint64 conversationId, qint64 userId) {
    return exec(QStringLiteral("DELETE FROM conversation_members"
                               " WHERE conversation_id = ? AND user_id = ?"),
                {conversationId, userId})
               .numRowsAffected() > 0;
}

QList<MemberRecord> SqlStore::members(qint64 conversationId) {
    QSqlQuery& q =
        exec(QStringLiteral("SELECT u.id, u.public_id, u.username, u.display_name, cm.joined_at,"
                            " cm.last_read_seq, cm.last_delivered_seq, cm.muted"
                            " FROM conversation_members cm JOIN users u ON u.id = cm.user_id"
                            " WHERE cm.conversation_id = ?"
                            " ORDER BY cm.joined_at, ") +
                 insertionOrder(dialect_, QStringLiteral("cm")),
             {conversationId});
    QList<MemberRecord> members;
    while (q.next()) {
        members.append(MemberRecord{
            q.value(0).toLongLong(),
            UserRef{q.value(1).toString(), q.value(2).toString(), q.value(3).toString()},
            q.value(4).toLongLong(), q.value(5).toLongLong(), q.value(6).toLongLong(),
            q.value(7).toInt() != 0});
    }
    return members;
}

MessageRecord SqlStore::appendMessage(qint64 conversationId, const NewMessage& m) {
    // One statement takes the next seq: the database serialises appenders on the conversation's
    // row, so seqs stay unique and gapless across connections (and nodes), not just threads.
    // Change entries (docs/protocol.md 5.2a) do not move the conversation's last activity.
    const qint64 activity = m.type == kChangeMessageType ? 0 : m.sentAt;
    const auto seq =
        execReturning(QStringLiteral("UPDATE conversations SET last_seq = last_seq + 1,"
                                     " last_activity_at = CASE WHEN last_activity_at < ? THEN ?"
                                     " ELSE last_activity_at END WHERE id = ? RETURNING last_seq"),
                      {activity, activity, conversationId});
    if (!seq) {
        throw StoreError(QStringLiteral("appendMessage: no conversation %1").arg(conversationId));
    }
    // A resend of (sender, client id) violates the unique key: a Conflict, and the job's
    // savepoint takes the seq back.
    const auto id = execReturning(
        QStringLiteral("INSERT INTO messages (public_id, conversation_id, seq, sender_id,"
                       " client_message_id, type, body, meta, sent_at, reply_to_seq)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
        {m.publicId, conversationId, *seq, m.senderId ? QVariant(m.senderId) : QVariant(),
         m.clientMessageId.isEmpty() ? QVariant() : QVariant(m.clientMessageId), m.type,
         orEmpty(m.body), orEmpty(m.metaJson), m.sentAt,
         m.replyToSeq ? QVariant(m.replyToSeq) : QVariant()});
    const auto stored = selectMessages(QStringLiteral("WHERE m.id = ?"), {id.value_or(0)});
    if (stored.isEmpty()) {
        throw StoreError(QStringLiteral("appendMessage: the inserted message is missing"));
    }
    return stored.constFirst();
}

std::optional<MessageRecord> SqlStore::messageByClientId(qint64 senderId,
                                                         const QString& clientMessageId) {
    const auto found =
        selectMessages(QStringLiteral("WHERE m.sender_id = ? AND m.client_message_id = ?"),
                       {senderId, clientMessageId});
    return found.isEmpty() ? std::nullopt : std::optional(found.constFirst());
}

QList<MessageRecord> SqlStore::selectMessageRows(const QString& where,
                                                 const QVariantList& bindings) {
    QSqlQuery& q = exec(kMessageSelect + where, bindings);
    QList<MessageRecord> messages;
    while (q.next()) {
        messages.append(messageFrom(q));
    }
    return messages;
}

QList<MessageRecord> SqlStore::selectMessages(const QString& where, const QVariantList& bindings) {
    QList<MessageRecord> messages = selectMessageRows(where, bindings);
    addMessageDetails(messages);
    return messages;
}

QList<MessageRecord> SqlStore::messagesBefore(qint64 conversationId, qint64 beforeSeq, int limit) {
    QList<MessageRecord> newestFirst =
        selectMessages(QStringLiteral("WHERE m.conversation_id = ? AND m.seq < ?"
                                      " ORDER BY m.seq DESC LIMIT ?"),
                       {conversationId, beforeSeq, limit});
    std::reverse(newestFirst.begin(), newestFirst.end());
    return newestFirst;
}

QList<MessageRecord> SqlStore::messagesAfter(qint64 conversationId, qint64 afterSeq, int limit) {
    return selectMessages(QStringLiteral("WHERE m.conversation_id = ? AND m.seq > ?"
                                         " ORDER BY m.seq LIMIT ?"),
                          {conversationId, afterSeq, limit});
}

}  // namespace natter
