#include "websocket_stream.h"

#include <QSslSocket>
#include <utility>

#include "close_codes.h"
#include "protocol_limits.h"
#include "socket_io.h"
#include "util/log.h"

namespace natter {

WebSocketStream::WebSocketStream(QTcpSocket* socket, QString subprotocol, QByteArray early,
                                 QObject* parent)
    : QObject(parent),
      socket_(socket),
      subprotocol_(std::move(subprotocol)),
      reader_(limits::kMaxFrameBytes, limits::kMaxMessageBytes) {
    socket_->setParent(this);
    reader_.append(early);
    connect(socket_, &QTcpSocket::disconnected, this, &WebSocketStream::onSocketGone);
    // Also when the socket was already on its way out (it dropped during the upgrade).
    connect(socket_, &QObject::destroyed, this, &WebSocketStream::onSocketGone);
    connect(socket_, &QTcpSocket::bytesWritten, this, &WebSocketStream::onBytesWritten);
    closeWait_.setSingleShot(true);
    connect(&closeWait_, &QTimer::timeout, this, &WebSocketStream::abort);
}

void WebSocketStream::startReading() {
    if (socket_) {
        connect(socket_, &QTcpSocket::readyRead, this, &WebSocketStream::readAvailable);
        readAvailable();
    }
}

QHostAddress WebSocketStream::peerAddress() const {
    return socket_ ? socket_->peerAddress() : QHostAddress();
}

void WebSocketStream::readAvailable() {
    if (!socket_) {
        return;
    }
    reader_.append(takeAvailable(*socket_, socket_->bytesAvailable()));
    while (!ended_) {
        std::optional<ws::Incoming> incoming = reader_.next();
        if (!incoming) {
            return;
        }
        handle(*incoming);
    }
}

void WebSocketStream::handle(const ws::Incoming& incoming) {
    using Kind = ws::Incoming::Kind;
    // After our close frame only the client's close frame matters (RFC 6455 section 5.5.1).
    switch (incoming.kind) {
        case Kind::Text:
            if (!closeSent_) {
                emit textMessageReceived(incoming.payload);
            }
            break;
        case Kind::Binary:
            if (!closeSent_) {
                emit binaryMessageReceived(incoming.payload);
            }
            break;
        case Kind::Ping:
            sendFrame(ws::encodeFrame(ws::Opcode::Pong, incoming.payload));
            break;
        case Kind::Pong:
            emit pong();
            break;
        case Kind::Close:
            answerClose(incoming);
            break;
        case Kind::Failure:
            fail(incoming);
            break;
    }
}

// The client started the closing handshake, or answered ours: echo its code if we have not
// closed yet, then end the TCP connection (the server ends it first, RFC 6455 section 7.1.1).
void WebSocketStream::answerClose(const ws::Incoming& peerClose) {
    if (!closeSent_) {
        close(peerClose.closeCode == ws::kNoStatusCode ? close_code::kNormal : peerClose.closeCode,
              QString());
    }
    closeWait_.start(limits::kCloseHandshakeWaitMs);
    if (socket_) {
        socket_->disconnectFromHost();  // after what is still queued
    }
}

void WebSocketStream::fail(const ws::Incoming& failure) {
    log::debug("net.frame_refused",
               {{"code", QString::number(failure.closeCode)}, {"reason", failure.text}});
    if (closeSent_) {
        abort();  // no second close frame: the client broke the rules while closing
        return;
    }
    close(failure.closeCode, failure.text);
}

void WebSocketStream::sendText(const QString& text) {
    sendFrame(ws::encodeTextFrame(text));
}

void WebSocketStream::sendBinary(const QByteArray& bytes) {
    sendFrame(ws::encodeFrame(ws::Opcode::Binary, bytes));
}

void WebSocketStream::sendFrame(const QByteArray& frame) {
    if (!socket_ || closeSent_) {
        return;
    }
    if (!held_.isEmpty()) {
        held_ += frame;  // behind the held frames, which the worker flushes soon
        return;
    }
    writeToSocket(*socket_, frame);
}

bool WebSocketStream::queueFrame(const QByteArray& frame) {
    if (!socket_ || closeSent_) {
        return false;
    }
    const bool first = held_.isEmpty();
    held_ += frame;
    return first;
}

void WebSocketStream::flushQueued() {
    if (held_.isEmpty()) {
        return;
    }
    const QByteArray frames = std::exchange(held_, QByteArray());
    if (socket_) {
        writeToSocket(*socket_, frames);
    }
}

void WebSocketStream::ping() {
    sendFrame(ws::encodeFrame(ws::Opcode::Ping, {}));
}

void WebSocketStream::close(int closeCode, const QString& reason) {
    if (!socket_ || closeSent_) {
        return;
    }
    flushQueued();  // what was held goes before the close frame
    sendFrame(ws::encodeCloseFrame(closeCode, reason));
    closeSent_ = true;
    socket_->flush();  // the close frame must leave even if the thread stops next
    onBytesWritten(0);
}

void WebSocketStream::abort() {
    if (socket_) {
        socket_->abort();
    }
}

qint64 WebSocketStream::queuedBytes() const {
    if (!socket_) {
        return 0;
    }
    // What the socket holds in memory for the peer: frames not yet written to the kernel, and
    // with TLS also the records waiting below (QSslSocket encrypts without waiting for the peer).
    qint64 bytes = held_.size() + socket_->bytesToWrite();
    if (const auto* tls = qobject_cast<const QSslSocket*>(socket_.data())) {
        bytes += tls->encryptedBytesToWrite();
    }
    return bytes;
}

void WebSocketStream::onBytesWritten(qint64 bytes) {
    if (bytes > 0) {
        emit bytesWritten(bytes);
    }
    // The wait for the client's answer starts once our close frame has left: before, a slow
    // reader is still taking what came before it (ClientConnection bounds that wait).
    if (closeSent_ && !closeWait_.isActive() && queuedBytes() == 0) {
        closeWait_.start(limits::kCloseHandshakeWaitMs);
    }
}

void WebSocketStream::onSocketGone() {
    if (ended_) {
        return;
    }
    ended_ = true;
    closeWait_.stop();
    emit disconnected();
}

}  // namespace natter
