#include "net_test_support.h"

#include <QFile>
#include <QtTest>

namespace natter::test::net {

qint64 residentKiB(qint64 pid) {
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (QByteArray line = status.readLine(); !line.isEmpty(); line = status.readLine()) {
        if (line.startsWith("VmRSS:")) {
            return line.mid(6).trimmed().split(' ').constFirst().toLongLong();
        }
    }
    return -1;
}

std::unique_ptr<QTcpSocket> openHalfUpgrade(const QUrl& url, const QHostAddress& from) {
    constexpr int kConnectTimeoutMs = 5'000;
    auto socket = std::make_unique<QTcpSocket>();
    if (!socket->bind(from)) {
        return nullptr;
    }
    socket->connectToHost(url.host(), quint16(url.port()));
    if (!socket->waitForConnected(kConnectTimeoutMs)) {
        return nullptr;
    }
    socket->write("GET / HTTP/1.1\r\nHost: " + url.authority().toLatin1() + "\r\n");
    socket->flush();
    return socket;
}

bool waitUntilClosedByServer(QTcpSocket& socket, int timeoutMs) {
    return QTest::qWaitFor(
        [&socket] {
            socket.readAll();  // nothing is expected; reading lets the close be noticed
            return socket.state() == QAbstractSocket::UnconnectedState;
        },
        timeoutMs);
}

}  // namespace natter::test::net
