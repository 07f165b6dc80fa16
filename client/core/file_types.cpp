#include "core/file_types.h"

#include <QFileInfo>
#include <QLocale>

#include "core/chat_errors.h"
#include "protocol_limits.h"

namespace natter {
namespace {

const QString kRef = QStringLiteral("ref");
const QString kThumbRef = QStringLiteral("thumb_ref");
const QString kName = QStringLiteral("name");
const QString kSize = QStringLiteral("size");
const QString kMime = QStringLiteral("mime");
// Client-only members: the outbox (and its cache) keeps them, the server never sees them.
const QString kLocalPath = QStringLiteral("local_path");
const QString kLocalThumb = QStringLiteral("local_thumb");

}  // namespace

FileRef fileRefFromJson(const QJsonObject& file) {
    return {file.value(kRef).toString(), file.value(kSize).toInteger(),
            file.value(kMime).toString(), file.value(QStringLiteral("sha256")).toString()};
}

AttachmentMeta AttachmentMeta::fromJson(const QJsonObject& meta) {
    AttachmentMeta attachment;
    attachment.ref = meta.value(kRef).toString();
    attachment.thumbRef = meta.value(kThumbRef).toString();
    attachment.name = meta.value(kName).toString();
    attachment.size = meta.value(kSize).toInteger();
    attachment.mime = meta.value(kMime).toString();
    attachment.localPath = meta.value(kLocalPath).toString();
    attachment.localThumb = meta.value(kLocalThumb).toString();
    return attachment;
}

QJsonObject AttachmentMeta::toJson(bool withLocalPaths) const {
    QJsonObject meta{{kName, name}, {kSize, size}, {kMime, mime}};
    const auto put = [&meta](const QString& key, const QString& value) {
        if (!value.isEmpty()) {
            meta.insert(key, value);
        }
    };
    put(kRef, ref);
    put(kThumbRef, thumbRef);
    if (withLocalPaths) {
        put(kLocalPath, localPath);
        put(kLocalThumb, localThumb);
    }
    return meta;
}

bool isAttachmentType(const QString& type) {
    return type == QStringLiteral("photo") || type == QStringLiteral("video") ||
           type == QStringLiteral("audio") || type == QStringLiteral("file");
}

QString FileMessages::forFailure(const RequestFailure& failure) {
    switch (failure.kind == FailureKind::ServerError ? failure.error.code
                                                     : ErrorCode::InternalError) {
        case ErrorCode::FileTooLarge:
            return tooLarge();
        case ErrorCode::QuotaExceeded:
            return tr("Your storage on this server is full. Delete some attachments first.");
        case ErrorCode::HashMismatch:
            return tr("The file changed while it was being sent. Please try again.");
        case ErrorCode::InvalidAttachment:
            return tr("The server no longer has this attachment. Please attach it again.");
        case ErrorCode::NotFound:
            return tr("This file is not available any more.");
        default:
            return ChatMessages::forFailure(failure);
    }
}

QString FileMessages::unreadable(const QString& path) {
    return tr("Could not read %1.").arg(QFileInfo(path).fileName());
}

QString FileMessages::unwritable(const QString& path) {
    return tr("Could not save to %1.").arg(QFileInfo(path).absolutePath());
}

QString FileMessages::emptyFile() {
    return tr("This file is empty.");
}

QString FileMessages::tooLarge() {
    return tr("Files can be at most %1.")
        .arg(QLocale().formattedDataSize(limits::kMaxFileBytes, 0, QLocale::DataSizeIecFormat));
}

QString FileMessages::wrongSize() {
    return tr("The file arrived incomplete. Please try again.");
}

}  // namespace natter
