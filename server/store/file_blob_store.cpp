#include "file_blob_store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <algorithm>

#include "durable_file.h"

namespace natter {
namespace {

// Ids and hashes come from the database, never from a path a client chose; this keeps a broken
// one from naming a file outside the store all the same.
bool isSafeName(const QString& name) {
    return !name.isEmpty() && name.size() <= 128 &&
           std::all_of(name.cbegin(), name.cend(),
                       [](QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'-'; });
}

}  // namespace

FileBlobStore::FileBlobStore(const QString& root) : root_(root) {
    QDir().mkpath(root_ + QStringLiteral("/uploads"));
    QDir().mkpath(root_ + QStringLiteral("/content"));
}

QString FileBlobStore::partialPath(const QString& uploadId) const {
    return root_ + QStringLiteral("/uploads/") + uploadId + QStringLiteral(".part");
}

QString FileBlobStore::contentPathIn(const QString& root, const QString& sha256) {
    return root + QStringLiteral("/content/") + sha256.left(2) + u'/' + sha256;
}

QString FileBlobStore::contentPath(const QString& sha256) const {
    return contentPathIn(root_, sha256);
}

qint64 FileBlobStore::partialSize(const QString& uploadId) {
    return isSafeName(uploadId) ? QFileInfo(partialPath(uploadId)).size() : 0;
}

bool FileBlobStore::appendPartial(const QString& uploadId, qint64 offset, const QByteArray& bytes) {
    QFile file(partialPath(uploadId));
    if (!isSafeName(uploadId) || !file.open(QIODevice::ReadWrite) || file.size() != offset) {
        return false;
    }
    return file.seek(offset) && file.write(bytes) == bytes.size() && file.flush();
}

QByteArray FileBlobStore::partialHead(const QString& uploadId, int count) {
    QFile file(partialPath(uploadId));
    return isSafeName(uploadId) && file.open(QIODevice::ReadOnly) ? file.read(count) : QByteArray();
}

std::optional<QString> FileBlobStore::syncAndHashPartial(const QString& uploadId) {
    QFile file(partialPath(uploadId));
    // One handle for both: synced, then read from the start for the hash.
    if (!isSafeName(uploadId) || !file.open(QIODevice::ReadWrite | QIODevice::ExistingOnly) ||
        !durable::trySync(file)) {
        return std::nullopt;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) {
        return std::nullopt;
    }
    return QString::fromLatin1(hash.result().toHex());
}

bool FileBlobStore::commitPartial(const QString& uploadId, const QString& sha256) {
    if (!isSafeName(uploadId) || !isSafeName(sha256)) {
        return false;
    }
    const QString target = contentPath(sha256);
    const QString directory = QFileInfo(target).path();
    if (QFileInfo::exists(target)) {  // the same bytes are stored already
        QFile::remove(partialPath(uploadId));
        return true;
    }
    // The rename replaces atomically: the content path shows nothing or the whole file.
    return QDir().mkpath(directory) && durable::tryRename(partialPath(uploadId), target) &&
           durable::trySync(directory);
}

void FileBlobStore::removePartial(const QString& uploadId) {
    if (isSafeName(uploadId)) {
        QFile::remove(partialPath(uploadId));
    }
}

void FileBlobStore::removeContent(const QString& sha256) {
    if (isSafeName(sha256)) {
        QFile::remove(contentPath(sha256));
    }
}

std::optional<QByteArray> FileBlobStore::read(const QString& sha256, qint64 offset, qint64 length) {
    QFile file(contentPath(sha256));
    if (!isSafeName(sha256) || offset < 0 || length < 0 || !file.open(QIODevice::ReadOnly) ||
        offset + length > file.size() || !file.seek(offset)) {
        return std::nullopt;
    }
    QByteArray bytes = file.read(length);
    return bytes.size() == length ? std::optional(bytes) : std::nullopt;
}

}  // namespace natter
