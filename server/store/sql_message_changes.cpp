// SqlStore: replies, edits, deletions and reactions (docs/protocol.md 5.2a), and what a loaded
// message shows of them: its reactions, the preview of the message it answers and, for a change
// entry, the changed message as it is now.
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include "message_rules.h"
#include "sql_store.h"

namespace natter {
namespace {

const QString kMessageInConversation = QStringLiteral("WHERE m.conversation_id = ? AND m.seq = ?");

qint64 targetSeqOf(const MessageRecord& change) {
    return QJsonDocument::fromJson(change.metaJson.toUtf8())
        .object()
        .value(QStringLiteral("target_seq"))
        .toInteger();
}

ReplyPreview previewOf(const MessageRecord& replied) {
    return ReplyPreview{replied.seq, replied.sender, replied.type, replyPreviewOf(replied.body),
                        replied.isDeleted()};
}

// The reactions of one message, grouped by emoji in kReactionEmoji order.
QList<ReactionRecord> groupedReactions(const QList<std::pair<QString, QString>>& emojiAndUser) {
    QList<ReactionRecord> grouped;
    for (const QString& emoji : reactionEmoji()) {
        ReactionRecord reaction{emoji, {}};
        for (const auto& [given, user] : emojiAndUser) {
            if (given == emoji) {
                reaction.userPublicIds.append(user);
            }
        }
        if (!reaction.userPublicIds.isEmpty()) {
            grouped.append(reaction);
        }
    }
    return grouped;
}

}  // namespace

std::optional<MessageRecord> SqlStore::messageAt(qint64 conversationId, qint64 seq) {
    const auto found = selectMessages(kMessageInConversation, {conversationId, seq});
    return found.isEmpty() ? std::nullopt : std::optional(found.constFirst());
}

std::optional<MessageRecord> SqlStore::latestMessage(qint64 conversationId) {
    const auto found = selectMessages(QStringLiteral("WHERE m.conversation_id = ? AND m.type <> ?"
                                                     " ORDER BY m.seq DESC LIMIT 1"),
                                      {conversationId, kChangeMessageType});
    return found.isEmpty() ? std::nullopt : std::optional(found.constFirst());
}

void SqlStore::editMessage(qint64 messageId, const QString& body, qint64 editedAt) {
    exec(QStringLiteral("UPDATE messages SET body = ?, edited_at = ? WHERE id = ?"),
         {body, editedAt, messageId});
}

void SqlStore::eraseMessage(qint64 messageId, qint64 deletedAt) {
    exec(QStringLiteral("DELETE FROM message_reactions WHERE message_id = ?"), {messageId});
    exec(QStringLiteral("UPDATE messages SET body = '', meta = '', deleted_at = ? WHERE id = ?"),
         {deletedAt, messageId});
}

bool SqlStore::addReaction(qint64 messageId, qint64 userId, const QString& emoji, qint64 atMs) {
    return exec(QStringLiteral("INSERT INTO message_reactions (message_id, user_id, emoji,"
                               " reacted_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"),
                {messageId, userId, emoji, atMs})
               .numRowsAffected() > 0;
}

bool SqlStore::removeReaction(qint64 messageId, qint64 userId, const QString& emoji) {
    return exec(QStringLiteral("DELETE FROM message_reactions"
                               " WHERE message_id = ? AND user_id = ? AND emoji = ?"),
                {messageId, userId, emoji})
               .numRowsAffected() > 0;
}

void SqlStore::addMessageDetails(QList<MessageRecord>& messages) {
    addReactions(messages);
    for (MessageRecord& message : messages) {
        if (message.replyToSeq > 0) {
            const auto replied = selectMessageRows(kMessageInConversation,
                                                   {message.conversationId, message.replyToSeq});
            if (!replied.isEmpty()) {
                message.replyTo = previewOf(replied.constFirst());
            }
        }
        if (message.type == kChangeMessageType) {
            // A target is never itself a change entry, so this goes one level deep.
            const auto target = selectMessages(kMessageInConversation,
                                               {message.conversationId, targetSeqOf(message)});
            if (!target.isEmpty()) {
                message.target = std::make_shared<const MessageRecord>(target.constFirst());
            }
        }
    }
}

void SqlStore::addReactions(QList<MessageRecord>& messages) {
    // One query per conversation over the seq range loaded (a page is one conversation).
    QHash<qint64, std::pair<qint64, qint64>> ranges;
    for (const MessageRecord& m : messages) {
        auto it = ranges.find(m.conversationId);
        if (it == ranges.end()) {
            ranges.insert(m.conversationId, {m.seq, m.seq});
        } else {
            it->first = std::min(it->first, m.seq);
            it->second = std::max(it->second, m.seq);
        }
    }
    QHash<qint64, QList<std::pair<QString, QString>>> byMessage;
    for (auto it = ranges.constBegin(); it != ranges.constEnd(); ++it) {
        QSqlQuery& q = exec(QStringLiteral("SELECT r.message_id, r.emoji, u.public_id"
                                           " FROM message_reactions r"
                                           " JOIN messages m ON m.id = r.message_id"
                                           " JOIN users u ON u.id = r.user_id"
                                           " WHERE m.conversation_id = ? AND m.seq BETWEEN ? AND ?"
                                           " ORDER BY r.reacted_at, u.id"),
                            {it.key(), it->first, it->second});
        while (q.next()) {
            byMessage[q.value(0).toLongLong()].append(
                {q.value(1).toString(), q.value(2).toString()});
        }
    }
    for (MessageRecord& m : messages) {
        if (const auto found = byMessage.constFind(m.id); found != byMessage.constEnd()) {
            m.reactions = groupedReactions(*found);
        }
    }
}

}  // namespace natter
