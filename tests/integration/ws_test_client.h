// A small WebSocket client for protocol-level tests of natter-server, written from docs/protocol.md
// alone: it knows only what the document says (subprotocol natter.v1, JSON envelopes with id,
// close codes). It deliberately does not use shared/, so a mistake there cannot hide a server that
// disagrees with the document.
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>
#include <QWebSocket>
#include <functional>

namespace natter::test {

class WsTestClient : public QObject {
    Q_OBJECT
public:
    struct Options {
        bool offerSubprotocol = true;  // offer natter.v1 in Sec-WebSocket-Protocol
        QString origin;                // empty: no Origin header (a desktop client)
    };

    static constexpr int kDefaultTimeoutMs = 5'000;

    explicit WsTestClient(QObject* parent = nullptr);
    explicit WsTestClient(const Options& options, QObject* parent = nullptr);

    // Opens the connection and waits for the handshake; false when it failed or timed out.
    bool connectTo(const QUrl& url, int timeoutMs = kDefaultTimeoutMs);
    bool isConnected() const;
    QString acceptedSubprotocol() const { return socket_.subprotocol(); }
    QString errorString() const { return socket_.errorString(); }
    // wss:// only, before connectTo: e.g. the CA certificates to trust.
    void setTls(const QSslConfiguration& tls) { socket_.setSslConfiguration(tls); }
    // wss:// only: the certificate the server presented.
    QSslCertificate peerCertificate() const { return socket_.sslConfiguration().peerCertificate(); }

    // Sends a request with a fresh id and waits for the response carrying that id. Returns the
    // whole response object ({"id","result"} or {"id","error"}), or an empty object on timeout.
    QJsonObject call(const QString& method, const QJsonObject& params = {},
                     int timeoutMs = kDefaultTimeoutMs);
    // Sends a request with an id of the caller's choosing and returns without waiting.
    void sendRequest(const QJsonValue& id, const QString& method, const QJsonObject& params = {});
    void sendText(const QString& text);
    void sendBinary(const QByteArray& data);
    // Splits outgoing messages into frames of at most this many payload bytes.
    void setOutgoingFrameSize(quint64 bytes) { socket_.setOutgoingFrameSize(bytes); }

    // Waits for the next not yet taken response whose id equals `id` (null included); returns it
    // and marks it taken, or an empty object on timeout.
    QJsonObject waitForResponse(const QJsonValue& id, int timeoutMs = kDefaultTimeoutMs);
    // How many responses carrying `id` arrived so far (taken or not).
    int responseCount(const QJsonValue& id) const;

    // Waits until the connection is closed (by either side); false on timeout.
    bool waitForDisconnected(int timeoutMs = kDefaultTimeoutMs);
    bool wasDisconnected() const { return disconnected_; }
    // True when the server sent a WebSocket close frame (not merely dropped TCP).
    bool closedByServer() const { return closeFrameReceived_; }
    // The close code the server sent, or -1 when it sent no close frame.
    int closeCode() const;
    QString closeReason() const { return closeReason_; }
    // Closes from this side with 1000.
    void close();

    // Every JSON object received, in order; events are the ones with an "event" member.
    const QList<QJsonObject>& received() const { return received_; }
    QList<QJsonObject> events() const;
    // Binary messages received, in order (download chunks, docs/protocol.md 5.8).
    const QList<QByteArray>& binaryReceived() const { return binary_; }
    // Waits until at least `count` binary messages have arrived; false on timeout.
    bool waitForBinary(qsizetype count, int timeoutMs = kDefaultTimeoutMs);
    // Waits for the next event named `name` after the first `skip` such events; empty on timeout.
    QJsonObject waitForEvent(const QString& name, qsizetype skip,
                             int timeoutMs = kDefaultTimeoutMs);
    // Text messages that were not a JSON object (the protocol says there must be none).
    const QStringList& undecodable() const { return undecodable_; }

signals:
    // Something arrived or the connection state changed; waits re-check their condition.
    void changed();

private:
    // Runs the event loop until `done` holds or timeoutMs passed; returns `done()`.
    bool waitUntil(const std::function<bool()>& done, int timeoutMs);
    qsizetype findUntakenResponse(const QJsonValue& id) const;
    void onTextMessage(const QString& text);
    void onDisconnected();

    QWebSocket socket_;
    Options options_;
    QList<QJsonObject> received_;
    QList<bool> taken_;
    QStringList undecodable_;
    QList<QByteArray> binary_;
    qint64 nextId_ = 1;
    bool closingFromHere_ = false;
    bool aboutToCloseSeen_ = false;
    bool disconnected_ = false;
    bool closeFrameReceived_ = false;
    int closeCode_ = -1;
    QString closeReason_;
};

}  // namespace natter::test
