// Gives every adopted TCP socket kHandshakeTimeoutMs to finish its TLS (wss) and WebSocket
// handshakes, else aborts it: a peer that sent part of an upgrade request and then fell silent
// must not hold a socket (issue 14). One deadline covers plain and TLS sockets alike.
#pragma once

#include <QHash>
#include <QObject>
#include <QTcpSocket>

class QTimer;

namespace natter {

class HandshakeWatch : public QObject {
    Q_OBJECT
public:
    explicit HandshakeWatch(QObject* parent = nullptr) : QObject(parent) {}

    // Starts the deadline. Until complete(), the socket is deleted once disconnected.
    void watch(QTcpSocket* socket);
    // The upgrade of this socket is done: stops its deadline, and from now on its new owner
    // deletes it.
    void complete(QTcpSocket* socket);

private:
    struct Pending {
        QTimer* deadline;  // child of socket
        QMetaObject::Connection onDisconnected;
        QMetaObject::Connection onDestroyed;
    };

    QHash<QTcpSocket*, Pending> pending_;
};

}  // namespace natter
