// The admin HTTP listener (docs/operations.md): GET /healthz/live, /healthz/ready and /metrics, one
// request per connection. Off unless --admin-listen is set; lives on the service thread, where it
// reads the gauges it is given.
#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <functional>

#include "http_request.h"

namespace natter {

class Metrics;
class Readiness;

// Figures read at each scrape, on the listener's thread.
struct ServerGauges {
    qint64 connectionsOpen = 0;
    qint64 sessionsSignedIn = 0;
    qint64 usersOnline = 0;
    qint64 storageQueueDepth = 0;
    qint64 outboundBytes = 0;
    qint64 connectionsRefused = 0;
    // Work waiting for each thread (or pool) that has a queue, by thread name: "storage",
    // "net-0" … (the network workers), "password-hash".
    QList<std::pair<QByteArray, double>> queueDepths;
};

struct AdminSources {
    const Metrics& metrics;
    const Readiness& readiness;
    std::function<ServerGauges()> gauges;
};

class AdminListener : public QObject {
    Q_OBJECT
public:
    // More connections than this at once are closed unanswered.
    static constexpr int kMaxConnections = 16;

    explicit AdminListener(AdminSources sources, QObject* parent = nullptr);

    bool listen(const QHostAddress& address, quint16 port);
    quint16 serverPort() const { return server_.serverPort(); }
    QString errorString() const { return server_.errorString(); }
    void close() { server_.close(); }

    // The body of /metrics.
    QByteArray renderMetrics() const;

private:
    void acceptPending();
    // Answers a complete request: respond() now, or later for /healthz/ready.
    void route(const http::Request& request, std::function<void(http::Response)> respond,
               QObject* context) const;

    AdminSources sources_;
    QTcpServer server_;
    int open_ = 0;
};

}  // namespace natter
