#include "core/file_attachment_uploads.h"

#include <QFile>
#include <QFileInfo>

#include "core/file_transfer.h"
#include "core/outbox.h"

namespace natter {
namespace {

const QString kThumbSuffix = QStringLiteral("#thumb");

}  // namespace

AttachmentUploads::AttachmentUploads(Outbox& outbox, FileTransfer& transfer, QObject* parent)
    : QObject(parent), outbox_(outbox), transfer_(transfer) {
    connect(&outbox_, &Outbox::outgoingChanged, this,
            [this](const QString&, const ChatMessage& message) { consider(message); });
    connect(&outbox_, &Outbox::outgoingRemoved, this,
            [this](const QString&, const QString& clientMessageId) {
                cancel(clientMessageId);
                removeCopies(clientMessageId);
            });
    connect(&transfer_, &FileTransfer::uploadFinished, this, &AttachmentUploads::onUploaded);
    connect(&transfer_, &FileTransfer::uploadFailed, this, &AttachmentUploads::onFailed);
}

QString AttachmentUploads::thumbKeyOf(const QString& clientMessageId) {
    return clientMessageId + kThumbSuffix;
}

void AttachmentUploads::startPending() {
    for (const ChatMessage& message : outbox_.messages()) {
        consider(message);
    }
}

// The thumbnail first (it is small), then the file; the message goes when both are there.
void AttachmentUploads::consider(const ChatMessage& message) {
    const QString& id = message.clientMessageId;
    const AttachmentMeta meta = AttachmentMeta::fromJson(message.meta);
    if (!isAttachmentType(message.type) || message.delivery != Delivery::Pending ||
        meta.isUploaded() || running_.contains(id)) {
        return;
    }
    noteCopies(id, meta);
    running_.insert(id, {{}, {}, !meta.localThumb.isEmpty()});
    if (!meta.localThumb.isEmpty()) {
        transfer_.upload(thumbKeyOf(id), meta.localThumb);
    }
    if (running_.contains(id)) {  // a thumbnail that cannot be read fails the message at once
        transfer_.upload(id, meta.localPath);
    }
}

void AttachmentUploads::onUploaded(const QString& key, const FileRef& file) {
    const bool thumb = key.endsWith(kThumbSuffix);
    const QString id = thumb ? key.chopped(kThumbSuffix.size()) : key;
    const auto found = running_.find(id);
    if (found == running_.end()) {
        return;
    }
    (thumb ? found->thumbRef : found->fileRef) = file.ref;
    if (found->fileRef.isEmpty() || (found->thumbWanted && found->thumbRef.isEmpty())) {
        return;  // the other one is still on its way
    }
    const Refs refs = *found;
    running_.erase(found);
    outbox_.setUploaded(id, refs.fileRef, refs.thumbRef);
}

void AttachmentUploads::onFailed(const QString& key, const QString& reason) {
    const QString id = key.endsWith(kThumbSuffix) ? key.chopped(kThumbSuffix.size()) : key;
    if (!running_.contains(id)) {
        return;
    }
    cancel(id);
    outbox_.setFailed(id, reason);
}

void AttachmentUploads::noteCopies(const QString& clientMessageId, const AttachmentMeta& meta) {
    const QString outgoing =
        QFileInfo(transfer_.cacheDirectory() + QStringLiteral("/outgoing")).absoluteFilePath() +
        QLatin1Char('/');
    QStringList copies;
    for (const QString& path : {meta.localPath, meta.localThumb}) {
        if (!path.isEmpty() && QFileInfo(path).absoluteFilePath().startsWith(outgoing)) {
            copies << path;  // never the user's own file
        }
    }
    copies_.insert(clientMessageId, copies);
}

void AttachmentUploads::removeCopies(const QString& clientMessageId) {
    for (const QString& path : copies_.take(clientMessageId)) {
        QFile::remove(path);
    }
}

void AttachmentUploads::cancel(const QString& clientMessageId) {
    if (running_.remove(clientMessageId) > 0) {
        transfer_.cancel(clientMessageId);
        transfer_.cancel(thumbKeyOf(clientMessageId));
    }
}

}  // namespace natter
