#include "core/file_download.h"

#include <QFileInfo>

#include "core/file_types.h"
#include "core/server_connection.h"
#include "method_names.h"
#include "protocol_limits.h"

namespace natter {

FileDownload::FileDownload(ServerConnection& connection, const QString& ref, qint64 size,
                           const QString& partPath, const QString& finalPath, QObject* parent)
    : QObject(parent),
      connection_(connection),
      ref_(ref),
      size_(size),
      part_(partPath),
      finalPath_(finalPath) {}

void FileDownload::resume() {
    if (over_ || waiting_) {
        return;
    }
    if (!part_.isOpen()) {
        // A part left by an earlier run is continued where it ends.
        if (!part_.open(QIODevice::ReadWrite)) {
            fail(FileMessages::unwritable(part_.fileName()));
            return;
        }
        done_ = qMin(part_.size(), size_);
        part_.resize(done_);
    }
    if (size_ > 0 && done_ >= size_) {
        complete();
        return;
    }
    requestNext();
}

void FileDownload::requestNext() {
    if (connection_.state() != ServerConnection::State::Connected) {
        return;  // resume() asks again once the link is back
    }
    QJsonObject params{{QStringLiteral("ref"), ref_}, {QStringLiteral("offset"), done_}};
    if (size_ > 0) {
        params.insert(QStringLiteral("length"),
                      qMin(limits::kDownloadChunkMaxBytes, size_ - done_));
    }
    waiting_ = true;
    connection_.send(method::kDownload, params, this, [this](const RequestOutcome& out) {
        if (out.ok()) {
            // The real size: the message's meta said it, but the server measured it. Unknown
            // (0: a thumbnail), it is what the server says, within what a thumbnail may be.
            const qint64 size = out.result->value(QStringLiteral("size")).toInteger();
            if (size_ == 0 && size > 0 && size <= maxUnknownSize_) {
                size_ = size;
            } else if (size != size_) {
                fail(FileMessages::wrongSize());
            }
            return;  // the bytes follow as a binary message
        }
        waiting_ = false;
        if (out.failure.kind == FailureKind::ServerError) {
            fail(FileMessages::forFailure(out.failure));
        }
    });
}

void FileDownload::onChunk(qint64 offset, const QByteArray& bytes) {
    if (over_ || offset != done_ || bytes.isEmpty() || done_ + bytes.size() > size_) {
        return;  // not the range asked for (a late answer to a request of an earlier link)
    }
    waiting_ = false;
    if (!part_.seek(done_) || part_.write(bytes) != bytes.size()) {
        fail(FileMessages::unwritable(part_.fileName()));
        return;
    }
    done_ += bytes.size();
    emit progress(done_, size_);
    if (done_ == size_) {
        complete();
    } else {
        requestNext();
    }
}

void FileDownload::complete() {
    part_.close();
    if (QFileInfo(part_.fileName()).size() != size_) {
        QFile::remove(part_.fileName());
        fail(FileMessages::wrongSize());
        return;
    }
    QFile::remove(finalPath_);
    if (!QFile::rename(part_.fileName(), finalPath_)) {
        fail(FileMessages::unwritable(finalPath_));
        return;
    }
    over_ = true;
    emit finished(finalPath_);
}

void FileDownload::cancel() {
    over_ = true;
    part_.close();  // the part stays: a later download goes on from it
}

void FileDownload::fail(const QString& reason) {
    over_ = true;
    part_.close();
    emit failed(reason);
}

}  // namespace natter
