#include "handshake_watch.h"

#include <QTimer>

#include "protocol_limits.h"
#include "util/log.h"

namespace natter {

void HandshakeWatch::watch(QTcpSocket* socket) {
    const auto onDisconnected =
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    auto* deadline = new QTimer(socket);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, socket] {
        log::debug("net.handshake_timeout", {{"addr", socket->peerAddress().toString()}});
        pending_.remove(socket);
        socket->abort();
        socket->deleteLater();
    });
    const auto onDestroyed =
        connect(socket, &QObject::destroyed, this, [this, socket] { pending_.remove(socket); });
    pending_.insert(socket, Pending{deadline, onDisconnected, onDestroyed});
    deadline->start(limits::kHandshakeTimeoutMs);
}

void HandshakeWatch::complete(QTcpSocket* socket) {
    const auto it = pending_.constFind(socket);
    if (it == pending_.constEnd()) {
        return;
    }
    disconnect(it->onDisconnected);
    disconnect(it->onDestroyed);
    delete it->deadline;
    pending_.erase(it);
}

}  // namespace natter
