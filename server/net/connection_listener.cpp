#include "connection_listener.h"

#include <QMetaObject>

#include "network_worker.h"

namespace natter {

ConnectionListener::ConnectionListener(QVector<NetworkWorker*> workers, QObject* parent)
    : QTcpServer(parent), workers_(std::move(workers)) {}

void ConnectionListener::incomingConnection(qintptr socketDescriptor) {
    NetworkWorker* worker = workers_.at(next_);
    next_ = (next_ + 1) % workers_.size();
    QMetaObject::invokeMethod(
        worker, [worker, socketDescriptor] { worker->adoptSocket(socketDescriptor); },
        Qt::QueuedConnection);
}

}  // namespace natter
