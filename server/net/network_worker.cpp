#include "network_worker.h"

#include <QDeadlineTimer>
#include <QSslSocket>
#include <utility>
#include <QThread>
#include <QTimer>
#include <algorithm>

#include "client_connection.h"
#include "protocol_limits.h"
#include "util/log.h"
#include "util/metrics.h"
#include "websocket_handshake.h"
#include "websocket_stream.h"

namespace natter {
namespace {

// How often a shutting-down worker looks whether its close frames have left.
constexpr int kCloseWaitPollMs = 10;

}  // namespace

NetworkWorker::NetworkWorker(int index, NetworkSettings settings, Services services,
                             ConnectionObserver& observer)
    : index_(index),
      settings_(std::move(settings)),
      observer_(observer),
      dispatcher_(services),
      nextConnectionId_((quint64(index) << kLocalIdBits) + 1) {}

NetworkWorker::~NetworkWorker() = default;

void NetworkWorker::startOnThisThread() {
    // Created lazily on the worker thread, so they and the sockets live there.
    handshakes_ = new HandshakeWatch(this);
    heartbeat_ = new QTimer(this);
    heartbeat_->setTimerType(
        Qt::PreciseTimer);  // the drop bound is documented; coarse may drift 5%
    connect(heartbeat_, &QTimer::timeout, this, [this] {
        // A copy: a connection dropped here leaves connections_ at once.
        const QList<ClientConnection*> all = connections_.values();
        for (ClientConnection* connection : all) {
            connection->heartbeat();
        }
    });
    heartbeat_->start(settings_.pingIntervalMs);
}

void NetworkWorker::adoptSocket(qintptr socketDescriptor) {
    if (!handshakes_) {
        startOnThisThread();
    }
    auto* socket = settings_.tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        log::warning("net.adopt_failed", {{"error", socket->errorString()}});
        socket->deleteLater();
        return;
    }
    if (!admit(socket)) {
        return;
    }
    // Small frames (acks, events) must leave at once, not wait for Nagle's algorithm to see the
    // previous segment acknowledged (delayed ACKs made the end-to-end p99 ~40 ms at low load).
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    handshakes_->watch(socket);
    if (settings_.tls) {
        startTls(socket);
    } else {
        upgrade(socket);
    }
}

// Over a connection cap the socket is reset at once: it never reaches a handshake.
bool NetworkWorker::admit(QTcpSocket* socket) {
    const QHostAddress peer = socket->peerAddress();
    if (settings_.nodeLimits->admit(peer) != NodeLimits::Admission::Admitted) {
        socket->abort();
        socket->deleteLater();
        return false;
    }
    new AdmissionTicket(*settings_.nodeLimits, peer, socket);
    return true;
}

void NetworkWorker::replaceTls(const QSslConfiguration& tls) {
    if (settings_.tls) {
        settings_.tls = tls;
    }
}

void NetworkWorker::startTls(QTcpSocket* plain) {
    auto* socket = static_cast<QSslSocket*>(plain);
    socket->setSslConfiguration(*settings_.tls);
    connect(socket, &QSslSocket::encrypted, this, [this, socket] { upgrade(socket); });
    connect(socket, &QSslSocket::errorOccurred, socket, [socket](QAbstractSocket::SocketError) {
        log::debug("net.tls_failed", {{"error", socket->errorString()}});
    });
    socket->startServerEncryption();
}

void NetworkWorker::upgrade(QTcpSocket* socket) {
    auto* upgrade = new WebSocketUpgrade(socket, settings_.allowedOrigins);  // child of socket
    connect(upgrade, &WebSocketUpgrade::upgraded, this, &NetworkWorker::acceptUpgraded);
    upgrade->start();
}

void NetworkWorker::acceptUpgraded(QTcpSocket* socket, const QString& subprotocol,
                                   const QByteArray& early) {
    handshakes_->complete(socket);
    const quint64 id = nextConnectionId_++;
    auto* stream = new WebSocketStream(socket, subprotocol, early, this);
    auto* connection = new ClientConnection(ConnectionRef{settings_.nodeId, id}, stream, settings_,
                                            dispatcher_, this);
    connections_.insert(id, connection);
    connect(connection, &ClientConnection::finished, this, [this, id] { forget(id); });
    connection->start();
}

void NetworkWorker::forget(quint64 connectionId) {
    ClientConnection* connection = connections_.take(connectionId);
    if (!connection) {
        return;
    }
    if (const auto identity = connection->identity()) {
        reportClosed(connectionId, *identity);
    }
    connection->deleteLater();
}

void NetworkWorker::reportClosed(quint64 connectionId, const Identity& identity) {
    observer_.connectionClosed(ConnectionRef{settings_.nodeId, connectionId}, identity);
}

void NetworkWorker::sendText(quint64 connectionId, const QString& text) {
    if (ClientConnection* connection = connections_.value(connectionId)) {
        connection->send(text);
    }
}

void NetworkWorker::sendBinary(quint64 connectionId, const QByteArray& bytes) {
    if (ClientConnection* connection = connections_.value(connectionId)) {
        connection->sendBinary(bytes);
    }
}

// The frame is encoded once for all of this worker's recipients, and held: every event this
// worker delivers before its event loop comes round again leaves in one write per socket (under
// load many events wait in the queue, issue 16). The flush runs after the work already posted.
void NetworkWorker::deliverEvent(const QList<quint64>& connectionIds, const QString& text) {
    const QByteArray frame = ws::encodeTextFrame(text);
    for (quint64 connectionId : connectionIds) {
        if (ClientConnection* connection = connections_.value(connectionId)) {
            settings_.metrics->countEventDelivered();
            if (connection->queueFrame(frame)) {
                holding_.append(connectionId);
            }
        }
    }
    if (!holding_.isEmpty() && !flushPosted_) {
        flushPosted_ = true;
        QMetaObject::invokeMethod(this, &NetworkWorker::flushHeldFrames, Qt::QueuedConnection);
    }
}

void NetworkWorker::flushHeldFrames() {
    flushPosted_ = false;
    const QList<quint64> holding = std::exchange(holding_, {});
    for (quint64 connectionId : holding) {
        if (ClientConnection* connection = connections_.value(connectionId)) {
            connection->flushQueued();
        }
    }
}

void NetworkWorker::sendError(quint64 connectionId, const QJsonValue& requestId,
                              const ProtocolError& error) {
    if (ClientConnection* connection = connections_.value(connectionId)) {
        connection->reply(requestId, error);
    }
}

void NetworkWorker::completeSignIn(quint64 connectionId, const Identity& identity,
                                   const QString& response) {
    ClientConnection* connection = connections_.value(connectionId);
    if (!connection) {
        reportClosed(connectionId, identity);  // gone while signing in; the service registered it
        return;
    }
    connection->signIn(identity);
    connection->send(response);
}

void NetworkWorker::endAuthAttempt(quint64 connectionId) {
    if (ClientConnection* connection = connections_.value(connectionId)) {
        connection->endAuthAttempt();
    }
}

void NetworkWorker::closeConnection(quint64 connectionId, int closeCode, const QString& reason) {
    if (ClientConnection* connection = connections_.value(connectionId)) {
        connection->close(closeCode, reason);
    }
}

void NetworkWorker::closeAllAndQuit(int closeCode, const QString& reason) {
    const QList<ClientConnection*> all = connections_.values();
    for (ClientConnection* connection : all) {
        connection->close(closeCode, reason);
    }
    // Under load a close frame may still sit behind other frames: stopping the thread now would
    // reset the connection and the client would see 1006 instead of closeCode.
    const QDeadlineTimer deadline(limits::kShutdownCloseWaitMs);
    auto* poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this, poll, deadline] {
        if (closeFramesSent() || deadline.hasExpired()) {
            poll->stop();
            thread()->quit();
        }
    });
    poll->start(kCloseWaitPollMs);
}

bool NetworkWorker::closeFramesSent() const {
    return std::all_of(connections_.cbegin(), connections_.cend(),
                       [](const ClientConnection* c) { return c->queuedBytes() == 0; });
}

}  // namespace natter
