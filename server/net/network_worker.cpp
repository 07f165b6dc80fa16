#include "network_worker.h"

#include <QDeadlineTimer>
#include <QSslSocket>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketCorsAuthenticator>
#include <QWebSocketServer>
#include <algorithm>

#include "client_connection.h"
#include "close_handshake_socket.h"
#include "protocol_limits.h"
#include "util/log.h"
#include "util/metrics.h"

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

void NetworkWorker::createWebSocketServer() {
    // Created lazily on the worker thread, so it and its sockets live there.
    wsServer_ = new QWebSocketServer(QStringLiteral("natter-server"),
                                     QWebSocketServer::NonSecureMode, this);
    wsServer_->setSupportedSubprotocols({QString::fromLatin1(kSubprotocol)});
    handshakes_ = new HandshakeWatch(this);  // its deadline replaces QWebSocketServer's (issue 14)
    connect(wsServer_, &QWebSocketServer::originAuthenticationRequired, this,
            [this](QWebSocketCorsAuthenticator* authenticator) {
                const QString origin = authenticator->origin();
                const bool allowed = origin.isEmpty() || settings_.allowedOrigins.contains(origin);
                if (!allowed) {
                    log::warning("net.origin_refused", {{"origin", origin}});
                }
                authenticator->setAllowed(allowed);
            });
    connect(wsServer_, &QWebSocketServer::newConnection, this, &NetworkWorker::acceptPending);
    heartbeat_ = new QTimer(this);
    heartbeat_->setTimerType(
        Qt::PreciseTimer);  // the drop bound is documented; coarse may drift 5%
    connect(heartbeat_, &QTimer::timeout, this, [this] {
        for (ClientConnection* connection : std::as_const(connections_)) {
            connection->heartbeat();
        }
    });
    heartbeat_->start(settings_.pingIntervalMs);
}

void NetworkWorker::adoptSocket(qintptr socketDescriptor) {
    if (!wsServer_) {
        createWebSocketServer();
    }
    QTcpSocket* socket = settings_.tls ? static_cast<QTcpSocket*>(new CloseHandshakeSslSocket(this))
                                       : new CloseHandshakeTcpSocket(this);
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
        wsServer_->handleConnection(socket);
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
    connect(socket, &QSslSocket::encrypted, this,
            [this, socket] { wsServer_->handleConnection(socket); });
    connect(socket, &QSslSocket::errorOccurred, socket, [socket](QAbstractSocket::SocketError) {
        log::debug("net.tls_failed", {{"error", socket->errorString()}});
    });
    socket->startServerEncryption();
}

void NetworkWorker::acceptPending() {
    while (QWebSocket* socket = wsServer_->nextPendingConnection()) {
        const quint64 id = nextConnectionId_++;
        QTcpSocket* transport = handshakes_->complete(socket->peerAddress(), socket->peerPort());
        auto* connection = new ClientConnection(ConnectionRef{settings_.nodeId, id}, socket,
                                                transport, settings_, dispatcher_, this);
        connections_.insert(id, connection);
        connect(connection, &ClientConnection::finished, this, [this, id] { forget(id); });
        connection->start();
    }
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

void NetworkWorker::deliverEvent(const QList<quint64>& connectionIds, const QString& text) {
    for (quint64 connectionId : connectionIds) {
        if (ClientConnection* connection = connections_.value(connectionId)) {
            settings_.metrics->countEventDelivered();
            connection->send(text);
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
    for (ClientConnection* connection : std::as_const(connections_)) {
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
