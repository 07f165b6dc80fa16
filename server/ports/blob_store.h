// Where file bytes live (docs/protocol.md section 5.8): unfinished uploads by upload id, finished
// files by content (SHA-256, lowercase hex), so identical files are stored once. The database
// knows which uploads and refs exist; this knows only bytes. store/FileBlobStore keeps them under
// the data dir; several nodes share one by a shared volume (docs/scaling.md). Safe to call from
// any thread: calls on different files do not interfere, and one upload is written by one thread
// at a time (the file service's).
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace natter {

class BlobStore {
public:
    virtual ~BlobStore() = default;

    // Bytes of the unfinished upload written so far; 0 when there are none.
    virtual qint64 partialSize(const QString& uploadId) = 0;
    // Writes `bytes` at `offset`, which must be partialSize(); false on an I/O failure.
    virtual bool appendPartial(const QString& uploadId, qint64 offset, const QByteArray& bytes) = 0;
    // The first `count` bytes of the unfinished upload (to sniff its type).
    virtual QByteArray partialHead(const QString& uploadId, int count) = 0;
    // Flushes the unfinished upload to disk and returns its SHA-256 (lowercase hex); nullopt when
    // it cannot be read.
    virtual std::optional<QString> syncAndHashPartial(const QString& uploadId) = 0;
    // Makes the unfinished upload the content `sha256` (renamed into place, the directory
    // flushed); when that content exists already, the upload's copy is dropped. False on failure.
    virtual bool commitPartial(const QString& uploadId, const QString& sha256) = 0;
    virtual void removePartial(const QString& uploadId) = 0;
    virtual void removeContent(const QString& sha256) = 0;
    // `length` bytes at `offset` of the content; nullopt when it is missing or shorter.
    virtual std::optional<QByteArray> read(const QString& sha256, qint64 offset, qint64 length) = 0;
};

}  // namespace natter
