#include "raw_ws_connection.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QTest>
#include <QtEndian>

#include "ws_client_frame.h"

namespace natter::test::presence {
namespace {

constexpr quint8 kLength16 = 126;
constexpr quint8 kLength64 = 127;

}  // namespace

bool RawWsConnection::open(const QUrl& url, int timeoutMs, const QHostAddress& localAddress) {
    QDeadlineTimer deadline(timeoutMs);
    if (!localAddress.isNull() && !socket_.bind(localAddress)) {
        return false;
    }
    socket_.connectToHost(url.host(), quint16(url.port()));
    if (!socket_.waitForConnected(int(deadline.remainingTime()))) {
        return false;
    }
    socket_.write("GET / HTTP/1.1\r\nHost: " + url.authority().toLatin1() +
                  "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                  "Sec-WebSocket-Protocol: natter.v1\r\n\r\n");
    // The server is another process, so blocking reads are fine here.
    while (!buffered_.contains("\r\n\r\n") &&
           socket_.waitForReadyRead(int(deadline.remainingTime()))) {
        buffered_ += socket_.readAll();
    }
    const qsizetype headerEnd = buffered_.indexOf("\r\n\r\n");
    if (headerEnd < 0 || !buffered_.startsWith("HTTP/1.1 101")) {
        return false;
    }
    buffered_.remove(0, headerEnd + 4);
    return true;
}

std::pair<int, QByteArray> RawWsConnection::takeFrame() {
    if (buffered_.size() < 2) {
        return {-1, {}};
    }
    const int opcode = quint8(buffered_.at(0)) & 0x0f;
    quint64 length = quint8(buffered_.at(1)) & 0x7f;
    qsizetype header = 2;
    if (length == kLength16) {
        if (buffered_.size() < 4)
            return {-1, {}};
        length = qFromBigEndian<quint16>(buffered_.constData() + 2);
        header = 4;
    } else if (length == kLength64) {
        if (buffered_.size() < 10)
            return {-1, {}};
        length = qFromBigEndian<quint64>(buffered_.constData() + 2);
        header = 10;
    }
    if (quint64(buffered_.size() - header) < length) {
        return {-1, {}};
    }
    QByteArray payload = buffered_.mid(header, qsizetype(length));
    buffered_.remove(0, header + qsizetype(length));
    return {opcode, payload};
}

QByteArray RawWsConnection::takeTextMessage() {
    for (auto [opcode, payload] = takeFrame(); opcode >= 0;
         std::tie(opcode, payload) = takeFrame()) {
        // The server sends each (small) message as one unfragmented frame; pings are skipped
        // on purpose: answering them is what this connection must never do.
        closeFrameSeen_ = closeFrameSeen_ || opcode == kOpcodeClose;
        if (opcode == kOpcodeText) {
            return payload;
        }
    }
    return {};
}

QJsonObject RawWsConnection::call(const QString& id, const QString& method,
                                  const QJsonObject& params, int timeoutMs) {
    send(id, method, params);
    return waitForResponse(id, timeoutMs);
}

QJsonObject RawWsConnection::waitForResponse(const QString& id, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        buffered_ += socket_.readAll();
        for (QByteArray text = takeTextMessage(); !text.isEmpty(); text = takeTextMessage()) {
            const QJsonObject message = QJsonDocument::fromJson(text).object();
            if (!message.contains(QStringLiteral("event")) &&
                message.value(QStringLiteral("id")).toString() == id) {
                return message;
            }
        }
        if (deadline.hasExpired() || !socket_.waitForReadyRead(int(deadline.remainingTime()))) {
            return {};
        }
    }
}

void RawWsConnection::send(const QString& id, const QString& method, const QJsonObject& params) {
    const QJsonObject request{{QStringLiteral("id"), id},
                              {QStringLiteral("method"), method},
                              {QStringLiteral("params"), params}};
    // A client-to-server frame must be masked (RFC 6455 section 5.3).
    sendRaw(
        clientFrame(kFinBit | kOpcodeText, QJsonDocument(request).toJson(QJsonDocument::Compact)));
}

void RawWsConnection::sendRaw(const QByteArray& bytes) {
    socket_.write(bytes);
    socket_.flush();
}

std::pair<int, QByteArray> RawWsConnection::waitForFrame(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    for (;;) {
        buffered_ += socket_.readAll();
        auto frame = takeFrame();
        if (frame.first >= 0 || deadline.hasExpired() ||
            !socket_.waitForReadyRead(int(deadline.remainingTime()))) {
            return frame;
        }
    }
}

void RawWsConnection::pauseReading() {
    // Not a smaller kernel receive buffer: below the loopback MSS the window would reopen only
    // through the sender's slow zero-window probes, and reading again would crawl.
    socket_.setReadBufferSize(1);
}

void RawWsConnection::resumeReading() {
    socket_.setReadBufferSize(0);
}

int RawWsConnection::readUntilClosed(int timeoutMs) {
    resumeReading();
    int outcome = kStillOpen;
    [[maybe_unused]] const bool ended = QTest::qWaitFor(
        [&] {
            buffered_ += socket_.readAll();
            for (auto [opcode, payload] = takeFrame(); opcode >= 0;
                 std::tie(opcode, payload) = takeFrame()) {
                if (opcode == kOpcodeClose) {
                    outcome = payload.size() >= 2 ? qFromBigEndian<quint16>(payload.constData())
                                                  : kDropped;
                    return true;
                }
            }
            if (socket_.state() == QAbstractSocket::UnconnectedState) {
                outcome = kDropped;
            }
            return outcome != kStillOpen;
        },
        timeoutMs);
    return outcome;
}

bool RawWsConnection::isClosedByPeer() const {
    return socket_.state() == QAbstractSocket::UnconnectedState;
}

bool RawWsConnection::receivedCloseFrame() {
    buffered_ += socket_.readAll();
    while (!takeTextMessage().isEmpty()) {
    }
    return closeFrameSeen_;
}

}  // namespace natter::test::presence
