#include "socket_io.h"

#include <QSslSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace natter {

namespace {

bool mayWriteDirectly(QTcpSocket& socket) {
    if (const auto* tls = qobject_cast<const QSslSocket*>(&socket)) {
        if (tls->mode() != QSslSocket::UnencryptedMode) {
            return false;  // the bytes must be encrypted by QSslSocket
        }
    }
    return socket.state() == QAbstractSocket::ConnectedState && socket.bytesToWrite() == 0 &&
           socket.socketDescriptor() >= 0;
}

// How many bytes the kernel took now; 0 when it took none or the socket failed (QTcpSocket then
// finds the failure itself on its own write below and reports it as it always did).
qsizetype sendNow([[maybe_unused]] QTcpSocket& socket, [[maybe_unused]] const QByteArray& bytes) {
#ifdef Q_OS_UNIX
    if (mayWriteDirectly(socket)) {
        const ssize_t sent = ::send(static_cast<int>(socket.socketDescriptor()), bytes.constData(),
                                    static_cast<size_t>(bytes.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        return sent > 0 ? static_cast<qsizetype>(sent) : 0;
    }
#endif
    return 0;
}

}  // namespace

void writeToSocket(QTcpSocket& socket, const QByteArray& bytes) {
    const qsizetype sent = sendNow(socket, bytes);
    if (sent < bytes.size()) {
        socket.write(bytes.constData() + sent, bytes.size() - sent);
    }
}

QByteArray takeAvailable(QTcpSocket& socket, qint64 maxBytes) {
    return socket.read(qMin(socket.bytesAvailable(), maxBytes));
}

}  // namespace natter
