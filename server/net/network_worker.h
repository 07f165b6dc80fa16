// One network thread: it owns its sockets and their ClientConnections and runs their event loop.
// Other threads reach a connection only by posting to its worker with a connection id.
#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <atomic>

#include "api/request_dispatcher.h"
#include "handshake_watch.h"
#include "network_settings.h"
#include "ports/connection_observer.h"
#include "ports/connection_ref.h"

class QTcpSocket;
class QTimer;

namespace natter {

class ClientConnection;

class NetworkWorker : public QObject {
    Q_OBJECT
public:
    // observer hears of every signed-in connection that closes.
    NetworkWorker(int index, NetworkSettings settings, Services services,
                  ConnectionObserver& observer);
    ~NetworkWorker() override;

    // Runs `work(*this)` on the worker's thread; safe from any thread. Counted in queueDepth()
    // until it starts: every other thread reaches a worker through this, so the count is the
    // worker's backlog of answers, events, closes and new sockets.
    template <typename Work>
    void post(Work work) {
        queued_.fetch_add(1, std::memory_order_relaxed);
        QMetaObject::invokeMethod(
            this,
            [this, work = std::move(work)]() mutable {
                queued_.fetch_sub(1, std::memory_order_relaxed);
                work(*this);
            },
            Qt::QueuedConnection);
    }
    // Work posted and not yet started; safe from any thread.
    qint64 queueDepth() const { return queued_.load(std::memory_order_relaxed); }

    // All of these run on the worker's thread (post() to them).
    void adoptSocket(qintptr socketDescriptor);
    void sendText(quint64 connectionId, const QString& text);
    void sendBinary(quint64 connectionId, const QByteArray& bytes);
    // An event (counted as delivered) for each of this worker's connections, or an error answer
    // (counted by code) for one connection.
    void deliverEvent(const QList<quint64>& connectionIds, const QString& text);
    void sendError(quint64 connectionId, const QJsonValue& requestId, const ProtocolError& error);
    void completeSignIn(quint64 connectionId, const Identity& identity, const QString& response);
    void endAuthAttempt(quint64 connectionId);
    void closeConnection(quint64 connectionId, int closeCode, const QString& reason);
    // Closes every connection, then quits this thread once the close frames have left (every
    // send queue empty) or after kShutdownCloseWaitMs.
    void closeAllAndQuit(int closeCode, const QString& reason);
    int connectionCount() const { return int(connections_.size()); }
    // A reloaded certificate and key (SIGHUP) for the TLS handshakes from now on; connections
    // already open keep theirs. Ignored when this server does not serve TLS.
    void replaceTls(const QSslConfiguration& tls);

    // A connection id carries its worker's index in its top bits, so any thread can tell which
    // worker to post to.
    static int workerIndexOf(const ConnectionRef& connection) {
        return int(connection.id >> kLocalIdBits);
    }

private:
    static constexpr int kLocalIdBits = 48;

    void startOnThisThread();
    void startTls(QTcpSocket* plain);
    bool admit(QTcpSocket* socket);
    bool closeFramesSent() const;
    void upgrade(QTcpSocket* socket);
    void acceptUpgraded(QTcpSocket* socket, const QString& subprotocol, const QByteArray& early);
    void forget(quint64 connectionId);
    void reportClosed(quint64 connectionId, const Identity& identity);
    void flushHeldFrames();

    int index_;
    NetworkSettings settings_;
    ConnectionObserver& observer_;
    RequestDispatcher dispatcher_;
    HandshakeWatch* handshakes_ = nullptr;           // child
    QHash<quint64, ClientConnection*> connections_;  // children
    QTimer* heartbeat_ = nullptr;  // child; one timer pings every connection of this worker
    quint64 nextConnectionId_ = 1;
    std::atomic<qint64> queued_{0};
    QList<quint64> holding_;  // connections with frames held for flushHeldFrames()
    bool flushPosted_ = false;
};

}  // namespace natter
