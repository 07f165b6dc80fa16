// One WebSocket connection to a natter-server speaking the natter.v1 subprotocol
// (docs/protocol.md sections 1 and 3): sends requests, matches responses to them by id, applies a
// timeout to each, and reports events and the close code.
#pragma once

#include <QJsonObject>
#include <QLatin1StringView>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

#include "core/liveness_monitor.h"
#include "core/request_failure.h"

class QTimer;
class QWebSocket;

namespace natter {

class ServerConnection : public QObject {
    Q_OBJECT

public:
    enum class State { Disconnected, Connecting, Connected };
    Q_ENUM(State)

    using ResponseHandler = std::function<void(const RequestOutcome&)>;
    static constexpr int kDefaultRequestTimeoutMs = 15'000;

    explicit ServerConnection(QObject* parent = nullptr);
    ~ServerConnection() override;

    // Opens a new connection, dropping any previous one (its pending requests fail).
    void open(const QUrl& url);
    // Closes the connection normally (1000). Pending requests fail with ConnectionClosed.
    void close();

    State state() const { return state_; }
    QUrl url() const { return url_; }
    void setRequestTimeout(int milliseconds) { requestTimeoutMs_ = milliseconds; }
    // How often to ping and how long to wait for an answer before calling the connection dead.
    void setLivenessTiming(LivenessMonitor::Timing timing) {
        liveness_.setTiming(std::move(timing));
    }

    // Sends the request now, or as soon as the connection is open. `handler` runs exactly once,
    // unless `context` is destroyed first. Requests made while disconnected fail at once.
    void send(QLatin1StringView method, const QJsonObject& params, const QObject* context,
              ResponseHandler handler);
    // Sends one binary message (file bytes, docs/protocol.md 5.8); false when not connected.
    // Only after sign-in: the server closes a connection that sends one before (1003).
    bool sendBinary(const QByteArray& message);

signals:
    void stateChanged(natter::ServerConnection::State state);
    void connected();
    // The connection ended. closeCode is the server's close code, or 1006 when there was none
    // (unreachable server, dropped network); reason is the close reason or the socket error.
    void closed(int closeCode, const QString& reason);
    void eventReceived(const QString& name, const QJsonObject& data);
    // A binary message from the server: a download chunk (docs/protocol.md 5.8).
    void binaryReceived(const QByteArray& message);
    // The machine woke from sleep: a good moment to reconnect if not connected.
    void systemResumed();

private:
    struct PendingRequest {
        QPointer<const QObject> context;
        ResponseHandler handler;
        std::unique_ptr<QTimer> timer;
    };

    void connectSocketSignals();
    void onSocketConnected();
    void onSocketGone();
    void onTextMessage(const QString& text);
    void onResponse(const Response& response);
    void finishRequest(qint64 id, const RequestOutcome& outcome);
    void failAllPending(const RequestFailure& failure);
    void discardSocket();
    void onConnectionDead();
    void setState(State state);

    QWebSocket* socket_ = nullptr;  // child of this
    QUrl url_;
    State state_ = State::Disconnected;
    bool handshakeDone_ = false;
    bool declaredDead_ = false;  // the liveness check gave up on it (no close frame came)
    int requestTimeoutMs_ = kDefaultRequestTimeoutMs;
    qint64 nextRequestId_ = 1;
    std::unordered_map<qint64, PendingRequest> pending_;
    std::vector<QString> outbox_;  // requests waiting for the handshake
    LivenessMonitor liveness_;
};

}  // namespace natter
