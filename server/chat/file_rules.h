// The rules of files (docs/protocol.md section 5.8) that other use cases share: what type a file
// is, which attachments a message may name, and how files no message needs go.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

#include "ports/blob_store.h"
#include "ports/job_queue.h"
#include "ports/store.h"

namespace natter {

// The MIME type from a file's first bytes (magic numbers); never from its name.
QString sniffMime(const QByteArray& head);
inline constexpr int kSniffBytes = 16;

// An attachment message's meta with the server's size and mime, and the refs it names; or
// invalid_attachment when a ref is not a finished upload of the sender (thumb_ref: nor a small
// image).
struct CheckedAttachment {
    QJsonObject meta;
    QStringList refs;
};
OrError<CheckedAttachment> checkAttachment(FileStore& store, qint64 senderId,
                                           const QJsonObject& meta);

// Deletes the files' rows, their unfinished bytes, and their content where no finished upload
// holds it any more. Runs in a storage job, so it cannot race an upload of the same content
// finishing.
void dropFiles(FileStore& store, BlobStore& blobs, const QList<FileRecord>& files);

}  // namespace natter
