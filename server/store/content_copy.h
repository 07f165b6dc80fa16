// Copies of FileBlobStore content (content/<first two hex digits>/<sha256>) from one files root to
// another, for backups of the files beside a database snapshot and for their restore
// (docs/operations.md, "Backup and restore").
#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace natter {

struct ContentCopy {
    qint64 files = 0;     // content present under the target root afterwards
    qint64 bytes = 0;     // their size together
    QStringList missing;  // content in neither root
};

// Makes every content of `sha256s` present under `targetRoot`, taken from `sourceRoot`. Content
// the target holds already is kept (same name, same bytes). A copy is a hard link where the file
// system allows it: content never changes once in place (FileBlobStore renames whole files in and
// only ever removes them), so a link is as good as a copy. Otherwise the bytes are copied, hashed
// on the way and refused when the hash is not their name. Every directory written is synced.
// Throws StoreError on an I/O failure or damaged content.
ContentCopy copyContent(const QString& sourceRoot, const QString& targetRoot,
                        const QStringList& sha256s);

// The content of `sha256s` that neither root holds.
QStringList contentMissingFrom(const QStringList& roots, const QStringList& sha256s);

// Removes the content under `root` that is not in `keep`; returns how many files went.
qint64 removeContentExcept(const QString& root, const QSet<QString>& keep);
// Removes the unfinished uploads under `root` whose id is not in `keepUploadIds`; returns how many.
qint64 removeUploadsExcept(const QString& root, const QSet<QString>& keepUploadIds);

}  // namespace natter
