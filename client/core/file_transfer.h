// The client's file transfers (docs/protocol.md 5.8) over the signed-in connection of an
// AccountClient: uploads (FileUpload) keyed by the caller, downloads (FileDownload) keyed by ref
// into a per-account cache (FileCache). It routes the server's upload.ack / upload.error events
// and binary download messages to them, pauses them while the link is down and resumes them
// when it is back. No widgets: the windows see progress and results as signals.
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>

#include "core/file_cache.h"
#include "core/file_types.h"

namespace natter {

class AccountClient;
class FileDownload;
class FileUpload;

bool isFileRef(const QString& ref);

class FileTransfer : public QObject {
    Q_OBJECT

public:
    explicit FileTransfer(AccountClient* account, QObject* parent = nullptr);
    ~FileTransfer() override;

    // Downloads go to `<dir>/files/<user id>`. Empty: no downloads.
    void setCacheDirectory(const QString& dir) { baseDir_ = dir; }
    void setCacheMaxBytes(qint64 bytes) { cache_.setMaxBytes(bytes); }
    QString cacheDirectory() const;
    // Chunks in flight per upload at most (FileUpload::kWindowChunks by default).
    void setUploadWindowChunks(int chunks) { uploadWindowChunks_ = chunks; }

    // Starts uploading the file at `path` under `key` (any string the caller chooses; a key in
    // use is cancelled first).
    void upload(const QString& key, const QString& path);
    bool isUploading(const QString& key) const { return uploads_.contains(key); }

    // The cached file of `ref` with `size` bytes; empty when it is not (completely) here.
    QString cachedPath(const QString& ref, qint64 size);
    // Fetches `ref` into the cache (downloadFinished at once when it is there already).
    void download(const QString& ref, qint64 size, const QString& name);
    bool isDownloading(const QString& ref) const { return downloads_.contains(ref); }

    // Stops the upload (by key) or download (by ref); nothing is reported for it afterwards.
    void cancel(const QString& id);
    void cancelAll();

signals:
    // An upload (by key) or download (by ref) moved on.
    void progress(const QString& id, qint64 done, qint64 total);
    void uploadFinished(const QString& key, const natter::FileRef& file);
    void uploadFailed(const QString& key, const QString& reason);
    void downloadFinished(const QString& ref, const QString& path);
    void downloadFailed(const QString& ref, const QString& reason);

private:
    void onLinkChanged(bool online);
    void onEvent(const QString& name, const QJsonObject& data);
    void onBinary(const QByteArray& message);
    FileUpload* uploadById(const QString& uploadId) const;
    void forgetUpload(const QString& key);
    void forgetDownload(const QString& ref);

    AccountClient* account_;
    QString baseDir_;
    FileCache cache_;
    int uploadWindowChunks_ = 0;               // 0: the default
    QHash<QString, FileUpload*> uploads_;      // by key; children of this
    QHash<QString, FileDownload*> downloads_;  // by ref; children of this
    // What the cache was found to hold (views ask on every paint: no directory listing each time).
    QHash<QString, QString> known_;  // ref -> path
    QSet<QString> missing_;          // refs not in the cache, until a download finishes
};

}  // namespace natter
