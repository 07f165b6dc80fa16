#include "content_copy.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <utility>

#include "durable_file.h"
#include "file_blob_store.h"
#include "ports/store_error.h"
#include "validation.h"

namespace natter {
namespace {

constexpr qint64 kCopyChunkBytes = 1 << 20;

// Copies `source` to `temporary`, hashing what is written; throws unless the hash is `sha256`.
void copyHashed(const QString& source, const QString& temporary, const QString& sha256) {
    QFile in(source);
    QFile out(temporary);
    if (!in.open(QIODevice::ReadOnly) || !out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        throw StoreError(QStringLiteral("cannot copy %1 to %2").arg(source, temporary));
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    while (!in.atEnd()) {
        const QByteArray chunk = in.read(kCopyChunkBytes);
        if (chunk.isEmpty() || out.write(chunk) != chunk.size()) {
            out.remove();
            throw StoreError(QStringLiteral("cannot copy %1 to %2").arg(source, temporary));
        }
        hash.addData(chunk);
    }
    if (!out.flush() || QString::fromLatin1(hash.result().toHex()) != sha256) {
        out.remove();
        throw StoreError(QStringLiteral("%1 is damaged: its SHA-256 is not its name").arg(source));
    }
}

// Puts content `sha256` of `sourceRoot` under `targetRoot`; false when the source has none.
bool placeContent(const QString& sourceRoot, const QString& targetRoot, const QString& sha256) {
    // Only a SHA-256 name: a name from a database (a backup's, too) never leaves the files root.
    if (!isSha256Hex(sha256)) {
        throw StoreError(QStringLiteral("the database names file content \"%1\", which is not a "
                                        "SHA-256")
                             .arg(sha256.left(80)));
    }
    const QString source = FileBlobStore::contentPathIn(sourceRoot, sha256);
    const QString target = FileBlobStore::contentPathIn(targetRoot, sha256);
    if (QFileInfo::exists(target)) {
        return true;
    }
    if (!QDir().mkpath(QFileInfo(target).path())) {
        throw StoreError(QStringLiteral("cannot create %1").arg(QFileInfo(target).path()));
    }
    bool missing = false;
    if (durable::tryHardLink(source, target, missing) || missing) {
        return !missing;
    }
    // Another file system (EXDEV), or one without hard links, or a file of another user.
    const QString temporary = durable::temporaryNameFor(target);
    copyHashed(source, temporary, sha256);
    durable::commitRename(temporary, target);
    return true;
}

}  // namespace

ContentCopy copyContent(const QString& sourceRoot, const QString& targetRoot,
                        const QStringList& sha256s) {
    ContentCopy copy;
    QSet<QString> directories;
    for (const QString& sha256 : sha256s) {
        if (!placeContent(sourceRoot, targetRoot, sha256)) {
            copy.missing.append(sha256);
            continue;
        }
        const QFileInfo placed(FileBlobStore::contentPathIn(targetRoot, sha256));
        directories.insert(placed.path());
        ++copy.files;
        copy.bytes += placed.size();
    }
    for (const QString& directory : std::as_const(directories)) {
        durable::sync(directory);
    }
    if (!directories.isEmpty()) {
        durable::sync(targetRoot + QStringLiteral("/content"));
        durable::sync(targetRoot);
    }
    return copy;
}

QStringList contentMissingFrom(const QStringList& roots, const QStringList& sha256s) {
    QStringList missing;
    for (const QString& sha256 : sha256s) {
        const bool held = std::any_of(roots.cbegin(), roots.cend(), [&sha256](const QString& root) {
            return QFileInfo::exists(FileBlobStore::contentPathIn(root, sha256));
        });
        if (!held) {
            missing.append(sha256);
        }
    }
    return missing;
}

qint64 removeContentExcept(const QString& root, const QSet<QString>& keep) {
    qint64 removed = 0;
    QDirIterator it(root + QStringLiteral("/content"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo file = it.nextFileInfo();
        if (!keep.contains(file.fileName()) && QFile::remove(file.filePath())) {
            ++removed;
        }
    }
    return removed;
}

qint64 removeUploadsExcept(const QString& root, const QSet<QString>& keepUploadIds) {
    qint64 removed = 0;
    const QString suffix = QStringLiteral(".part");
    QDirIterator it(root + QStringLiteral("/uploads"), {QStringLiteral("*.part")}, QDir::Files);
    while (it.hasNext()) {
        const QFileInfo file = it.nextFileInfo();
        const QString uploadId = file.fileName().chopped(suffix.size());
        if (!keepUploadIds.contains(uploadId) && QFile::remove(file.filePath())) {
            ++removed;
        }
    }
    return removed;
}

}  // namespace natter
