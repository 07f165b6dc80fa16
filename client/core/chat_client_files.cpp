// ChatClient's attachments (docs/protocol.md 5.8): sending through the outbox and
// AttachmentUploads, downloading through FileTransfer into the account's cache.
#include <QDir>
#include <QStandardPaths>

#include "core/chat_client.h"
#include "core/file_attachment_uploads.h"
#include "core/file_transfer.h"

namespace natter {

void ChatClient::connectFiles() {
    connect(files_.get(), &FileTransfer::progress, this, &ChatClient::transferProgress);
    connect(files_.get(), &FileTransfer::downloadFinished, this, &ChatClient::fileDownloaded);
    connect(files_.get(), &FileTransfer::downloadFailed, this, &ChatClient::fileDownloadFailed);
    if (cacheDir_.isEmpty()) {
        // Until the app names the profile's directory (a client without a cache: tests).
        files_->setCacheDirectory(QStandardPaths::writableLocation(QStandardPaths::CacheLocation));
    }
}

QString ChatClient::sendAttachment(const QString& conversationId, const QString& type,
                                   const AttachmentMeta& meta, const QString& caption) {
    if (!store_.contains(conversationId) || !isAttachmentType(type)) {
        return {};
    }
    return outbox_->sendAttachment(conversationId, type, meta, caption);
}

QString ChatClient::outgoingFilesDirectory() const {
    const QString files = files_->cacheDirectory();
    if (files.isEmpty()) {
        return {};
    }
    const QString dir = QDir(files).filePath(QStringLiteral("outgoing"));
    return QDir().mkpath(dir) ? dir : QString();
}

QString ChatClient::cachedFile(const QString& ref, qint64 size) {
    return files_->cachedPath(ref, size);
}

void ChatClient::downloadFile(const QString& ref, qint64 size, const QString& name) {
    files_->download(ref, size, name);
}

bool ChatClient::isDownloading(const QString& ref) const {
    return files_->isDownloading(ref);
}

void ChatClient::cancelTransfer(const QString& id) {
    if (outbox_->contains(id)) {
        uploads_->cancel(id);
        outbox_->cancel(id);
    } else {
        files_->cancel(id);
    }
}

}  // namespace natter
