// The default BlobStore: files under <data dir>/files. Unfinished uploads are
// uploads/<upload id>.part; finished content is content/<first two hex digits>/<sha256>, which only
// ever appears by a rename of a complete, flushed file, so a crash never leaves half a file there.
#pragma once

#include <QString>

#include "ports/blob_store.h"

namespace natter {

class FileBlobStore final : public BlobStore {
public:
    // Creates the directories under root when missing.
    explicit FileBlobStore(const QString& root);

    qint64 partialSize(const QString& uploadId) override;
    bool appendPartial(const QString& uploadId, qint64 offset, const QByteArray& bytes) override;
    QByteArray partialHead(const QString& uploadId, int count) override;
    std::optional<QString> syncAndHashPartial(const QString& uploadId) override;
    bool commitPartial(const QString& uploadId, const QString& sha256) override;
    void removePartial(const QString& uploadId) override;
    void removeContent(const QString& sha256) override;
    std::optional<QByteArray> read(const QString& sha256, qint64 offset, qint64 length) override;

    // Where content `sha256` is (or would be) stored: for tests and backups.
    QString contentPath(const QString& sha256) const;
    // The same under another root laid out like this one (a backup's files).
    static QString contentPathIn(const QString& root, const QString& sha256);

private:
    QString partialPath(const QString& uploadId) const;

    QString root_;
};

}  // namespace natter
