#include "models/attachment_state.h"

#include "core/chat_actions.h"
#include "core/file_types.h"

namespace natter {

void AttachmentState::setChat(ChatActions* chat) {
    chat_ = chat;
    failed_.clear();
}

bool AttachmentState::concerns(const ChatMessage& message, const QString& id) {
    if (!isAttachmentType(message.type) || id.isEmpty()) {
        return false;
    }
    const AttachmentMeta meta = AttachmentMeta::fromJson(message.meta);
    return message.clientMessageId == id || meta.ref == id || meta.thumbRef == id;
}

QVariant AttachmentState::dataFor(const ChatMessage& message) const {
    if (!isAttachmentType(message.type) || message.deleted) {
        return {};
    }
    const AttachmentMeta meta = AttachmentMeta::fromJson(message.meta);
    const bool unsent = message.delivery != Delivery::Sent;
    // My unsent message shows its upload; a stored one its download.
    const QString progressId = unsent ? message.clientMessageId : meta.ref;
    QString filePath = meta.localPath;
    if (!unsent && chat_) {
        filePath = chat_->cachedFile(meta.ref, meta.size);
    }
    const auto progress = progress_.constFind(progressId);
    const bool transferring = progress != progress_.cend() ||
                              (!unsent && chat_ && chat_->isDownloading(meta.ref)) ||
                              (unsent && message.delivery == Delivery::Pending);
    return QVariantMap{
        {kType, message.type},
        {kName, meta.name},
        {kSize, meta.size},
        {kMime, meta.mime},
        {kRef, meta.ref},
        {kCaption, message.body},
        {kThumbPath, thumbPathOf(message)},
        {kFilePath, filePath},
        {kDone, progress != progress_.cend() ? progress->first : 0},
        {kTotal, progress != progress_.cend() ? progress->second : meta.size},
        {kTransferring, transferring},
        {kProgressId, progressId},
    };
}

// A photo's thumbnail: my own copy while unsent, else the cached download, fetched the first
// time the row is shown (thumbnails are small: at most kThumbnailMaxBytes).
QString AttachmentState::thumbPathOf(const ChatMessage& message) const {
    if (message.type != QStringLiteral("photo")) {
        return {};
    }
    const AttachmentMeta meta = AttachmentMeta::fromJson(message.meta);
    if (!meta.localThumb.isEmpty()) {
        return meta.localThumb;
    }
    if (!chat_ || meta.thumbRef.isEmpty()) {
        return {};
    }
    const QString cached = chat_->cachedFile(meta.thumbRef, 0);
    if (cached.isEmpty() && !chat_->isDownloading(meta.thumbRef) &&
        !failed_.contains(meta.thumbRef)) {
        chat_->downloadFile(meta.thumbRef, 0, QStringLiteral("thumb.jpg"));
    }
    return cached;
}

void AttachmentState::setProgress(const QString& id, qint64 done, qint64 total) {
    progress_.insert(id, {done, total});
}

}  // namespace natter
