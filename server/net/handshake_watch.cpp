#include "handshake_watch.h"

#include <QTimer>

#include "protocol_limits.h"
#include "util/log.h"

namespace natter {

QString HandshakeWatch::key(const QHostAddress& peer, quint16 peerPort) {
    return peer.toString() + u'#' + QString::number(peerPort);
}

void HandshakeWatch::watch(QTcpSocket* socket) {
    const QString id = key(socket->peerAddress(), socket->peerPort());
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    auto* deadline = new QTimer(socket);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, socket, id] {
        log::debug("net.handshake_timeout", {{"addr", socket->peerAddress().toString()}});
        pending_.remove(id);
        socket->abort();
        socket->deleteLater();
    });
    const auto onDestroyed =
        connect(socket, &QObject::destroyed, this, [this, id] { pending_.remove(id); });
    pending_.insert(id, Pending{socket, deadline, onDestroyed});
    deadline->start(limits::kHandshakeTimeoutMs);
}

QTcpSocket* HandshakeWatch::complete(const QHostAddress& peer, quint16 peerPort) {
    const Pending done = pending_.take(key(peer, peerPort));
    if (!done.socket) {
        return nullptr;
    }
    disconnect(done.onDestroyed);
    delete done.deadline;
    return done.socket;
}

}  // namespace natter
