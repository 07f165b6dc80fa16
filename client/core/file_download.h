// One file coming from the server (docs/protocol.md 5.8): files.download one range of at most
// kDownloadChunkMaxBytes at a time, each answered by a binary message that FileTransfer routes
// here, written to `<ref>.part` in the cache and renamed to its final name once all bytes are
// there and the size is what the message said. A dropped connection pauses it; resume() asks
// for the next range again (what was written stays).
#pragma once

#include <QFile>
#include <QObject>

#include "protocol_limits.h"

namespace natter {

class ServerConnection;

class FileDownload : public QObject {
    Q_OBJECT

public:
    FileDownload(ServerConnection& connection, const QString& ref, qint64 size,
                 const QString& partPath, const QString& finalPath, QObject* parent = nullptr);

    // `size` 0: not known (a thumbnail); the server's answer tells it, up to kThumbnailMaxBytes.
    void resume();
    void pause() { waiting_ = false; }
    void cancel();
    // A binary download message whose ref is this download's: the range's offset and bytes.
    void onChunk(qint64 offset, const QByteArray& bytes);
    qint64 size() const { return size_; }

signals:
    void progress(qint64 done, qint64 total);
    void finished(const QString& path);
    void failed(const QString& reason);

private:
    void requestNext();
    void complete();
    void fail(const QString& reason);

    ServerConnection& connection_;
    QString ref_;
    qint64 size_;
    QFile part_;
    QString finalPath_;
    qint64 done_ = 0;
    qint64 maxUnknownSize_ = limits::kThumbnailMaxBytes;
    bool waiting_ = false;  // a range was asked for and its bytes have not come
    bool over_ = false;
};

}  // namespace natter
