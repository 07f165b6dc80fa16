// Reading from and writing to a client's TCP socket without keeping buffers for it while it is idle.
#pragma once

#include <QByteArray>
#include <QTcpSocket>

namespace natter {

// Hands bytes to the kernel at once when the socket has nothing queued and is not encrypting,
// and queues in the socket only what the kernel does not take. QAbstractSocket copies every
// write into a 32 KiB buffer chunk that it keeps for the socket's life once used: that chunk was
// most of an idle connection's memory (issue 16, docs/performance.md). Order is kept: bytes go
// straight out only while nothing waits in the socket, and bytesToWrite() stays what is queued.
void writeToSocket(QTcpSocket& socket, const QByteArray& bytes);

// Takes everything the socket has read, moving the socket's read chunk out instead of copying it
// (QIODevice::readAll copies and the socket keeps its 16 KiB chunk for the next read).
QByteArray takeAvailable(QTcpSocket& socket, qint64 maxBytes);

}  // namespace natter
