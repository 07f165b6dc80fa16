// Message throughput and ack latency of a real natter-server: N clients in groups of G, each
// sending M messages paced at R per second (under the per-connection request limit) with at most W
// in flight. Prints acked messages/s, ack latency percentiles, deliveries/s and how many messages
// each storage commit carried (group commit).
//
//   bench_message_throughput [--clients N] [--group-size G] [--messages M] [--rate R] [--window W]
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

#include "protocol_limits.h"
#include "server_process.h"

namespace {

struct BenchClient {
    std::unique_ptr<QWebSocket> socket = std::make_unique<QWebSocket>();
    QString userId;
    qint64 nextId = 1;
    QHash<qint64, qint64> sentAtNs;  // request id -> send time
    QJsonObject lastResult;
    int sent = 0;
    int acked = 0;
    int errors = 0;
    int delivered = 0;
    QString group;
};

QElapsedTimer gClock;

bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return done();
}

qint64 send(BenchClient& client, const QString& method, const QJsonObject& params) {
    const qint64 id = client.nextId++;
    client.sentAtNs.insert(id, gClock.nsecsElapsed());
    client.socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                                    {QStringLiteral("method"), method},
                                                    {QStringLiteral("params"), params}})
                              .toJson(QJsonDocument::Compact)));
    return id;
}

bool connectAndRegister(BenchClient& client, const QUrl& url, int index,
                        std::vector<double>& latencies) {
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({QString::fromLatin1(natter::kSubprotocol)});
    QObject::connect(
        client.socket.get(), &QWebSocket::textMessageReceived,
        [&client, &latencies](const QString& text) {
            const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
            if (message.contains(QStringLiteral("event"))) {
                ++client.delivered;
                return;
            }
            const qint64 id = message.value(QStringLiteral("id")).toInteger();
            latencies.push_back(double(gClock.nsecsElapsed() - client.sentAtNs.take(id)) / 1e6);
            client.lastResult = message.value(QStringLiteral("result")).toObject();
            message.contains(QStringLiteral("error")) ? ++client.errors : ++client.acked;
        });
    client.socket->open(url, options);
    if (!waitUntil([&] { return client.socket->state() == QAbstractSocket::ConnectedState; },
                   5000)) {
        return false;
    }
    send(client, QStringLiteral("auth.register"),
         {{QStringLiteral("username"), QStringLiteral("bench%1").arg(index)},
          {QStringLiteral("display_name"), QStringLiteral("Bench %1").arg(index)},
          {QStringLiteral("password"), QStringLiteral("benchmark-password")},
          {QStringLiteral("device_name"), QStringLiteral("bench")}});
    if (!waitUntil([&] { return client.acked == 1; }, 10'000)) {
        return false;
    }
    client.userId = client.lastResult.value(QStringLiteral("user"))
                        .toObject()
                        .value(QStringLiteral("id"))
                        .toString();
    client.acked = 0;
    return !client.userId.isEmpty();
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) {
        return 0;
    }
    std::sort(values.begin(), values.end());
    return values[size_t(p * double(values.size() - 1))];
}

struct Options {
    int clients = 0;
    int messages = 0;
    int window = 0;
    int groupSize = 0;
    double rate = 0;
};

Options parseOptions(const QCoreApplication& app) {
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("clients"), QStringLiteral("Senders in the group."),
                      QStringLiteral("n"), QStringLiteral("8")});
    parser.addOption({QStringLiteral("messages"), QStringLiteral("Messages per sender."),
                      QStringLiteral("m"), QStringLiteral("500")});
    parser.addOption({QStringLiteral("window"), QStringLiteral("Sends in flight per sender."),
                      QStringLiteral("w"), QStringLiteral("4")});
    parser.addOption({QStringLiteral("group-size"), QStringLiteral("Members per group."),
                      QStringLiteral("g"), QStringLiteral("4")});
    parser.addOption({QStringLiteral("rate"), QStringLiteral("Messages per second per sender."),
                      QStringLiteral("r"), QStringLiteral("15")});
    parser.process(app);
    Options options;
    options.clients = parser.value(QStringLiteral("clients")).toInt();
    options.messages = parser.value(QStringLiteral("messages")).toInt();
    options.window = parser.value(QStringLiteral("window")).toInt();
    options.groupSize = qMax(2, parser.value(QStringLiteral("group-size")).toInt());
    options.rate = parser.value(QStringLiteral("rate")).toDouble();
    return options;
}

using Pool = std::vector<std::unique_ptr<BenchClient>>;

bool connectClients(Pool& pool, int clients, const QUrl& url, std::vector<double>& latencies) {
    for (int i = 0; i < clients; ++i) {
        pool.push_back(std::make_unique<BenchClient>());
        if (!connectAndRegister(*pool.back(), url, i, latencies)) {
            return false;
        }
    }
    return true;
}

// Groups of `groupSize` consecutive clients, the first of each creating it.
void createGroups(Pool& pool, int groupSize) {
    for (size_t first = 0; first + 1 < pool.size(); first += size_t(groupSize)) {
        BenchClient& owner = *pool[first];
        QJsonArray members;
        for (size_t i = first + 1; i < qMin(pool.size(), first + size_t(groupSize)); ++i) {
            members.append(pool[i]->userId);
        }
        send(owner, QStringLiteral("conversations.create_group"),
             {{QStringLiteral("name"), QStringLiteral("bench")},
              {QStringLiteral("member_ids"), members},
              {QStringLiteral("client_message_id"), QStringLiteral("create")},
              {QStringLiteral("type"), QStringLiteral("text")},
              {QStringLiteral("body"), QStringLiteral("go")}});
        waitUntil([&] { return owner.acked == 1; }, 10'000);
        const QString group = owner.lastResult.value(QStringLiteral("conversation"))
                                  .toObject()
                                  .value(QStringLiteral("id"))
                                  .toString();
        for (size_t i = first; i < qMin(pool.size(), first + size_t(groupSize)); ++i) {
            pool[i]->group = group;
        }
    }
}

// Zeroes the counters; returns the events the run should deliver (each message to the others
// in its group).
qint64 resetCountersAndExpectDeliveries(Pool& pool, int messages) {
    qint64 expectedDeliveries = 0;
    for (auto& client : pool) {
        client->acked = 0;
        client->delivered = 0;
        expectedDeliveries +=
            qint64(messages) *
            (std::count_if(pool.begin(), pool.end(),
                           [&](const auto& other) { return other->group == client->group; }) -
             1);
    }
    return expectedDeliveries;
}

struct SendResult {
    int acked = 0;
    int errors = 0;
    double seconds = 0;
};

// Every client sends its messages, paced at the rate with at most `window` in flight, until all
// are answered (or 5 minutes passed). `wall` starts here.
SendResult sendAll(Pool& pool, const Options& options, const QString& body, QElapsedTimer& wall) {
    wall.start();
    const int total = options.clients * options.messages;
    auto pump = [&] {
        const int allowed =
            qMin(options.messages, 1 + int(double(wall.elapsed()) * options.rate / 1000.0));
        for (auto& client : pool) {
            while (client->sent < allowed &&
                   client->sent - client->acked - client->errors < options.window) {
                send(
                    *client, QStringLiteral("messages.send"),
                    {{QStringLiteral("conversation_id"), client->group},
                     {QStringLiteral("client_message_id"), QStringLiteral("b%1").arg(client->sent)},
                     {QStringLiteral("type"), QStringLiteral("text")},
                     {QStringLiteral("body"), body}});
                ++client->sent;
            }
        }
    };
    SendResult result;
    while (result.acked < total && wall.elapsed() < 300'000) {
        pump();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        result.acked = 0;
        for (auto& client : pool) {
            result.acked += client->acked + client->errors;
        }
    }
    result.seconds = double(wall.nsecsElapsed()) / 1e9;
    for (auto& client : pool) {
        result.errors += client->errors;
    }
    result.acked -= result.errors;
    return result;
}

qint64 deliveredCount(const Pool& pool) {
    qint64 delivered = 0;
    for (const auto& client : pool) {
        delivered += client->delivered;
    }
    return delivered;
}

// The storage commits the stopped server logged for the whole run.
qint64 storageCommits(const natter::test::ServerProcess& server) {
    static const QRegularExpression commitsLine(
        QStringLiteral("event=store.stopped commits=(\\d+)"));
    return commitsLine.match(server.log()).captured(1).toLongLong();
}

struct Report {
    SendResult sends;
    std::vector<double> latencies;
    qint64 delivered = 0;
    qint64 expectedDeliveries = 0;
    double deliverySeconds = 0;
    qint64 commits = 0;
    int bodyBytes = 0;
};

void printReport(const Options& o, const Report& r) {
    const int acked = r.sends.acked;
    const double seconds = r.sends.seconds;
    std::printf(
        "clients=%d group_size=%d messages_per_client=%d rate=%.0f/s window=%d body_bytes=%d\n",
        o.clients, o.groupSize, o.messages, o.rate, o.window, r.bodyBytes);
    std::printf("acked=%d errors=%d in %.2f s: %.0f messages/s\n", acked, r.sends.errors, seconds,
                acked / seconds);
    std::printf("ack latency ms: p50=%.2f p95=%.2f p99=%.2f max=%.2f\n",
                percentile(r.latencies, 0.5), percentile(r.latencies, 0.95),
                percentile(r.latencies, 0.99), percentile(r.latencies, 1.0));
    std::printf("deliveries=%lld of %lld in %.2f s: %.0f events/s\n", qlonglong(r.delivered),
                qlonglong(r.expectedDeliveries), r.deliverySeconds,
                r.delivered / r.deliverySeconds);
    std::printf("storage commits (whole run, incl. setup)=%lld, acked messages per commit=%.1f\n",
                qlonglong(r.commits), r.commits ? double(acked) / double(r.commits) : 0.0);
}

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    const Options options = parseOptions(app);
    natter::test::ServerProcess server({QStringLiteral("--log-level"), QStringLiteral("info")});
    if (!server.start()) {
        std::fputs("server did not start\n", stderr);
        return 1;
    }
    gClock.start();
    Report report;
    Pool pool;
    if (!connectClients(pool, options.clients, server.url(), report.latencies)) {
        std::fputs("client setup failed\n", stderr);
        return 1;
    }
    createGroups(pool, options.groupSize);
    report.latencies.clear();
    waitUntil([] { return false; }, 500);  // let the creation events arrive before counting
    report.expectedDeliveries = resetCountersAndExpectDeliveries(pool, options.messages);
    const QString body = QStringLiteral("x").repeated(100);
    report.bodyBytes = int(body.size());
    QElapsedTimer wall;
    report.sends = sendAll(pool, options, body, wall);
    waitUntil([&] { return deliveredCount(pool) >= report.expectedDeliveries; }, 30'000);
    report.deliverySeconds = double(wall.nsecsElapsed()) / 1e9;
    report.delivered = deliveredCount(pool);
    pool.clear();
    server.stop();
    report.commits = storageCommits(server);
    printReport(options, report);
    const bool complete = report.sends.acked == options.clients * options.messages &&
                          report.sends.errors == 0 && report.delivered == report.expectedDeliveries;
    return complete ? 0 : 1;
}
