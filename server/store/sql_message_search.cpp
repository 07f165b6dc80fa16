// SqlStore: message search (docs/protocol.md 5.3a). SQLite asks its FTS5 index, PostgreSQL its
// GIN index of to_tsvector('simple', body) (both from schema version 10). Either way the
// membership join is in the statement, so a conversation the user is not a member of now (never
// was, left, was removed) gives no hit, and paging happens in the index's order, newest first.
#include <QStringList>

#include "sql_store.h"

namespace natter {
namespace {

// FTS5: every word as a quoted prefix phrase, all required. Words are letters, digits and marks
// only (text_search.h), so nothing in them can be FTS5 syntax.
QString fts5Query(const QStringList& words) {
    QStringList terms;
    for (const QString& word : words) {
        terms.append(u'"' + word + QStringLiteral("\"*"));
    }
    return terms.join(QStringLiteral(" AND "));
}

// to_tsquery: every word as a prefix, all required; quoted as a tsquery lexeme.
QString tsQuery(const QStringList& words) {
    QStringList terms;
    for (const QString& word : words) {
        terms.append(u'\'' + word + QStringLiteral("':*"));
    }
    return terms.join(QStringLiteral(" & "));
}

// The ids of the hits, newest first: a subquery for selectMessageRows. Binds: user, query,
// before id, [conversation], limit.
QString hitIds(SqlDialect dialect, bool oneConversation) {
    const QString inConversation =
        oneConversation ? QStringLiteral(" AND sm.conversation_id = ?") : QString();
    const QString members = QStringLiteral(
        " JOIN conversation_members cm ON cm.conversation_id = sm.conversation_id"
        " AND cm.user_id = ?");
    if (dialect == SqlDialect::Sqlite) {
        return QStringLiteral(
                   "SELECT message_search.rowid FROM message_search"
                   " JOIN messages sm ON sm.id = message_search.rowid%1"
                   " WHERE message_search MATCH ? AND message_search.rowid < ?%2"
                   " ORDER BY message_search.rowid DESC LIMIT ?")
            .arg(members, inConversation);
    }
    return QStringLiteral(
               "SELECT sm.id FROM messages sm%1"
               " WHERE to_tsvector('simple', sm.body) @@ to_tsquery('simple', ?)"
               " AND %2 AND sm.id < ?%3 ORDER BY sm.id DESC LIMIT ?")
        .arg(members, searchable(QStringLiteral("sm.")), inConversation);
}

}  // namespace

QList<MessageRecord> SqlStore::searchMessages(const MessageSearchQuery& query) {
    const bool oneConversation = query.conversationId != 0;
    QVariantList bindings{
        query.userId,
        dialect_ == SqlDialect::Sqlite ? fts5Query(query.words) : tsQuery(query.words),
        query.beforeId > 0 ? query.beforeId : std::numeric_limits<qint64>::max()};
    if (oneConversation) {
        bindings.append(query.conversationId);
    }
    bindings.append(query.limit);
    return selectMessageRows(QStringLiteral("WHERE m.id IN (%1) ORDER BY m.id DESC")
                                 .arg(hitIds(dialect_, oneConversation)),
                             bindings);
}

}  // namespace natter
