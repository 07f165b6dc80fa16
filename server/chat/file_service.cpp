#include "file_service.h"

#include <algorithm>

#include "file_rules.h"
#include "method_names.h"
#include "protocol_limits.h"
#include "util/log.h"
#include "util/random_id.h"

namespace natter {
namespace {

// The sweep runs often enough that an upload outlives its expiry by at most a tenth of it (and
// never less often than a minute), so a short test expiry is honoured quickly.
int sweepIntervalMs(qint64 expiryMs) {
    return int(std::clamp<qint64>(expiryMs / 10, 100, 60'000));
}

ProtocolError uploadNotFound() {
    return ProtocolError::of(ErrorCode::NotFound,
                             QStringLiteral("No unfinished upload by that id."),
                             QStringLiteral("upload_id"));
}

QJsonObject fileJson(const FileRecord& file) {
    return {{QStringLiteral("ref"), file.ref},
            {QStringLiteral("size"), file.size},
            {QStringLiteral("mime"), file.mime},
            {QStringLiteral("sha256"), file.sha256}};
}

// The header of a download's binary message: the ref, then the offset (8 bytes, big-endian).
QByteArray downloadHeader(const QString& ref, qint64 offset) {
    QByteArray header = ref.toLatin1();
    for (int shift = 56; shift >= 0; shift -= 8) {
        header.append(char((quint64(offset) >> shift) & 0xff));
    }
    return header;
}

}  // namespace

FileService::FileService(const ServicePorts& ports, BlobStore& blobs, const FileSettings& settings,
                         QObject* parent)
    : QObject(parent), ports_(ports), blobs_(blobs), settings_(settings) {
    connect(&sweepTimer_, &QTimer::timeout, this, &FileService::sweep);
    sweepTimer_.start(sweepIntervalMs(settings_.expiryMs));
}

void FileService::start(const Identity& who, const UploadStartRequest& request,
                        const ReplyRef& reply) {
    if (!request.uploadId.isEmpty()) {
        resume(who, request.uploadId, reply);
        return;
    }
    if (request.size > settings_.maxFileBytes) {
        reply->fail(ProtocolError::of(ErrorCode::FileTooLarge,
                                      QStringLiteral("This server takes files of at most %1 bytes.")
                                          .arg(settings_.maxFileBytes),
                                      QStringLiteral("size")));
        return;
    }
    const FileRecord file{newPublicId('f'), newUploadId(), who.userId,           request.sha256,
                          request.size,     QString(),     ports_.clock.nowMs(), false};
    const qint64 quota = settings_.quotaBytes;
    jobs::forRequest(ports_.storage, this, reply, [this, file, quota, reply](Store& store) {
        if (store.storedBytes(file.ownerId) + file.size > quota) {
            return jobs::fail(reply, ErrorCode::QuotaExceeded);
        }
        store.insertFile(file);
        return JobQueue::Continuation([this, file, reply] {
            answerStarted(file.uploadId, Active{file.ownerId, file.size, 0}, reply);
        });
    });
}

void FileService::resume(const Identity& who, const QString& uploadId, const ReplyRef& reply) {
    jobs::forRequest(ports_.storage, this, reply, [this, who, uploadId, reply](Store& store) {
        const auto file = store.fileByUploadId(uploadId, who.userId);
        if (!file || file->finished) {
            return jobs::fail(reply, uploadNotFound());
        }
        const Active active{file->ownerId, file->size, blobs_.partialSize(uploadId)};
        return JobQueue::Continuation(
            [this, uploadId, active, reply] { answerStarted(uploadId, active, reply); });
    });
}

void FileService::answerStarted(const QString& uploadId, const Active& active,
                                const ReplyRef& reply) {
    active_.insert(uploadId, active);
    reply->ok({{QStringLiteral("upload_id"), uploadId},
               {QStringLiteral("offset"), active.offset},
               {QStringLiteral("size"), active.size}});
}

void FileService::chunk(const Identity& who, const QString& uploadId, qint64 offset,
                        const QByteArray& bytes, const ReplyRef& reply) {
    const auto found = active_.find(uploadId);
    const bool known = found != active_.end() && found->ownerId == who.userId;
    std::optional<ProtocolError> error;
    if (!known) {
        error = ProtocolError::of(ErrorCode::NotFound,
                                  QStringLiteral("No unfinished upload by that id on this "
                                                 "connection's server; call files.upload_start."));
    } else if (offset != found->offset || found->offset + bytes.size() > found->size) {
        error = ProtocolError::of(ErrorCode::BadOffset);
    } else if (!blobs_.appendPartial(uploadId, offset, bytes)) {
        log::warning("files.write_failed", {{"upload", uploadId}});
        error = ProtocolError::of(ErrorCode::InternalError);
    }
    QJsonObject data{{QStringLiteral("upload_id"), uploadId},
                     {QStringLiteral("offset"), known ? found->offset : 0}};
    if (error) {
        data.insert(QStringLiteral("error"), error->toJson());
        reply->notify(QString(event::kUploadError), data);
        return;
    }
    found->offset += bytes.size();
    data.insert(QStringLiteral("offset"), found->offset);
    reply->notify(QString(event::kUploadAck), data);
}

void FileService::finish(const Identity& who, const QString& uploadId, const ReplyRef& reply) {
    jobs::forRequest(ports_.storage, this, reply, [this, who, uploadId, reply](Store& store) {
        const auto file = store.fileByUploadId(uploadId, who.userId);
        if (!file) {
            return jobs::fail(reply, uploadNotFound());
        }
        FileRecord finished = *file;
        if (!file->finished) {
            if (blobs_.partialSize(uploadId) != file->size) {
                return jobs::fail(reply, ErrorCode::UploadIncomplete);
            }
            if (blobs_.syncAndHashPartial(uploadId) != file->sha256) {
                dropFiles(store, blobs_, {*file});
                return jobs::fail(reply, ErrorCode::HashMismatch);
            }
            finished.mime = sniffMime(blobs_.partialHead(uploadId, kSniffBytes));
            if (!blobs_.commitPartial(uploadId, file->sha256)) {
                return jobs::fail(reply, ErrorCode::InternalError);
            }
            store.finishFile(file->ref, finished.mime);
        }
        return JobQueue::Continuation([this, uploadId, finished, reply] {
            active_.remove(uploadId);
            reply->ok({{QStringLiteral("file"), fileJson(finished)}});
        });
    });
}

void FileService::download(const Identity& who, const DownloadRequest& request,
                           const ReplyRef& reply) {
    jobs::forRequest(ports_.storage, this, reply, [this, who, request, reply](Store& store) {
        const auto file = store.fileByRef(request.ref);
        const bool readable =
            file && file->finished &&
            (file->ownerId == who.userId || store.memberSeesFile(request.ref, who.userId));
        if (!readable) {
            return jobs::fail(
                reply, ProtocolError::of(ErrorCode::NotFound, QStringLiteral("No such file."),
                                         QStringLiteral("ref")));
        }
        const qint64 length = request.length.value_or(
            std::min(file->size - request.offset, limits::kDownloadChunkMaxBytes));
        if (request.offset > file->size || length < 0 || request.offset + length > file->size) {
            return jobs::fail(reply, ErrorCode::InvalidRange);
        }
        const QJsonObject result{{QStringLiteral("ref"), file->ref},
                                 {QStringLiteral("size"), file->size},
                                 {QStringLiteral("mime"), file->mime},
                                 {QStringLiteral("offset"), request.offset},
                                 {QStringLiteral("length"), length}};
        return JobQueue::Continuation(
            [this, sha256 = file->sha256, result, reply] { sendBytes(sha256, result, reply); });
    });
}

// Read after the check, on the service thread: a range is at most kDownloadChunkMaxBytes.
void FileService::sendBytes(const QString& sha256, const QJsonObject& result,
                            const ReplyRef& reply) {
    const qint64 offset = result.value(QStringLiteral("offset")).toInteger();
    const auto bytes =
        blobs_.read(sha256, offset, result.value(QStringLiteral("length")).toInteger());
    if (!bytes) {
        log::warning("files.read_failed", {{"sha256", sha256}});
        reply->fail(ErrorCode::InternalError);
        return;
    }
    reply->okWithBytes(
        result, downloadHeader(result.value(QStringLiteral("ref")).toString(), offset) + *bytes);
}

void FileService::sweep() {
    const qint64 cutoff = ports_.clock.nowMs() - settings_.expiryMs;
    jobs::background(ports_.storage, this, [this, cutoff](Store& store) {
        const QList<FileRecord> expired = store.unreferencedFiles(cutoff);
        dropFiles(store, blobs_, expired);
        return JobQueue::Continuation([this, expired] {
            for (const FileRecord& file : expired) {
                active_.remove(file.uploadId);
            }
        });
    });
}

}  // namespace natter
