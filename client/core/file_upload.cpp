#include "core/file_upload.h"

#include <QTimer>
#include <QtEndian>

#include "core/logging.h"
#include "core/server_connection.h"
#include "method_names.h"
#include "protocol_limits.h"

namespace natter {

FileUpload::FileUpload(ServerConnection& connection, const QString& path, QObject* parent)
    : QObject(parent), connection_(connection), file_(path) {}

void FileUpload::start() {
    if (!file_.open(QIODevice::ReadOnly)) {
        fail(FileMessages::unreadable(file_.fileName()));
        return;
    }
    size_ = file_.size();
    if (size_ <= 0 || size_ > limits::kMaxFileBytes) {
        fail(size_ <= 0 ? FileMessages::emptyFile() : FileMessages::tooLarge());
        return;
    }
    step_ = Step::Hashing;
    hashStep();
}

// A step at a time, so a 100 MiB file does not freeze the window while it is hashed.
void FileUpload::hashStep() {
    if (step_ != Step::Hashing) {
        return;  // cancelled meanwhile
    }
    const QByteArray block = file_.read(qMin(kHashStepBytes, size_ - hashed_));
    if (block.isEmpty()) {
        fail(FileMessages::unreadable(file_.fileName()));
        return;
    }
    hash_.addData(block);
    hashed_ += block.size();
    if (hashed_ < size_) {
        QTimer::singleShot(0, this, &FileUpload::hashStep);
        return;
    }
    sha256_ = QString::fromLatin1(hash_.result().toHex());
    step_ = Step::Starting;
    announce();
}

bool FileUpload::online() const {
    return !paused_ && connection_.state() == ServerConnection::State::Connected;
}

// files.upload_start: a new upload, or (with the upload_id) where an unfinished one stands.
void FileUpload::announce() {
    if (step_ != Step::Starting || !online()) {
        return;  // resume() announces once the link is back
    }
    QJsonObject params;
    if (uploadId_.isEmpty()) {
        params = {{QStringLiteral("size"), size_}, {QStringLiteral("sha256"), sha256_}};
    } else {
        params = {{QStringLiteral("upload_id"), uploadId_}};
    }
    connection_.send(method::kUploadStart, params, this, [this](const RequestOutcome& out) {
        if (out.ok()) {
            onStarted(*out.result);
        } else if (out.failure.isServerError(ErrorCode::NotFound) && !uploadId_.isEmpty()) {
            uploadId_.clear();  // expired on the server: start over with the same bytes
            announce();
        } else if (out.failure.kind == FailureKind::ServerError) {
            fail(FileMessages::forFailure(out.failure));
        }
        // Connection trouble: resume() announces again.
    });
}

void FileUpload::onStarted(const QJsonObject& result) {
    uploadId_ = result.value(QStringLiteral("upload_id")).toString();
    acked_ = sent_ = qBound<qint64>(0, result.value(QStringLiteral("offset")).toInteger(), size_);
    inFlight_ = 0;
    resyncing_ = false;
    step_ = Step::Sending;
    emit progress(acked_, size_);
    pump();
}

void FileUpload::resume() {
    paused_ = false;
    if (step_ == Step::Sending || step_ == Step::Starting) {
        step_ = Step::Starting;  // trust only the offset the server answers
        announce();
    } else if (step_ == Step::Finishing) {
        finish();
    }
}

void FileUpload::pause() {
    paused_ = true;
    inFlight_ = 0;
    resyncing_ = false;
}

void FileUpload::cancel() {
    step_ = Step::Done;  // the server forgets the unfinished upload after its upload-expiry
    file_.close();
}

void FileUpload::pump() {
    while (step_ == Step::Sending && online() && !resyncing_ && inFlight_ < windowChunks_ &&
           sent_ < size_) {
        if (!sendChunk()) {
            return;
        }
    }
    if (step_ == Step::Sending && acked_ == size_) {
        step_ = Step::Finishing;
        finish();
    }
}

// One binary message: upload_id (25 ASCII bytes), the offset (8 bytes big-endian), the bytes.
bool FileUpload::sendChunk() {
    const qint64 length = qMin<qint64>(limits::kUploadChunkMaxBytes, size_ - sent_);
    if (!file_.seek(sent_)) {
        fail(FileMessages::unreadable(file_.fileName()));
        return false;
    }
    const QByteArray bytes = file_.read(length);
    if (bytes.size() != length) {
        fail(FileMessages::unreadable(file_.fileName()));
        return false;
    }
    QByteArray message = uploadId_.toLatin1();
    const quint64 offsetBigEndian = qToBigEndian(quint64(sent_));
    message.append(reinterpret_cast<const char*>(&offsetBigEndian), sizeof offsetBigEndian);
    message.append(bytes);
    if (!connection_.sendBinary(message)) {
        return false;
    }
    sent_ += length;
    ++inFlight_;
    return true;
}

void FileUpload::onAck(qint64 offset) {
    if (step_ != Step::Sending) {
        return;
    }
    inFlight_ = qMax(0, inFlight_ - 1);
    acked_ = qBound<qint64>(acked_, offset, size_);
    emit progress(acked_, size_);
    if (resyncing_ && inFlight_ == 0) {
        resyncing_ = false;
        sent_ = acked_;
    }
    pump();
}

// The server discarded a chunk; those sent after it will be refused too. Once every chunk in
// flight has had its answer, sending goes on from the server's offset.
void FileUpload::onError(qint64 offset, const QString& code) {
    if (step_ != Step::Sending) {
        return;
    }
    if (code == QStringLiteral("not_found")) {
        uploadId_.clear();  // expired: start over
        step_ = Step::Starting;
        pause();
        resume();
        return;
    }
    inFlight_ = qMax(0, inFlight_ - 1);
    acked_ = qBound<qint64>(0, offset, size_);
    resyncing_ = inFlight_ > 0;
    if (!resyncing_) {
        sent_ = acked_;
    }
    qCInfo(lcNatterNet) << "upload chunk refused:" << code << "going on from" << acked_;
    pump();
}

void FileUpload::finish() {
    if (!online()) {
        return;  // resume() finishes
    }
    connection_.send(method::kUploadFinish, {{QStringLiteral("upload_id"), uploadId_}}, this,
                     [this](const RequestOutcome& out) {
                         if (step_ != Step::Finishing) {
                             return;
                         }
                         if (out.ok()) {
                             step_ = Step::Done;
                             file_.close();
                             emit finished(fileRefFromJson(
                                 out.result->value(QStringLiteral("file")).toObject()));
                         } else if (out.failure.isServerError(ErrorCode::UploadIncomplete)) {
                             step_ = Step::Starting;  // ask where the server stands
                             announce();
                         } else if (out.failure.kind == FailureKind::ServerError) {
                             fail(FileMessages::forFailure(out.failure));
                         }
                     });
}

void FileUpload::fail(const QString& reason) {
    step_ = Step::Done;
    file_.close();
    emit failed(reason);
}

}  // namespace natter
