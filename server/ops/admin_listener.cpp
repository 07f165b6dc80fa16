#include "admin_listener.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include "process_stats.h"
#include "prometheus_text.h"
#include "readiness.h"
#include "util/log.h"
#include "util/metrics.h"

namespace natter {
namespace {

// One admin connection: reads one request within the limits of http_request.h, answers it and
// closes. A child of the listener; deletes itself when its socket goes.
class AdminConnection : public QObject {
public:
    using Router =
        std::function<void(const http::Request&, std::function<void(http::Response)>, QObject*)>;

    AdminConnection(QTcpSocket* socket, Router router, QObject* parent)
        : QObject(parent), socket_(socket), router_(std::move(router)) {
        socket_->setParent(this);
        connect(socket_, &QTcpSocket::readyRead, this, &AdminConnection::onReadyRead);
        connect(socket_, &QTcpSocket::disconnected, this, &QObject::deleteLater);
        QTimer::singleShot(http::kReadTimeoutMs, this, [this] {
            if (!answered_) {
                respond(http::plainText(408, "request not complete in time"));
            }
        });
    }

private:
    void onReadyRead() {
        if (answered_) {
            socket_->readAll();  // after the request: nothing more is read into memory
            return;
        }
        buffer_ += socket_->read(http::kMaxRequestBytes + 1 - buffer_.size());
        const http::ParseResult parsed = http::parseRequest(buffer_);
        switch (parsed.status) {
            case http::ParseStatus::NeedMore:
                return;
            case http::ParseStatus::Malformed:
                respond(http::plainText(400, parsed.problem));
                return;
            case http::ParseStatus::TooLarge:
                respond(http::plainText(413, parsed.problem));
                return;
            case http::ParseStatus::Complete:
                answered_ = true;  // the answer may come later (readiness)
                QPointer<AdminConnection> self(this);
                router_(
                    parsed.request,
                    [self](http::Response response) {
                        if (self) {
                            self->respond(std::move(response));
                        }
                    },
                    this);
                return;
        }
    }

    // Called once: after the first answer (or the routing that leads to it) nothing more is read
    // and the timeout stands down.
    void respond(const http::Response& response) {
        answered_ = true;
        socket_->write(http::serialize(response));
        socket_->disconnectFromHost();  // after the answer is written
    }

    QTcpSocket* socket_;  // child
    Router router_;
    QByteArray buffer_;
    bool answered_ = false;  // the request was refused or routed
};

http::Response metricsResponse(QByteArray body) {
    return http::Response{200, PrometheusText::kContentType, std::move(body), {}};
}

}  // namespace

AdminListener::AdminListener(AdminSources sources, QObject* parent)
    : QObject(parent), sources_(std::move(sources)) {
    connect(&server_, &QTcpServer::newConnection, this, &AdminListener::acceptPending);
}

bool AdminListener::listen(const QHostAddress& address, quint16 port) {
    return server_.listen(address, port);
}

void AdminListener::acceptPending() {
    while (QTcpSocket* socket = server_.nextPendingConnection()) {
        if (open_ >= kMaxConnections) {
            log::warning("admin.connection_refused", {{"open", QString::number(open_)}});
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++open_;
        auto* connection = new AdminConnection(
            socket,
            [this](const http::Request& request, std::function<void(http::Response)> respond,
                   QObject* context) { route(request, std::move(respond), context); },
            this);
        connect(connection, &QObject::destroyed, this, [this] { --open_; });
    }
}

void AdminListener::route(const http::Request& request, std::function<void(http::Response)> respond,
                          QObject* context) const {
    static const QList<QByteArray> kPaths{"/healthz/live", "/healthz/ready", "/metrics"};
    if (!kPaths.contains(request.path)) {
        respond(http::plainText(404, "not found: GET /healthz/live, /healthz/ready or /metrics"));
        return;
    }
    if (request.method != "GET") {
        http::Response refused = http::plainText(405, "only GET is allowed");
        refused.extraHeaders.append(std::pair{QByteArray("Allow"), QByteArray("GET")});
        respond(std::move(refused));
        return;
    }
    if (request.hasHeader("transfer-encoding") ||
        (request.hasHeader("content-length") && request.header("content-length") != "0")) {
        respond(http::plainText(400, "a GET request has no body"));
        return;
    }
    if (request.path == "/metrics") {
        respond(metricsResponse(renderMetrics()));
    } else if (request.path == "/healthz/live") {
        respond(http::plainText(200, "live"));
    } else {
        sources_.readiness.check(context, [respond](const QStringList& problems) {
            respond(problems.isEmpty() ? http::plainText(200, "ready")
                                       : http::plainText(503, problems.join(u'\n').toUtf8()));
        });
    }
}

QByteArray AdminListener::renderMetrics() const {
    const Metrics& metrics = sources_.metrics;
    const ServerGauges gauges = sources_.gauges();
    PrometheusText out;
    out.gauge("natter_connections_open",
              "TCP connections admitted and open (WebSocket or in handshake).",
              double(gauges.connectionsOpen));
    out.counter("natter_connections_refused_total",
                "Connections reset at once by max-connections or max-connections-per-address.",
                double(gauges.connectionsRefused));
    out.gauge("natter_sessions_signed_in", "Sessions with at least one signed-in connection.",
              double(gauges.sessionsSignedIn));
    out.gauge("natter_users_online", "Users with at least one signed-in connection.",
              double(gauges.usersOnline));
    out.counter("natter_messages_stored_total",
                "Messages committed to the database (user and system messages).",
                double(metrics.messagesStored()));
    out.counter("natter_events_delivered_total", "Events handed to a live connection to send.",
                double(metrics.eventsDelivered()));
    QList<std::pair<QByteArray, double>> errors;
    for (int code = 0; code < Metrics::kErrorCodeCount; ++code) {
        errors.append({errorCodeName(ErrorCode(code)).toLatin1(),
                       double(metrics.errorCount(ErrorCode(code)))});
    }
    out.labelledCounter("natter_errors_total", "Error responses sent, by protocol error code.",
                        "code", errors);
    out.counter("natter_rate_limit_refusals_total",
                "Requests refused with rate_limited, whichever limit refused them.",
                double(metrics.rateLimitRefusals()));
    out.histogram("natter_storage_commit_batch_size", "Jobs committed together in one transaction.",
                  metrics.commitBatchSize());
    out.histogram("natter_storage_commit_latency_seconds",
                  "Time from BEGIN to the end of COMMIT of one storage transaction.",
                  metrics.commitLatencySeconds());
    out.gauge("natter_storage_queue_depth", "Storage jobs waiting for the storage thread.",
              double(gauges.storageQueueDepth));
    out.labelledGauge("natter_queue_depth",
                      "Work queued for a thread and not yet started, by thread.", "thread",
                      gauges.queueDepths);
    out.gauge("natter_outbound_buffer_bytes",
              "Bytes queued for clients and not yet taken by their TCP stacks, all connections.",
              double(gauges.outboundBytes));
    const ProcessStats process = readProcessStats();
    if (process.cpuSeconds >= 0) {
        out.counter("process_cpu_seconds_total", "User and system CPU time of the server process.",
                    process.cpuSeconds);
    }
    if (process.residentBytes >= 0) {
        out.gauge("process_resident_memory_bytes", "Resident memory of the server process.",
                  process.residentBytes);
    }
    return out.text();
}

}  // namespace natter
