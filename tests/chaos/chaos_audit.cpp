#include "chaos_audit.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

#include "chat_checks.h"

namespace natter::test::chaos {
namespace {

constexpr int kDetailsMax = 20;

struct StoredMessage {
    QString id;
    QString senderId;  // empty for system messages
    QString clientMessageId;
};

// What the database holds, by public ids.
struct Database {
    QHash<QString, QMap<int, StoredMessage>> messages;  // conversation -> seq -> message
    QHash<QString, int> lastSeq;                        // conversation -> last_seq
    QHash<QString, QHash<QString, int>> readMarkers;    // user -> conversation -> last_read_seq
    int rows = 0;
};

Database readDatabase(const QString& path, QStringList& errors) {
    Database db;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase sql = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        sql.setDatabaseName(path);
        if (!sql.open()) {
            errors.append(QStringLiteral("cannot open ") + path);
            return db;
        }
        QSqlQuery query(sql);
        query.exec(
            QStringLiteral("SELECT c.public_id, m.seq, m.public_id, COALESCE(u.public_id, ''),"
                           " COALESCE(m.client_message_id, '') FROM messages m"
                           " JOIN conversations c ON c.id = m.conversation_id"
                           " LEFT JOIN users u ON u.id = m.sender_id"));
        while (query.next()) {
            db.messages[query.value(0).toString()].insert(
                query.value(1).toInt(),
                {query.value(2).toString(), query.value(3).toString(), query.value(4).toString()});
            ++db.rows;
        }
        query.exec(QStringLiteral("SELECT public_id, last_seq FROM conversations"));
        while (query.next()) {
            db.lastSeq.insert(query.value(0).toString(), query.value(1).toInt());
        }
        query.exec(QStringLiteral(
            "SELECT u.public_id, c.public_id, cm.last_read_seq FROM conversation_members cm"
            " JOIN users u ON u.id = cm.user_id JOIN conversations c ON c.id = "
            "cm.conversation_id"));
        while (query.next()) {
            db.readMarkers[query.value(0).toString()].insert(query.value(1).toString(),
                                                             query.value(2).toInt());
        }
    }
    QSqlDatabase::removeDatabase(name);
    return db;
}

void note(AuditCounts& counts, const QString& problem) {
    if (counts.details.size() < kDetailsMax) {
        counts.details.append(problem);
    }
}

void auditStore(const Database& db, AuditCounts& counts) {
    QHash<QString, int> perClientMessageId;  // sender + client_message_id -> rows
    for (auto it = db.messages.constBegin(); it != db.messages.constEnd(); ++it) {
        const int last = db.lastSeq.value(it.key());
        if (it->size() != last || it->firstKey() != 1 || it->lastKey() != last) {
            ++counts.seqGaps;
            note(counts, QStringLiteral("%1: %2 messages for last_seq %3")
                             .arg(it.key())
                             .arg(it->size())
                             .arg(last));
        }
        for (const StoredMessage& message : *it) {
            if (!message.clientMessageId.isEmpty()) {
                ++perClientMessageId[message.senderId + u'/' + message.clientMessageId];
            }
        }
    }
    for (auto it = perClientMessageId.constBegin(); it != perClientMessageId.constEnd(); ++it) {
        if (it.value() > 1) {
            counts.duplicated += it.value() - 1;
            note(counts, it.key() + QStringLiteral(" stored %1 times").arg(it.value()));
        }
    }
}

void auditSent(const Database& db, const ChaosClient& client, AuditCounts& counts) {
    counts.retried += client.retried();
    counts.retriedDuplicates += client.retriedDuplicates();
    for (const SentMessage& sent : client.sent()) {
        ++counts.sent;
        if (sent.ack.isEmpty()) {
            ++counts.unconfirmed;
            continue;
        }
        ++counts.acknowledged;
        const QString conversationId = sent.ack.value(QStringLiteral("conversation_id")).toString();
        const StoredMessage stored = db.messages.value(conversationId).value(chat::seqOf(sent.ack));
        if (stored.id != chat::idOf(sent.ack) || stored.senderId != client.user().userId) {
            ++counts.lost;
            note(counts, QStringLiteral("acknowledged %1 (%2 seq %3) is not stored")
                             .arg(chat::idOf(sent.ack), conversationId)
                             .arg(chat::seqOf(sent.ack)));
        }
    }
}

void auditView(const Database& db, const ChaosClient& client, AuditCounts& counts) {
    counts.duplicated += client.viewConflicts();
    const QHash<QString, int> markers = db.readMarkers.value(client.user().userId);
    for (auto it = markers.constBegin(); it != markers.constEnd(); ++it) {
        const auto stored = db.messages.value(it.key());
        const auto seen = client.view().value(it.key());
        for (auto message = stored.constBegin(); message != stored.constEnd(); ++message) {
            if (seen.value(message.key()).id != message->id) {
                ++counts.viewMismatches;
                note(counts, QStringLiteral("%1 lacks or differs at %2 seq %3")
                                 .arg(client.user().username, it.key())
                                 .arg(message.key()));
            }
        }
        if (seen.size() > stored.size()) {
            counts.viewMismatches += int(seen.size() - stored.size());
        }
    }
}

// Unread counts three ways: the server's answer, the client's own view with the server's marker,
// and the database with its marker.
void auditUnread(const Database& db, const ChaosClient& client, const QJsonObject& list,
                 AuditCounts& counts) {
    const QString me = client.user().userId;
    int total = 0;
    for (const QJsonValue value : list.value(QStringLiteral("conversations")).toArray()) {
        const QJsonObject conversation = value.toObject();
        const QString id = chat::idOf(conversation);
        const int marker = conversation.value(QStringLiteral("last_read_seq")).toInt();
        const int dbMarker = db.readMarkers.value(me).value(id, -1);
        const auto unreadAfter = [&](const auto& messages, int from) {
            int unread = 0;
            for (auto it = messages.constBegin(); it != messages.constEnd(); ++it) {
                unread += it.key() > from && !it->senderId.isEmpty() && it->senderId != me;
            }
            return unread;
        };
        const int answered = conversation.value(QStringLiteral("unread_count")).toInt(-1);
        const int fromView = unreadAfter(client.view().value(id), marker);
        const int fromDb = unreadAfter(db.messages.value(id), dbMarker);
        total += answered;
        if (marker != dbMarker || marker < client.ackedReadMarkers().value(id) ||
            answered != fromView || answered != fromDb) {
            ++counts.unreadMismatches;
            note(counts, QStringLiteral("%1 in %2: unread %3 (view %4, database %5), marker %6 "
                                        "(database %7, acknowledged %8)")
                             .arg(client.user().username, id)
                             .arg(answered)
                             .arg(fromView)
                             .arg(fromDb)
                             .arg(marker)
                             .arg(dbMarker)
                             .arg(client.ackedReadMarkers().value(id)));
        }
    }
    if (total != list.value(QStringLiteral("total_unread")).toInt(-1)) {
        ++counts.unreadMismatches;
        note(counts, client.user().username + QStringLiteral(": total_unread is not the sum"));
    }
}

}  // namespace

QString AuditCounts::summary() const {
    return QStringLiteral("sent=%1 acknowledged=%2 retried=%3 (already stored %4) stored_rows=%5 ")
               .arg(sent)
               .arg(acknowledged)
               .arg(retried)
               .arg(retriedDuplicates)
               .arg(stored) +
           QStringLiteral(
               "lost=%1 duplicated=%2 unconfirmed=%3 seq_gaps=%4 view_mismatches=%5 "
               "unread_mismatches=%6")
               .arg(lost)
               .arg(duplicated)
               .arg(unconfirmed)
               .arg(seqGaps)
               .arg(viewMismatches)
               .arg(unreadMismatches);
}

AuditCounts audit(const QString& databasePath, const QList<ChaosClient*>& clients,
                  const QList<QJsonObject>& lists) {
    AuditCounts counts;
    const Database db = readDatabase(databasePath, counts.details);
    if (!counts.details.isEmpty()) {
        ++counts.lost;  // nothing can be verified without the database
        return counts;
    }
    counts.stored = db.rows;
    auditStore(db, counts);
    for (qsizetype i = 0; i < clients.size(); ++i) {
        auditSent(db, *clients.at(i), counts);
        auditView(db, *clients.at(i), counts);
        auditUnread(db, *clients.at(i), lists.value(i), counts);
    }
    return counts;
}

}  // namespace natter::test::chaos
