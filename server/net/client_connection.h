// One client's WebSocket on its network thread: enforces the frame rules, the sign-in deadline and
// the per-connection request rate, decodes requests and hands them to the dispatcher.
#pragma once

#include <QObject>
#include <QTimer>
#include <optional>

#include "api/request_dispatcher.h"
#include "network_settings.h"
#include "ports/connection_ref.h"
#include "ports/identity.h"
#include "util/token_bucket.h"

namespace natter {

class NetworkWorker;
class WebSocketStream;

class ClientConnection : public QObject {
    Q_OBJECT
public:
    // Takes ownership of stream. settings outlive the connection.
    ClientConnection(ConnectionRef ref, WebSocketStream* stream, const NetworkSettings& settings,
                     const RequestDispatcher& dispatcher, NetworkWorker* worker);
    ~ClientConnection() override;

    void start();
    void send(const QString& text);
    // A text message already encoded as a frame (ws::encodeTextFrame), shared by many connections,
    // held until flushQueued(): true when this connection had nothing held before (the worker
    // then remembers to flush it).
    bool queueFrame(const QByteArray& frame);
    void flushQueued();
    // A download chunk (docs/protocol.md 5.8), under the same outbound limits as text.
    void sendBinary(const QByteArray& bytes);
    // Every error answer goes out here: counted by code (util/metrics.h), then sent.
    void reply(const QJsonValue& id, const ProtocolError& error);
    void close(int closeCode, const QString& reason);
    void signIn(const Identity& identity);
    void endAuthAttempt() { authAttemptRunning_ = false; }
    const std::optional<Identity>& identity() const { return identity_; }
    // Called once per ping interval: pings, or drops a connection silent for too long.
    void heartbeat();
    // Bytes written to the socket but not yet taken by the peer's TCP stack.
    qint64 queuedBytes() const { return queuedBytes_; }

signals:
    void finished();  // the socket is gone; the owner deletes this

private:
    void onText(const QByteArray& utf8);
    void onBinary(const QByteArray& message);
    void handle(const Request& request);
    bool admit(const Request& request, const RequestDispatcher::Route& route);
    // Whether another message may be queued; closes a connection too far behind (4003).
    bool mayQueue();
    bool isTooFarBehind() const;
    void closeTooSlow();
    void updateQueuedBytes();

    NetworkWorker* worker_;  // parent; answers to this connection are posted to it
    ConnectionRef ref_;
    WebSocketStream* stream_;  // child
    const NetworkSettings& settings_;
    qint64 queuedBytes_ = 0;  // last measured; its share of the node's total
    QString peerAddress_;     // for login limits and logs; formatted once
    const RequestDispatcher& dispatcher_;
    ReplyRef chunkReply_;  // answers upload chunks (events, no request id); made at first use
    std::optional<Identity> identity_;
    bool authAttemptRunning_ = false;
    bool closing_ = false;
    TokenBucket requestBudget_;
    TokenBucket searchBudget_;
    TokenBucket typingBudget_;
    int silentPingIntervals_ = 0;
    QTimer authDeadline_;
    QTimer stallDeadline_;  // runs after a 4003 close while the peer takes nothing or stays silent
};

}  // namespace natter
