// The server's side of the WebSocket opening handshake (RFC 6455 section 4.2): reads the HTTP/1.1
// upgrade request from a new (TCP or TLS) socket, within kMaxHandshakeBytes and
// kMaxHandshakeHeaderLines, and answers 101 or refuses: 400 for a malformed request, 403 for an
// origin not in allowed-origins, 426 for a WebSocket version other than 13. No extension is ever
// accepted (docs/protocol.md section 1).
#pragma once

#include <QObject>
#include <QStringList>
#include <QTcpSocket>

#include "ops/http_request.h"

namespace natter {

// What the server answers to one upgrade request.
struct UpgradeAnswer {
    int status = 400;
    QByteArray response;  // the whole HTTP answer, to write as it is
    QString subprotocol;  // when 101: natter.v1 if the client offered it, else empty
};

UpgradeAnswer answerUpgrade(const http::Request& request, const QStringList& allowedOrigins);

// Reads one socket's upgrade request as its bytes arrive. Deletes itself once it has answered;
// a refused socket is closed after the answer (HandshakeWatch bounds how long that takes).
class WebSocketUpgrade : public QObject {
    Q_OBJECT
public:
    // A child of socket.
    WebSocketUpgrade(QTcpSocket* socket, QStringList allowedOrigins);
    // Reads what already arrived and whatever comes next.
    void start();

signals:
    // The 101 was written; early holds any bytes the client sent after its request.
    void upgraded(QTcpSocket* socket, const QString& subprotocol, const QByteArray& early);

private:
    void readRequest();
    void finish();

    QTcpSocket* socket_;  // parent
    QStringList allowedOrigins_;
    QByteArray buffer_;
};

}  // namespace natter
