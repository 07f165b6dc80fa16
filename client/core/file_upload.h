// One file going to the server (docs/protocol.md 5.8): hashed while it is read (in steps, so a
// large file neither sits in memory nor blocks the event loop), announced with
// files.upload_start, sent in binary chunks with a bounded window of unacknowledged ones, and
// finished with files.upload_finish, which names its ref. A dropped connection pauses it; once
// the link is back, files.upload_start with the upload_id tells where the server stands and it
// goes on from there. FileTransfer owns the uploads and routes the server's events to them.
#pragma once

#include <QCryptographicHash>
#include <QFile>
#include <QObject>
#include <QString>

#include "core/file_types.h"

namespace natter {

class ServerConnection;

class FileUpload : public QObject {
    Q_OBJECT

public:
    // Chunks sent but not yet acknowledged at most: enough to keep a link busy, little enough
    // that the server's outbound answers (one ack per chunk) stay small.
    static constexpr int kWindowChunks = 8;
    // Bytes hashed per event-loop turn.
    static constexpr qint64 kHashStepBytes = 1024 * 1024;

    FileUpload(ServerConnection& connection, const QString& path, QObject* parent = nullptr);

    // Hashes, then announces the file (when online; else as soon as resume() is called).
    void start();
    // The link is signed in (again): continue from the server's acknowledged offset.
    void resume();
    // The link went down: what is in flight is lost; resume() picks up from the server's count.
    void pause();
    void cancel();

    // Fewer chunks in flight (1: wait for each ack; tests use it to stop mid-upload).
    void setWindowChunks(int chunks) { windowChunks_ = qBound(1, chunks, kWindowChunks); }
    QString uploadId() const { return uploadId_; }
    qint64 size() const { return size_; }
    // The server's upload.ack / upload.error for this upload.
    void onAck(qint64 offset);
    void onError(qint64 offset, const QString& code);

signals:
    void progress(qint64 done, qint64 total);
    void finished(const natter::FileRef& file);
    // For good (the file is unreadable, too large, over quota, or the hash did not match).
    void failed(const QString& reason);

private:
    enum class Step { Idle, Hashing, Starting, Sending, Finishing, Done };

    void hashStep();
    void announce();
    void onStarted(const QJsonObject& result);
    void pump();
    bool sendChunk();
    void finish();
    void fail(const QString& reason);
    bool online() const;

    ServerConnection& connection_;
    QFile file_;
    QCryptographicHash hash_{QCryptographicHash::Sha256};
    QString sha256_;
    QString uploadId_;
    qint64 size_ = 0;
    qint64 hashed_ = 0;
    qint64 acked_ = 0;  // the server's acknowledged offset
    qint64 sent_ = 0;   // the next byte to send
    int inFlight_ = 0;
    int windowChunks_ = kWindowChunks;  // chunks sent whose ack or error has not come
    bool resyncing_ = false;            // an error came: wait for the in-flight answers, then go on
    bool paused_ = true;
    Step step_ = Step::Idle;
};

}  // namespace natter
