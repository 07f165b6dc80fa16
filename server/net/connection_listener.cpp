#include "connection_listener.h"

#include <QMetaObject>
#include <QTimer>

#include "network_worker.h"
#include "util/log.h"

namespace natter {
namespace {

// QTcpServer stops accepting after an error such as running out of file descriptors; it tries
// again after this pause (so the log gets at most one line per pause).
constexpr int kAcceptRetryMs = 1'000;

}  // namespace

ConnectionListener::ConnectionListener(QVector<NetworkWorker*> workers, QObject* parent)
    : QTcpServer(parent), workers_(std::move(workers)) {
    connect(this, &QTcpServer::acceptError, this, [this](QAbstractSocket::SocketError) {
        log::warning("net.accept_failed", {{"error", errorString()}});
        QTimer::singleShot(kAcceptRetryMs, this, &QTcpServer::resumeAccepting);
    });
}

void ConnectionListener::incomingConnection(qintptr socketDescriptor) {
    NetworkWorker* worker = workers_.at(next_);
    next_ = (next_ + 1) % workers_.size();
    worker->post([socketDescriptor](NetworkWorker& w) { w.adoptSocket(socketDescriptor); });
}

}  // namespace natter
