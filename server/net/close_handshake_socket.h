// The TCP (or TLS) socket under a client's QWebSocket, able to stay open after QtWebSockets closes
// it, so that the client reads our close frame (RFC 6455 section 7.1.1: the server closes TCP after
// the close handshake, not before).
//
// Why: QtWebSockets 6.4 closes TCP as soon as its close frame is written. A client that writes
// anything after that (a request, a read marker) gets a reset, and QtWebSockets on the client drops
// the close frame still unread in its buffer: the client sees 1006 and cannot tell 4003 ("reconnect
// at once") from a network failure (it waits for its backoff). Held open, the socket keeps reading
// (what the client sends is ignored) until the client's close frame arrives (QWebSocket then calls
// close() again), the client closes TCP, or the owner aborts it (ClientConnection's stall
// deadline).
#pragma once

#include <QSslSocket>
#include <QTcpSocket>
#include <utility>

namespace natter {

// The part ClientConnection sees, whatever the socket type.
class HoldableClose {
public:
    // The next close() leaves the connection open; every later close() or abort() ends it.
    void holdOpenOnNextClose() { hold_ = true; }

protected:
    bool takeHold() { return std::exchange(hold_, false); }

    ~HoldableClose() = default;

private:
    bool hold_ = false;
};

template <class Socket>
class CloseHandshakeSocket final : public Socket, public HoldableClose {
public:
    using Socket::Socket;

    void close() override {
        if (takeHold()) {
            this->flush();  // the close frame leaves; reading goes on
            return;
        }
        Socket::close();
    }
};

using CloseHandshakeTcpSocket = CloseHandshakeSocket<QTcpSocket>;
using CloseHandshakeSslSocket = CloseHandshakeSocket<QSslSocket>;

}  // namespace natter
