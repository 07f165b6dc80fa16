#include "core/file_transfer.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QtEndian>

#include "core/account_client.h"
#include "core/file_download.h"
#include "core/file_upload.h"
#include "core/logging.h"
#include "method_names.h"
#include "protocol_limits.h"

namespace natter {
namespace {

constexpr int kDownloadHeaderBytes = limits::kFileRefChars + 8;  // ref, then the offset

}  // namespace

// A ref names a file in the cache directory, and it comes from other people's messages: only
// the protocol's shape (f_ and 22 base64url characters) is accepted, so it cannot name a path.
bool isFileRef(const QString& ref) {
    static const QRegularExpression shape(QStringLiteral("^f_[A-Za-z0-9_-]{22}$"));
    return ref.size() == limits::kFileRefChars && shape.match(ref).hasMatch();
}

FileTransfer::FileTransfer(AccountClient* account, QObject* parent)
    : QObject(parent), account_(account) {
    ServerConnection* connection = account_->connection();
    connect(connection, &ServerConnection::eventReceived, this, &FileTransfer::onEvent);
    connect(connection, &ServerConnection::binaryReceived, this, &FileTransfer::onBinary);
    connect(account_, &AccountClient::linkStateChanged, this,
            [this](AccountClient::LinkState state) {
                onLinkChanged(state == AccountClient::LinkState::Online);
            });
    connect(account_, &AccountClient::signedOut, this, [this] {
        cancelAll();
        known_.clear();  // the next account has its own cache
        missing_.clear();
    });
}

FileTransfer::~FileTransfer() = default;

QString FileTransfer::cacheDirectory() const {
    if (baseDir_.isEmpty() || !account_->account()) {
        return {};
    }
    return QDir(baseDir_).filePath(QStringLiteral("files/") + account_->account()->user.id);
}

void FileTransfer::upload(const QString& key, const QString& path) {
    cancel(key);
    auto* upload = new FileUpload(*account_->connection(), path, this);
    if (uploadWindowChunks_ > 0) {
        upload->setWindowChunks(uploadWindowChunks_);
    }
    uploads_.insert(key, upload);
    connect(upload, &FileUpload::progress, this,
            [this, key](qint64 done, qint64 total) { emit progress(key, done, total); });
    connect(upload, &FileUpload::finished, this, [this, key](const FileRef& file) {
        forgetUpload(key);
        emit uploadFinished(key, file);
    });
    connect(upload, &FileUpload::failed, this, [this, key](const QString& reason) {
        forgetUpload(key);
        emit uploadFailed(key, reason);
    });
    if (account_->linkState() == AccountClient::LinkState::Online) {
        upload->resume();
    }
    upload->start();
}

QString FileTransfer::cachedPath(const QString& ref, qint64 size) {
    if (!isFileRef(ref) || missing_.contains(ref)) {
        return {};
    }
    const QString known = known_.value(ref);
    if (!known.isEmpty() && QFileInfo(known).size() == size) {
        return known;
    }
    if (!known.isEmpty() && size == 0 && QFileInfo::exists(known)) {
        return known;
    }
    cache_.setDirectory(cacheDirectory());
    const QString found = cache_.find(ref, size);
    if (found.isEmpty()) {
        known_.remove(ref);
        missing_.insert(ref);
    } else {
        known_.insert(ref, found);
    }
    return found;
}

void FileTransfer::download(const QString& ref, qint64 size, const QString& name) {
    if (downloads_.contains(ref)) {
        return;
    }
    missing_.remove(ref);  // look again: another app instance may have fetched it
    const QString cached = cachedPath(ref, size);
    if (!cached.isEmpty()) {
        emit downloadFinished(ref, cached);
        return;
    }
    if (!isFileRef(ref) || size < 0 || cacheDirectory().isEmpty() ||
        !QDir().mkpath(cacheDirectory())) {
        emit downloadFailed(ref, FileMessages::unwritable(cacheDirectory()));
        return;
    }
    auto* download = new FileDownload(*account_->connection(), ref, size, cache_.partPath(ref),
                                      cache_.finalPath(ref, name), this);
    downloads_.insert(ref, download);
    connect(download, &FileDownload::progress, this,
            [this, ref](qint64 done, qint64 total) { emit progress(ref, done, total); });
    connect(download, &FileDownload::finished, this, [this, ref](const QString& path) {
        forgetDownload(ref);
        cache_.trim(path);
        missing_.clear();  // the trim may have taken others; this one is here
        known_.clear();
        known_.insert(ref, path);
        emit downloadFinished(ref, path);
    });
    connect(download, &FileDownload::failed, this, [this, ref](const QString& reason) {
        forgetDownload(ref);
        emit downloadFailed(ref, reason);
    });
    download->resume();
}

void FileTransfer::cancel(const QString& id) {
    if (FileUpload* upload = uploads_.value(id)) {
        upload->cancel();
        forgetUpload(id);
    }
    if (FileDownload* download = downloads_.value(id)) {
        download->cancel();
        forgetDownload(id);
    }
}

void FileTransfer::cancelAll() {
    const QStringList ids = uploads_.keys() + downloads_.keys();
    for (const QString& id : ids) {
        cancel(id);
    }
}

void FileTransfer::onLinkChanged(bool online) {
    for (FileUpload* upload : std::as_const(uploads_)) {
        online ? upload->resume() : upload->pause();
    }
    for (FileDownload* download : std::as_const(downloads_)) {
        online ? download->resume() : download->pause();
    }
}

void FileTransfer::onEvent(const QString& name, const QJsonObject& data) {
    const bool ack = name == event::kUploadAck;
    if (!ack && name != event::kUploadError) {
        return;
    }
    FileUpload* upload = uploadById(data.value(QStringLiteral("upload_id")).toString());
    const qint64 offset = data.value(QStringLiteral("offset")).toInteger();
    if (upload == nullptr) {
        return;  // cancelled meanwhile
    }
    if (ack) {
        upload->onAck(offset);
    } else {
        upload->onError(offset, data.value(QStringLiteral("error"))
                                    .toObject()
                                    .value(QStringLiteral("code"))
                                    .toString());
    }
}

// A download chunk: the ref (24 ASCII bytes), the offset (8 bytes big-endian), the bytes.
void FileTransfer::onBinary(const QByteArray& message) {
    if (message.size() < kDownloadHeaderBytes) {
        qCWarning(lcNatterNet) << "ignoring a binary message shorter than its header";
        return;
    }
    const QString ref = QString::fromLatin1(message.first(limits::kFileRefChars));
    const qint64 offset =
        qint64(qFromBigEndian<quint64>(message.constData() + limits::kFileRefChars));
    if (FileDownload* download = downloads_.value(ref)) {
        download->onChunk(offset, message.sliced(kDownloadHeaderBytes));
    }
}

FileUpload* FileTransfer::uploadById(const QString& uploadId) const {
    for (FileUpload* upload : uploads_) {
        if (!uploadId.isEmpty() && upload->uploadId() == uploadId) {
            return upload;
        }
    }
    return nullptr;
}

void FileTransfer::forgetUpload(const QString& key) {
    if (FileUpload* upload = uploads_.take(key)) {
        upload->deleteLater();
    }
}

void FileTransfer::forgetDownload(const QString& ref) {
    if (FileDownload* download = downloads_.take(ref)) {
        download->deleteLater();
    }
}

}  // namespace natter
