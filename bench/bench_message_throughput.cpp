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

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
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
    const int clients = parser.value(QStringLiteral("clients")).toInt();
    const int messages = parser.value(QStringLiteral("messages")).toInt();
    const int window = parser.value(QStringLiteral("window")).toInt();
    const int groupSize = qMax(2, parser.value(QStringLiteral("group-size")).toInt());
    const double rate = parser.value(QStringLiteral("rate")).toDouble();

    natter::test::ServerProcess server({QStringLiteral("--log-level"), QStringLiteral("info")});
    if (!server.start()) {
        std::fputs("server did not start\n", stderr);
        return 1;
    }
    gClock.start();
    std::vector<double> latencies;
    std::vector<std::unique_ptr<BenchClient>> pool;
    for (int i = 0; i < clients; ++i) {
        pool.push_back(std::make_unique<BenchClient>());
        if (!connectAndRegister(*pool.back(), server.url(), i, latencies)) {
            std::fputs("client setup failed\n", stderr);
            return 1;
        }
    }
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
    latencies.clear();
    waitUntil([] { return false; }, 500);  // let the creation events arrive before counting
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
    const QString body = QStringLiteral("x").repeated(100);
    QElapsedTimer wall;
    wall.start();
    const int total = clients * messages;
    auto pump = [&] {
        const int allowed = qMin(messages, 1 + int(double(wall.elapsed()) * rate / 1000.0));
        for (auto& client : pool) {
            while (client->sent < allowed &&
                   client->sent - client->acked - client->errors < window) {
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
    int acked = 0;
    while (acked < total && wall.elapsed() < 300'000) {
        pump();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        acked = 0;
        for (auto& client : pool) {
            acked += client->acked + client->errors;
        }
    }
    const double seconds = double(wall.nsecsElapsed()) / 1e9;
    int errors = 0;
    for (auto& client : pool) {
        errors += client->errors;
    }
    acked -= errors;
    waitUntil(
        [&] {
            qint64 delivered = 0;
            for (auto& client : pool)
                delivered += client->delivered;
            return delivered >= expectedDeliveries;
        },
        30'000);
    const double deliverySeconds = double(wall.nsecsElapsed()) / 1e9;
    qint64 delivered = 0;
    for (auto& client : pool)
        delivered += client->delivered;
    pool.clear();
    server.stop();
    static const QRegularExpression commitsLine(
        QStringLiteral("event=store.stopped commits=(\\d+)"));
    const qint64 commits = commitsLine.match(server.log()).captured(1).toLongLong();

    std::printf(
        "clients=%d group_size=%d messages_per_client=%d rate=%.0f/s window=%d body_bytes=%d\n",
        clients, groupSize, messages, rate, window, int(body.size()));
    std::printf("acked=%d errors=%d in %.2f s: %.0f messages/s\n", acked, errors, seconds,
                acked / seconds);
    std::printf("ack latency ms: p50=%.2f p95=%.2f p99=%.2f max=%.2f\n", percentile(latencies, 0.5),
                percentile(latencies, 0.95), percentile(latencies, 0.99),
                percentile(latencies, 1.0));
    std::printf("deliveries=%lld of %lld in %.2f s: %.0f events/s\n", qlonglong(delivered),
                qlonglong(expectedDeliveries), deliverySeconds, delivered / deliverySeconds);
    std::printf("storage commits (whole run, incl. setup)=%lld, acked messages per commit=%.1f\n",
                qlonglong(commits), commits ? double(acked) / double(commits) : 0.0);
    return acked == total && errors == 0 && delivered == expectedDeliveries ? 0 : 1;
}
