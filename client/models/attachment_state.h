// What the message list shows of attachments (docs/protocol.md 5.2 photo, video, audio, file):
// for each such message a QVariantMap for MessageListModel::AttachmentRole, with where its
// thumbnail and file are on this device (fetching a photo's thumbnail into the cache the first
// time it is asked for) and how far an upload or download has come.
#pragma once

#include <QHash>
#include <QPair>
#include <QPointer>
#include <QSet>
#include <QVariant>

#include "core/chat_types.h"

namespace natter {

class ChatActions;

class AttachmentState {
public:
    // Keys of the map (see dataFor).
    static inline const QString kType = QStringLiteral("type");
    static inline const QString kName = QStringLiteral("name");
    static inline const QString kSize = QStringLiteral("size");
    static inline const QString kMime = QStringLiteral("mime");
    static inline const QString kRef = QStringLiteral("ref");
    static inline const QString kCaption = QStringLiteral("caption");
    static inline const QString kThumbPath = QStringLiteral("thumbPath");  // empty: not here
    static inline const QString kFilePath = QStringLiteral("filePath");    // empty: not here
    static inline const QString kDone = QStringLiteral("done");
    static inline const QString kTotal = QStringLiteral("total");
    static inline const QString kTransferring = QStringLiteral("transferring");
    static inline const QString kProgressId = QStringLiteral("progressId");

    void setChat(ChatActions* chat);
    // Invalid for text and system messages and tombstones.
    QVariant dataFor(const ChatMessage& message) const;
    void setProgress(const QString& id, qint64 done, qint64 total);
    void endProgress(const QString& id) { progress_.remove(id); }
    // A thumbnail that could not be fetched is not asked for again while the list is shown.
    void markFailed(const QString& ref) { failed_.insert(ref); }
    // Whether the message's attachment is the transfer or file `id` (a ref or client_message_id).
    static bool concerns(const ChatMessage& message, const QString& id);

private:
    QString thumbPathOf(const ChatMessage& message) const;

    QPointer<ChatActions> chat_;
    QHash<QString, QPair<qint64, qint64>> progress_;  // by ref or client_message_id
    QSet<QString> failed_;
};

}  // namespace natter
