// SqlStore: uploads and the messages that reference them (docs/protocol.md section 5.8).
#include <QSqlQuery>

#include "sql_store.h"

namespace natter {
namespace {

const QString kFileColumns = QStringLiteral(
    "SELECT f.ref, f.upload_id, f.owner_id, f.sha256, f.size, f.mime, f.created_at, f.finished"
    " FROM files f ");

FileRecord fileFrom(const QSqlQuery& query) {
    return FileRecord{query.value(0).toString(),   query.value(1).toString(),
                      query.value(2).toLongLong(), query.value(3).toString(),
                      query.value(4).toLongLong(), query.value(5).toString(),
                      query.value(6).toLongLong(), query.value(7).toInt() != 0};
}

}  // namespace

QList<FileRecord> SqlStore::selectFiles(const QString& where, const QVariantList& bindings) {
    QSqlQuery& query = exec(kFileColumns + where, bindings);
    QList<FileRecord> files;
    while (query.next()) {
        files.append(fileFrom(query));
    }
    return files;
}

void SqlStore::insertFile(const FileRecord& file) {
    // The type is sniffed when the upload finishes.
    exec(QStringLiteral("INSERT INTO files (ref, upload_id, owner_id, sha256, size, mime,"
                        " created_at, finished) VALUES (?, ?, ?, ?, ?, '', ?, 0)"),
         {file.ref, file.uploadId, file.ownerId, file.sha256, file.size, file.createdAt});
}

std::optional<FileRecord> SqlStore::fileByUploadId(const QString& uploadId, qint64 ownerId) {
    const auto found = selectFiles(QStringLiteral("WHERE f.upload_id = ? AND f.owner_id = ?"),
                                   {uploadId, ownerId});
    return found.isEmpty() ? std::nullopt : std::optional(found.constFirst());
}

std::optional<FileRecord> SqlStore::fileByRef(const QString& ref) {
    const auto found = selectFiles(QStringLiteral("WHERE f.ref = ?"), {ref});
    return found.isEmpty() ? std::nullopt : std::optional(found.constFirst());
}

qint64 SqlStore::storedBytes(qint64 ownerId) {
    QSqlQuery& query = exec(
        QStringLiteral("SELECT COALESCE(SUM(size), 0) FROM files WHERE owner_id = ?"), {ownerId});
    return query.next() ? query.value(0).toLongLong() : 0;
}

void SqlStore::finishFile(const QString& ref, const QString& mime) {
    exec(QStringLiteral("UPDATE files SET finished = 1, mime = ? WHERE ref = ?"), {mime, ref});
}

void SqlStore::deleteFile(const QString& ref) {
    exec(QStringLiteral("DELETE FROM message_files WHERE ref = ?"), {ref});
    exec(QStringLiteral("DELETE FROM files WHERE ref = ?"), {ref});
}

bool SqlStore::contentHeld(const QString& sha256) {
    QSqlQuery& query = exec(
        QStringLiteral("SELECT 1 FROM files WHERE sha256 = ? AND finished = 1 LIMIT 1"), {sha256});
    return query.next();
}

bool SqlStore::memberSeesFile(const QString& ref, qint64 userId) {
    QSqlQuery& query = exec(
        QStringLiteral("SELECT 1 FROM message_files mf"
                       " JOIN messages m ON m.id = mf.message_id"
                       " JOIN conversation_members cm ON cm.conversation_id = m.conversation_id"
                       " WHERE mf.ref = ? AND cm.user_id = ? LIMIT 1"),
        {ref, userId});
    return query.next();
}

void SqlStore::attachFile(qint64 messageId, const QString& ref) {
    exec(QStringLiteral("INSERT INTO message_files (message_id, ref) VALUES (?, ?)"
                        " ON CONFLICT DO NOTHING"),
         {messageId, ref});
}

QList<FileRecord> SqlStore::detachFiles(qint64 messageId) {
    const QList<FileRecord> attached = selectFiles(
        QStringLiteral("JOIN message_files mf ON mf.ref = f.ref WHERE mf.message_id = ?"),
        {messageId});
    exec(QStringLiteral("DELETE FROM message_files WHERE message_id = ?"), {messageId});
    QList<FileRecord> orphaned;
    for (const FileRecord& file : attached) {
        QSqlQuery& query =
            exec(QStringLiteral("SELECT 1 FROM message_files WHERE ref = ? LIMIT 1"), {file.ref});
        if (!query.next()) {
            orphaned.append(file);
        }
    }
    return orphaned;
}

QList<FileRecord> SqlStore::unreferencedFiles(qint64 cutoffMs) {
    return selectFiles(QStringLiteral("WHERE f.created_at < ? AND NOT EXISTS"
                                      " (SELECT 1 FROM message_files mf WHERE mf.ref = f.ref)"),
                       {cutoffMs});
}

}  // namespace natter
