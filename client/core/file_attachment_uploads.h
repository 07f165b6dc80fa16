// Brings the outbox's attachment messages to the server: for each pending photo, video, audio
// or file message whose refs are not known yet it uploads the thumbnail (if any) and the file
// through FileTransfer, then hands the refs to the outbox, which sends the message with its
// client_message_id like any other (so the send survives a reconnect too). An upload that fails
// for good marks its message failed; retrying it uploads again.
#pragma once

#include <QHash>
#include <QObject>

#include "core/chat_types.h"
#include "core/file_types.h"

namespace natter {

class FileTransfer;
class Outbox;

class AttachmentUploads : public QObject {
    Q_OBJECT

public:
    AttachmentUploads(Outbox& outbox, FileTransfer& transfer, QObject* parent = nullptr);

    // Starts what the outbox holds that is not uploading (after a restart from the cache).
    void startPending();
    // Stops the uploads of a message.
    void cancel(const QString& clientMessageId);

private:
    struct Refs {
        QString fileRef;
        QString thumbRef;
        bool thumbWanted = false;
    };

    void consider(const natter::ChatMessage& message);
    void onUploaded(const QString& key, const natter::FileRef& file);
    void onFailed(const QString& key, const QString& reason);
    static QString thumbKeyOf(const QString& clientMessageId);
    void noteCopies(const QString& clientMessageId, const AttachmentMeta& meta);
    void removeCopies(const QString& clientMessageId);

    Outbox& outbox_;
    FileTransfer& transfer_;
    QHash<QString, Refs> running_;  // by client_message_id
    // The copies the window made for a message (stripped photo, thumbnail), by
    // client_message_id: deleted once the message has left the outbox.
    QHash<QString, QStringList> copies_;
};

}  // namespace natter
