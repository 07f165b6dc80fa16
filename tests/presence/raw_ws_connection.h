// A WebSocket connection spoken by hand over a plain QTcpSocket (RFC 6455 framing, natter.v1
// subprotocol), so a test can sign in and then fall silent: unlike QWebSocket it never answers a
// ping by itself, which is exactly how a vanished device looks to the server.
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QJsonObject>
#include <QString>
#include <QTcpSocket>
#include <QUrl>
#include <utility>

namespace natter::test::presence {

class RawWsConnection {
public:
    // Connects and performs the HTTP upgrade offering natter.v1; false when it was not accepted
    // with 101 within timeoutMs. A localAddress (e.g. 127.0.0.2) is bound first, so the server
    // sees the connection come from there.
    bool open(const QUrl& url, int timeoutMs, const QHostAddress& localAddress = {});
    // Sends one masked text frame holding the request and waits for the response carrying `id`
    // (events and pings before it are skipped); the response, or empty on timeout.
    QJsonObject call(const QString& id, const QString& method, const QJsonObject& params,
                     int timeoutMs);
    // Waits for the response carrying `id`, as call() does.
    QJsonObject waitForResponse(const QString& id, int timeoutMs);
    // Sends one request and returns at once, without reading anything.
    void send(const QString& id, const QString& method, const QJsonObject& params);
    // Sends bytes as they are (frames made with test::clientFrame, broken ones too).
    void sendRaw(const QByteArray& bytes);
    // The next frame from the server, pings included: {opcode, payload}, or an opcode of -1 when
    // none came within timeoutMs.
    std::pair<int, QByteArray> waitForFrame(int timeoutMs);
    // Stops taking data from the kernel, so once the kernel buffers are full the server's frames
    // pile up on the server: a client that stopped reading.
    void pauseReading();
    // Takes data again whenever the event loop runs.
    void resumeReading();
    // Reads again, running the event loop, until the connection ends or timeoutMs pass. Returns
    // the close code of the server's close frame, kDropped when the TCP connection ended without
    // one, or kStillOpen.
    int readUntilClosed(int timeoutMs);
    static constexpr int kDropped = -1;
    static constexpr int kStillOpen = 0;
    // True once the server closed the TCP connection (the socket keeps reading on its own, so
    // a close is noticed while the event loop runs, but nothing is ever written back).
    bool isClosedByPeer() const;
    // Whether the server sent a WebSocket close frame, among everything received so far.
    bool receivedCloseFrame();

private:
    // Extracts the next complete text message from buffered_, or empty when none is complete.
    QByteArray takeTextMessage();
    // Like takeTextMessage, for the next complete frame of any kind: {opcode, payload}, or an
    // opcode of -1 when no frame is complete.
    std::pair<int, QByteArray> takeFrame();

    QTcpSocket socket_;
    QByteArray buffered_;
    bool closeFrameSeen_ = false;
};

}  // namespace natter::test::presence
