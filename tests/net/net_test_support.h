// Helpers for the transport-limit tests: the server process's memory and raw sockets that
// misbehave on purpose (docs/protocol.md sections 2 and 6).
#pragma once

#include <QHostAddress>
#include <QTcpSocket>
#include <QUrl>
#include <memory>

namespace natter::test::net {

// The resident set size of a process in KiB (VmRSS in /proc/<pid>/status), or -1.
qint64 residentKiB(qint64 pid);

// A TCP connection from `from` (any 127.0.0.0/8 address is local) that sends the first line and
// one header of an HTTP upgrade request and then nothing: a slowloris peer. Null when the TCP
// connection could not be made.
std::unique_ptr<QTcpSocket> openHalfUpgrade(const QUrl& url, const QHostAddress& from);

// Runs the event loop until the socket is closed by the server or timeoutMs pass; true if closed.
bool waitUntilClosedByServer(QTcpSocket& socket, int timeoutMs);

}  // namespace natter::test::net
