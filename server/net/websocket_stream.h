// One upgraded client socket spoken as RFC 6455 by the server itself (QWebSocket never checks that
// client frames are masked, section 5.1, and cannot be taught to): reads messages through
// FrameReader, answers pings, runs the closing handshake, and writes one unmasked frame per
// message. A client that breaks a framing rule gets a close frame with 1002 (or 1007, 1009).
#pragma once

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include "websocket_frames.h"

namespace natter {

class WebSocketStream : public QObject {
    Q_OBJECT
public:
    // Takes ownership of socket, whose upgrade is done; early holds the bytes that came after
    // the upgrade request. Nothing is read before startReading().
    WebSocketStream(QTcpSocket* socket, QString subprotocol, QByteArray early, QObject* parent);

    void startReading();
    // The subprotocol the upgrade selected; empty when the client offered none we speak.
    const QString& subprotocol() const { return subprotocol_; }
    QHostAddress peerAddress() const;

    // Nothing is sent once a close frame was.
    void sendText(const QString& text);
    void sendBinary(const QByteArray& bytes);
    // An already encoded frame (ws::encodeFrame), so one encoding can go to many streams.
    void sendFrame(const QByteArray& frame);
    // Holds a frame until flushQueued(), so the frames a socket gets in one pass of the event loop
    // leave in one write (the fan-out under load); true when nothing was held before.
    bool queueFrame(const QByteArray& frame);
    void flushQueued();
    void ping();
    // Sends a close frame and flushes it; then waits for the client's close frame or the end of
    // the TCP connection, at most kCloseHandshakeWaitMs once the frame has left.
    void close(int closeCode, const QString& reason);
    // Ends the TCP connection at once, without a close frame.
    void abort();
    // Bytes written but not yet taken by the kernel (with TLS, encrypted ones too).
    qint64 queuedBytes() const;

signals:
    void textMessageReceived(const QByteArray& utf8);  // valid UTF-8
    void binaryMessageReceived(const QByteArray& message);
    void pong();
    void bytesWritten(qint64 bytes);
    void disconnected();  // once, when the TCP connection is gone

private:
    void readAvailable();
    void handle(const ws::Incoming& incoming);
    void answerClose(const ws::Incoming& peerClose);
    void fail(const ws::Incoming& failure);
    void onBytesWritten(qint64 bytes);
    void onSocketGone();

    QPointer<QTcpSocket> socket_;  // child
    QString subprotocol_;
    ws::FrameReader reader_;
    QByteArray held_;  // queueFrame()'s frames; emptied (and freed) by flushQueued()
    bool closeSent_ = false;
    bool ended_ = false;
    QTimer closeWait_;  // bounds the closing handshake
};

}  // namespace natter
