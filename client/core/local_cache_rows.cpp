// LocalCache: reading what was cached and writing batches of changes, one transaction each.
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlQuery>

#include "core/local_cache.h"
#include "core/local_cache_sql.h"
#include "core/logging.h"

namespace natter {
namespace {

QVariant msOf(const QDateTime& time) {
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant();
}

QDateTime timeOf(const QVariant& value) {
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

QString compact(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QVariant stateText(const ChatMessage& message) {
    const QJsonObject state = message.stateJson();
    return state.isEmpty() ? QVariant() : QVariant(compact(state));
}

QJsonObject objectOf(const QVariant& text) {
    return text.isNull() ? QJsonObject() : QJsonDocument::fromJson(text.toByteArray()).object();
}

// The protocol's Message object (docs/protocol.md 3.4), as ChatMessage::fromJson reads it.
QJsonObject messageJson(const ChatMessage& message) {
    QJsonObject object = message.stateJson();
    const QJsonObject fields = {
        {QStringLiteral("id"), message.id},
        {QStringLiteral("conversation_id"), message.conversationId},
        {QStringLiteral("seq"), message.seq},
        {QStringLiteral("sender"),
         message.sender ? QJsonValue(message.sender->toJson()) : QJsonValue()},
        {QStringLiteral("client_message_id"), message.clientMessageId},
        {QStringLiteral("type"), message.type},
        {QStringLiteral("body"), message.body},
        {QStringLiteral("meta"), message.meta},
        {QStringLiteral("sent_at"), message.sentAt.toMSecsSinceEpoch()}};
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        object.insert(it.key(), it.value());
    }
    return object;
}

QString readPositionsText(const QHash<QString, qint64>& positions) {
    QJsonObject object;
    for (auto it = positions.cbegin(); it != positions.cend(); ++it) {
        object.insert(it.key(), it.value());
    }
    return compact(object);
}

QHash<QString, qint64> readPositionsOf(const QVariant& text) {
    QHash<QString, qint64> positions;
    const QJsonObject object = objectOf(text);
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        positions.insert(it.key(), it.value().toInteger());
    }
    return positions;
}

std::optional<UserInfo> userOf(const QVariant& id, const QHash<QString, UserInfo>& users) {
    if (id.isNull()) {
        return std::nullopt;
    }
    const QString key = id.toString();
    return users.value(key, UserInfo{key, {}, {}});
}

// Columns: conversation_id, seq, id, sender_id, client_message_id, type, body, meta, sent_at,
// state (the 5.2a fields: reply_to, edited_at, deleted, reactions).
const QString kMessageColumns = QStringLiteral(
    "conversation_id, seq, id, sender_id, client_message_id, type, body, meta, sent_at, state");

ChatMessage messageOf(const QSqlQuery& row, const QHash<QString, UserInfo>& users) {
    ChatMessage message;
    message.conversationId = row.value(0).toString();
    message.seq = row.value(1).toLongLong();
    message.id = row.value(2).toString();
    message.sender = userOf(row.value(3), users);
    message.clientMessageId = row.value(4).toString();
    message.type = row.value(5).toString();
    message.body = row.value(6).toString();
    message.meta = objectOf(row.value(7));
    message.sentAt = timeOf(row.value(8));
    message.readState(objectOf(row.value(9)));
    return message;
}

// A run of messages is usable only when it has no gap and ends where it should.
bool isRunEndingAt(const QList<ChatMessage>& run, qint64 last) {
    for (int i = 0; i < run.size(); ++i) {
        if (run.at(i).seq != last - (run.size() - 1 - i)) {
            return false;
        }
    }
    return true;
}

QSqlDatabase databaseOf(const QString& connectionName) {
    return QSqlDatabase::database(connectionName, false);
}

// A read-only query on the cache's connection, prepared from `sql`; rows are read once, in order.
QSqlQuery readQuery(const QString& connectionName, const QString& sql) {
    QSqlQuery query(databaseOf(connectionName));
    query.setForwardOnly(true);
    query.prepare(sql);
    return query;
}

}  // namespace

// --- reading

LocalCache::Snapshot LocalCache::load(int recentPerConversation) {
    Snapshot snapshot;
    if (!open_) {
        return snapshot;
    }
    const QHash<QString, UserInfo> users = loadUsers();
    QHash<QString, int> rowOf;
    QSqlQuery query = readQuery(
        connectionName_,
        QStringLiteral("SELECT id, kind, name, owner_id, created_at, last_seq, last_activity_at, "
                       "last_message, "
                       "has_read_state, last_read_seq, unread_count, read_positions, cursor, "
                       "unread_counted_through, delivered_positions, has_safety_state, request, "
                       "blocked, muted "
                       "FROM conversations"));
    if (!cache_sql::run(query)) {
        return snapshot;
    }
    while (query.next()) {
        Conversation cached;
        natter::Conversation& details = cached.details;
        details.id = query.value(0).toString();
        details.kind = query.value(1).toInt() == 1 ? natter::Conversation::Kind::Group
                                                   : natter::Conversation::Kind::Private;
        details.name = query.value(2).toString();
        details.ownerId = query.value(3).toString();
        details.createdAt = timeOf(query.value(4));
        details.lastSeq = query.value(5).toLongLong();
        details.lastActivityAt = timeOf(query.value(6));
        if (!query.value(7).isNull()) {
            details.lastMessage = ChatMessage::fromJson(objectOf(query.value(7)));
        }
        details.hasReadState = query.value(8).toBool();
        details.lastReadSeq = query.value(9).toLongLong();
        details.unreadCount = query.value(10).toInt();
        details.readPositions = readPositionsOf(query.value(11));
        cached.cursor = query.value(12).toLongLong();
        cached.unreadCountedThrough = query.value(13).toLongLong();
        details.deliveredPositions = readPositionsOf(query.value(14));
        details.hasSafetyState = query.value(15).toBool();
        details.request = query.value(16).toBool();
        details.blocked = query.value(17).toBool();
        details.muted = query.value(18).toBool();
        rowOf.insert(details.id, int(snapshot.conversations.size()));
        snapshot.conversations.append(cached);
    }
    loadMembers(rowOf, snapshot.conversations, users);
    loadRecent(rowOf, snapshot.conversations, users, recentPerConversation);
    snapshot.outbox = loadOutbox(users);
    snapshot.drafts = loadDrafts();
    return snapshot;
}

QHash<QString, QString> LocalCache::loadDrafts() {
    QHash<QString, QString> drafts;
    QSqlQuery query =
        readQuery(connectionName_, QStringLiteral("SELECT conversation_key, body FROM drafts"));
    if (cache_sql::run(query)) {
        while (query.next()) {
            drafts.insert(query.value(0).toString(), query.value(1).toString());
        }
    }
    return drafts;
}

const QHash<QString, UserInfo>& LocalCache::loadUsers() {
    if (usersLoaded_) {
        return users_;
    }
    usersLoaded_ = true;
    QSqlQuery query =
        readQuery(connectionName_, QStringLiteral("SELECT id, username, display_name FROM users"));
    if (cache_sql::run(query)) {
        while (query.next()) {
            const QString id = query.value(0).toString();
            users_.insert(id, {id, query.value(1).toString(), query.value(2).toString()});
        }
    }
    return users_;
}

void LocalCache::loadMembers(QHash<QString, int>& rowOf, QList<Conversation>& conversations,
                             const QHash<QString, UserInfo>& users) {
    QSqlQuery query = readQuery(
        connectionName_,
        QStringLiteral(
            "SELECT conversation_id, user_id FROM members ORDER BY conversation_id, position"));
    if (!cache_sql::run(query)) {
        return;
    }
    while (query.next()) {
        const auto row = rowOf.constFind(query.value(0).toString());
        if (row != rowOf.cend()) {
            conversations[*row].details.members.append(*userOf(query.value(1), users));
        }
    }
}

void LocalCache::loadRecent(QHash<QString, int>& rowOf, QList<Conversation>& conversations,
                            const QHash<QString, UserInfo>& users, int perConversation) {
    // CROSS JOIN keeps conversations as the outer loop: one primary-key range per conversation.
    QSqlQuery query = readQuery(
        connectionName_,
        QStringLiteral("SELECT m.%1 FROM conversations c CROSS JOIN messages m "
                       "ON m.conversation_id = c.id AND m.seq > c.cursor - ? "
                       "AND m.seq <= c.cursor")
            .arg(QString(kMessageColumns).replace(QStringLiteral(", "), QStringLiteral(", m."))));
    query.addBindValue(perConversation);
    if (!cache_sql::run(query)) {
        return;
    }
    while (query.next()) {
        const auto row = rowOf.constFind(query.value(0).toString());
        if (row != rowOf.cend()) {
            conversations[*row].recent.append(messageOf(query, users));
        }
    }
    for (Conversation& conversation : conversations) {
        if (!isRunEndingAt(conversation.recent, conversation.cursor)) {
            qCWarning(lcNatterStorage) << "cached messages out of order; dropping them";
            conversation.recent.clear();
            QSqlQuery purge(databaseOf(connectionName_));
            purge.prepare(QStringLiteral("DELETE FROM messages WHERE conversation_id = ?"));
            purge.addBindValue(conversation.details.id);
            cache_sql::run(purge);
        }
    }
}

std::vector<LocalCache::Outgoing> LocalCache::loadOutbox(const QHash<QString, UserInfo>& users) {
    std::vector<Outgoing> outbox;
    QSqlQuery query = readQuery(
        connectionName_,
        QStringLiteral(
            "SELECT client_message_id, conversation_id, recipient_id, sender_id, type, body, "
            "sent_at, failed, failure_text, reply_to_seq FROM outbox ORDER BY position"));
    if (!cache_sql::run(query)) {
        return outbox;
    }
    while (query.next()) {
        Outgoing outgoing;
        ChatMessage& message = outgoing.message;
        message.clientMessageId = query.value(0).toString();
        message.conversationId = query.value(1).toString();
        message.recipientId = query.value(2).toString();
        message.sender = userOf(query.value(3), users);
        message.type = query.value(4).toString();
        message.body = query.value(5).toString();
        message.sentAt = timeOf(query.value(6));
        message.delivery = query.value(7).toBool() ? Delivery::Failed : Delivery::Pending;
        message.failureText = query.value(8).toString();
        if (const qint64 replyToSeq = query.value(9).toLongLong(); replyToSeq > 0) {
            message.replyTo = ReplyRef{replyToSeq, std::nullopt, {}, {}, false};
        }
        if (!message.recipientId.isEmpty()) {
            outgoing.recipient = *userOf(message.recipientId, users);
        }
        outbox.push_back(outgoing);
    }
    return outbox;
}

QList<ChatMessage> LocalCache::messagesBefore(const QString& conversationId, qint64 beforeSeq,
                                              int limit) {
    QList<ChatMessage> page;
    if (!open_) {
        return page;
    }
    const QHash<QString, UserInfo> users = loadUsers();
    QSqlQuery query =
        readQuery(connectionName_,
                  QStringLiteral("SELECT %1 FROM messages WHERE conversation_id = ? AND seq < ? "
                                 "ORDER BY seq DESC LIMIT ?")
                      .arg(kMessageColumns));
    query.addBindValue(conversationId);
    query.addBindValue(beforeSeq);
    query.addBindValue(limit);
    if (!cache_sql::run(query)) {
        return page;
    }
    while (query.next()) {
        ChatMessage message = messageOf(query, users);
        if (message.seq != beforeSeq - 1 - page.size()) {
            break;  // a gap: the rest comes from the server
        }
        page.prepend(std::move(message));
    }
    return page;
}

// --- writing

bool LocalCache::write(const Batch& batch) {
    if (!open_ || batch.isEmpty()) {
        return open_;
    }
    QSqlDatabase db = databaseOf(connectionName_);
    if (!db.transaction()) {
        return false;
    }
    QHash<QString, UserInfo> users;
    auto note = [&users](const std::optional<UserInfo>& user) {
        if (user && !user->id.isEmpty() && !user->username.isEmpty()) {
            users.insert(user->id, *user);
        }
    };
    for (const Conversation& conversation : batch.conversations) {
        for (const UserInfo& member : conversation.details.members) {
            note(member);
        }
    }
    for (const ChatMessage& message : batch.messages) {
        note(message.sender);
    }
    for (const Outgoing& outgoing : batch.outbox) {
        note(outgoing.message.sender);
        note(outgoing.recipient);
    }
    bool ok = writeUsers(users.values());
    for (const QString& removed : batch.removed) {
        ok = ok && removeConversation(removed);
    }
    for (const Conversation& conversation : batch.conversations) {
        ok = ok && writeConversation(conversation);
    }
    ok = ok && writeMessages(batch.messages) && writeChanges(batch.changed);
    ok = ok && (!batch.replaceOutbox || writeOutbox(batch.outbox));
    ok = ok && writeDrafts(batch.drafts);
    if (!ok) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        return false;
    }
    if (std::any_of(batch.changed.cbegin(), batch.changed.cend(),
                    [](const ChatMessage& m) { return m.deleted; })) {
        checkpoint();
    }
    return true;
}

// Only rows the cache holds change: a message it never kept has nothing to update or erase.
bool LocalCache::writeChanges(const QList<ChatMessage>& changed) {
    QSqlQuery query(databaseOf(connectionName_));
    query.prepare(
        QStringLiteral("UPDATE messages SET body = ?, meta = ?, state = ? "
                       "WHERE conversation_id = ? AND seq = ?"));
    for (const ChatMessage& message : changed) {
        query.bindValue(0, message.deleted ? QString() : message.body);
        query.bindValue(1, message.deleted || message.meta.isEmpty()
                               ? QVariant()
                               : QVariant(compact(message.meta)));
        query.bindValue(2, stateText(message));
        query.bindValue(3, message.conversationId);
        query.bindValue(4, message.seq);
        if (!cache_sql::run(query)) {
            return false;
        }
        // Only an edit or a deletion changes what a reply quotes (a reaction does not), so only
        // then are the conversation's cached replies searched.
        if ((message.deleted || message.isEdited()) && !writeQuotes(message)) {
            return false;
        }
    }
    return true;
}

// Cached replies quote the message as it is now: an edit changes their preview, a deletion
// erases it (its text must not survive in a quote either).
bool LocalCache::writeQuotes(const ChatMessage& target) {
    QSqlQuery query(databaseOf(connectionName_));
    query.prepare(
        QStringLiteral("UPDATE messages SET state = json_set(state, '$.reply_to.preview', ?, "
                       "'$.reply_to.deleted', json(?)) "
                       "WHERE conversation_id = ? AND json_extract(state, '$.reply_to.seq') = ?"));
    query.addBindValue(target.quotePreview());
    query.addBindValue(target.deleted ? QStringLiteral("true") : QStringLiteral("false"));
    query.addBindValue(target.conversationId);
    query.addBindValue(target.seq);
    return cache_sql::run(query);
}

void LocalCache::checkpoint() {
    if (!cache_sql::run(databaseOf(connectionName_),
                        QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"))) {
        qCWarning(lcNatterStorage) << "could not checkpoint the cache after a deletion";
    }
}

bool LocalCache::writeDrafts(const QHash<QString, QString>& drafts) {
    QSqlQuery replace(databaseOf(connectionName_));
    replace.prepare(
        QStringLiteral("INSERT OR REPLACE INTO drafts (conversation_key, body) VALUES (?, ?)"));
    QSqlQuery remove(databaseOf(connectionName_));
    remove.prepare(QStringLiteral("DELETE FROM drafts WHERE conversation_key = ?"));
    for (auto it = drafts.cbegin(); it != drafts.cend(); ++it) {
        QSqlQuery& query = it.value().isEmpty() ? remove : replace;
        query.bindValue(0, it.key());
        if (!it.value().isEmpty()) {
            query.bindValue(1, it.value());
        }
        if (!cache_sql::run(query)) {
            return false;
        }
    }
    return true;
}

bool LocalCache::writeUsers(const QList<UserInfo>& users) {
    QSqlQuery query(databaseOf(connectionName_));
    query.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO users (id, username, display_name) VALUES (?, ?, ?)"));
    for (const UserInfo& user : users) {
        query.bindValue(0, user.id);
        query.bindValue(1, user.username);
        query.bindValue(2, user.displayName);
        if (!cache_sql::run(query)) {
            return false;
        }
        users_.insert(user.id, user);
    }
    return true;
}

bool LocalCache::writeConversation(const Conversation& conversation) {
    const natter::Conversation& details = conversation.details;
    QSqlQuery query(databaseOf(connectionName_));
    query.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO conversations (id, kind, name, owner_id, created_at, last_seq, "
        "last_activity_at, last_message, has_read_state, last_read_seq, unread_count, "
        "read_positions, cursor, unread_counted_through, delivered_positions, has_safety_state, "
        "request, blocked, muted) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    const QList<QVariant> values = {
        details.id,
        details.isGroup() ? 1 : 0,
        details.name,
        details.ownerId,
        msOf(details.createdAt),
        details.lastSeq,
        msOf(details.lastActivityAt),
        details.lastMessage ? QVariant(compact(messageJson(*details.lastMessage))) : QVariant(),
        details.hasReadState,
        details.lastReadSeq,
        details.unreadCount,
        readPositionsText(details.readPositions),
        conversation.cursor,
        conversation.unreadCountedThrough,
        readPositionsText(details.deliveredPositions),
        details.hasSafetyState,
        details.request,
        details.blocked,
        details.muted};
    for (const QVariant& value : values) {
        query.addBindValue(value);
    }
    QSqlQuery clearMembers(databaseOf(connectionName_));
    clearMembers.prepare(QStringLiteral("DELETE FROM members WHERE conversation_id = ?"));
    clearMembers.addBindValue(details.id);
    if (!cache_sql::run(query) || !cache_sql::run(clearMembers)) {
        return false;
    }
    QSqlQuery member(databaseOf(connectionName_));
    member.prepare(QStringLiteral(
        "INSERT INTO members (conversation_id, position, user_id) VALUES (?, ?, ?)"));
    for (int i = 0; i < details.members.size(); ++i) {
        member.bindValue(0, details.id);
        member.bindValue(1, i);
        member.bindValue(2, details.members.at(i).id);
        if (!cache_sql::run(member)) {
            return false;
        }
    }
    return true;
}

bool LocalCache::writeMessages(const QList<ChatMessage>& messages) {
    QSqlQuery query(databaseOf(connectionName_));
    query.prepare(QStringLiteral("INSERT OR IGNORE INTO messages (%1) VALUES (?, ?, ?, ?, ?, ?, "
                                 "?, ?, ?, ?)")
                      .arg(kMessageColumns));
    for (const ChatMessage& message : messages) {
        query.bindValue(0, message.conversationId);
        query.bindValue(1, message.seq);
        query.bindValue(2, message.id);
        query.bindValue(3, message.sender ? QVariant(message.sender->id) : QVariant());
        query.bindValue(4, message.clientMessageId);
        query.bindValue(5, message.type);
        query.bindValue(6, message.body);
        query.bindValue(7, message.meta.isEmpty() ? QVariant() : QVariant(compact(message.meta)));
        query.bindValue(8, msOf(message.sentAt));
        query.bindValue(9, stateText(message));
        if (!cache_sql::run(query)) {
            return false;
        }
    }
    return true;
}

bool LocalCache::writeOutbox(const std::vector<Outgoing>& outbox) {
    const QSqlDatabase db = databaseOf(connectionName_);
    if (!cache_sql::run(db, QStringLiteral("DELETE FROM outbox"))) {
        return false;
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT INTO outbox (position, client_message_id, conversation_id, recipient_id, "
        "sender_id, type, body, sent_at, failed, failure_text, reply_to_seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    int position = 0;
    for (const Outgoing& outgoing : outbox) {
        const ChatMessage& message = outgoing.message;
        const QList<QVariant> values = {
            position++,
            message.clientMessageId,
            message.conversationId,
            message.recipientId,
            message.sender ? message.sender->id : QString(),
            message.type,
            message.body,
            msOf(message.sentAt),
            message.delivery == Delivery::Failed,
            message.failureText,
            message.replyTo ? QVariant(message.replyTo->seq) : QVariant()};
        for (int i = 0; i < values.size(); ++i) {
            query.bindValue(i, values.at(i));
        }
        if (!cache_sql::run(query)) {
            return false;
        }
    }
    return true;
}

bool LocalCache::removeConversation(const QString& conversationId) {
    for (const QString& table : {QStringLiteral("conversations"), QStringLiteral("members"),
                                 QStringLiteral("messages"), QStringLiteral("drafts")}) {
        QSqlQuery query(databaseOf(connectionName_));
        const QString column = table == QStringLiteral("conversations") ? QStringLiteral("id")
                               : table == QStringLiteral("drafts")
                                   ? QStringLiteral("conversation_key")
                                   : QStringLiteral("conversation_id");
        query.prepare(QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(table, column));
        query.addBindValue(conversationId);
        if (!cache_sql::run(query)) {
            return false;
        }
    }
    return true;
}

}  // namespace natter
