// Accepts TCP connections on the service thread and hands each one, round robin, to a network
// worker, which performs the TLS and WebSocket handshakes on its own thread.
#pragma once

#include <QTcpServer>
#include <QVector>

namespace natter {

class NetworkWorker;

class ConnectionListener : public QTcpServer {
    Q_OBJECT
public:
    ConnectionListener(QVector<NetworkWorker*> workers, QObject* parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    QVector<NetworkWorker*> workers_;
    qsizetype next_ = 0;
};

}  // namespace natter
