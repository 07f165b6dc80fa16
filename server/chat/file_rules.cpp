#include "file_rules.h"

#include "protocol_limits.h"

namespace natter {
namespace {

struct Magic {
    int offset;
    QByteArrayView bytes;
    const char* mime;
};

// RIFF containers (WebP, WAV) need a second check at offset 8, listed after the first.
constexpr Magic kMagics[] = {
    {0, "\x89PNG\r\n\x1a\n", "image/png"},
    {0, "\xff\xd8\xff", "image/jpeg"},
    {0, "GIF87a", "image/gif"},
    {0, "GIF89a", "image/gif"},
    {8, "WEBP", "image/webp"},
    {8, "WAVE", "audio/wav"},
    {0, "%PDF-", "application/pdf"},
    {4, "ftyp", "video/mp4"},
    {0, "OggS", "audio/ogg"},
    {0, "ID3", "audio/mpeg"},
    {0, "PK\x03\x04", "application/zip"},
};

bool matches(const QByteArray& head, const Magic& magic) {
    if (head.mid(magic.offset, magic.bytes.size()) != magic.bytes) {
        return false;
    }
    return magic.offset != 8 || head.startsWith("RIFF");
}

ProtocolError invalidAttachment(const QString& why) {
    return ProtocolError::of(ErrorCode::InvalidAttachment, why, QStringLiteral("meta"));
}

}  // namespace

QString sniffMime(const QByteArray& head) {
    for (const Magic& magic : kMagics) {
        if (matches(head, magic)) {
            return QString::fromLatin1(magic.mime);
        }
    }
    return QStringLiteral("application/octet-stream");
}

OrError<CheckedAttachment> checkAttachment(FileStore& store, qint64 senderId,
                                           const QJsonObject& meta) {
    CheckedAttachment checked{meta, {}};
    const auto file = store.fileByRef(meta.value(QStringLiteral("ref")).toString());
    if (!file || !file->finished || file->ownerId != senderId) {
        return invalidAttachment(QStringLiteral("meta.ref is not a finished upload of yours."));
    }
    checked.meta.insert(QStringLiteral("size"), file->size);
    checked.meta.insert(QStringLiteral("mime"), file->mime);
    checked.refs.append(file->ref);
    const QJsonValue thumbRef = meta.value(QStringLiteral("thumb_ref"));
    if (thumbRef.isUndefined() || thumbRef.isNull()) {
        return checked;
    }
    const auto thumb = store.fileByRef(thumbRef.toString());
    if (!thumb || !thumb->finished || thumb->ownerId != senderId ||
        thumb->size > limits::kThumbnailMaxBytes || !thumb->mime.startsWith(u"image/")) {
        return invalidAttachment(
            QStringLiteral("meta.thumb_ref is not a small finished image upload of yours."));
    }
    checked.refs.append(thumb->ref);
    return checked;
}

void dropFiles(FileStore& store, BlobStore& blobs, const QList<FileRecord>& files) {
    for (const FileRecord& file : files) {
        store.deleteFile(file.ref);
        blobs.removePartial(file.uploadId);
        if (file.finished && !store.contentHeld(file.sha256)) {
            blobs.removeContent(file.sha256);
        }
    }
}

}  // namespace natter
