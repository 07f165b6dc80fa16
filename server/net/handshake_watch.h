// Gives every adopted TCP socket kHandshakeTimeoutMs to finish its TLS (wss) and WebSocket
// handshakes, else aborts it. QWebSocketServer's own handshake timeout does not cut a peer that
// sent part of an upgrade request and then fell silent (issue 14), so one deadline here covers
// plain and TLS sockets alike.
//
// QWebSocketServer hands out a QWebSocket, never the QTcpSocket it took over; the two are matched
// by the peer's address and port, which are unique among open connections to our listening port.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

class QTimer;

namespace natter {

class HandshakeWatch : public QObject {
    Q_OBJECT
public:
    explicit HandshakeWatch(QObject* parent = nullptr) : QObject(parent) {}

    // Starts the deadline. The socket is deleted once disconnected, upgraded or not.
    void watch(QTcpSocket* socket);
    // The upgrade of the socket with this peer is done: stops its deadline and returns the socket
    // (nullptr if unknown), whose send queue the connection then measures.
    QTcpSocket* complete(const QHostAddress& peer, quint16 peerPort);

private:
    struct Pending {
        QPointer<QTcpSocket> socket;
        QTimer* deadline;  // child of socket
        QMetaObject::Connection onDestroyed;
    };
    static QString key(const QHostAddress& peer, quint16 peerPort);

    QHash<QString, Pending> pending_;
};

}  // namespace natter
