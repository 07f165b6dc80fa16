// Uploads and downloads of files (docs/protocol.md section 5.8). Lives on the service thread, which
// also writes upload chunks (small appends); hashing and renaming a finished upload, and deleting
// files, run as storage jobs so they are ordered with the rows that name the content.
#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>
#include <optional>

#include "ports/blob_store.h"
#include "ports/reply.h"
#include "ports/service_ports.h"

namespace natter {

struct FileSettings {
    qint64 maxFileBytes = 0;  // max-file-size
    qint64 quotaBytes = 0;    // file-quota, per user
    qint64 expiryMs = 0;      // upload-expiry: unreferenced uploads go after this
};

// files.upload_start: a new upload (size, sha256) or, with uploadId, the one to resume.
struct UploadStartRequest {
    QString uploadId;
    qint64 size = 0;
    QString sha256;
};

struct DownloadRequest {
    QString ref;
    qint64 offset = 0;
    std::optional<qint64> length;  // none: the rest, up to kDownloadChunkMaxBytes
};

class FileService : public QObject {
    Q_OBJECT
public:
    FileService(const ServicePorts& ports, BlobStore& blobs, const FileSettings& settings,
                QObject* parent = nullptr);

    void start(const Identity& who, const UploadStartRequest& request, const ReplyRef& reply);
    // One binary upload chunk; answered with upload.ack or upload.error on reply's connection.
    void chunk(const Identity& who, const QString& uploadId, qint64 offset, const QByteArray& bytes,
               const ReplyRef& reply);
    void finish(const Identity& who, const QString& uploadId, const ReplyRef& reply);
    void download(const Identity& who, const DownloadRequest& request, const ReplyRef& reply);
    // Deletes uploads no message referenced within the expiry.
    void sweep();

private:
    // An upload being written on this node: who may write it and how far it is.
    struct Active {
        qint64 ownerId = 0;
        qint64 size = 0;
        qint64 offset = 0;
    };
    void resume(const Identity& who, const QString& uploadId, const ReplyRef& reply);
    void answerStarted(const QString& uploadId, const Active& active, const ReplyRef& reply);
    void sendBytes(const QString& sha256, const QJsonObject& result, const ReplyRef& reply);

    ServicePorts ports_;
    BlobStore& blobs_;
    FileSettings settings_;
    QHash<QString, Active> active_;  // by upload id
    QTimer sweepTimer_;
};

}  // namespace natter
