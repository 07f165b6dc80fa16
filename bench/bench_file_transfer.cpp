// Upload and download throughput of one file through a real natter-server on loopback
// (docs/protocol.md 5.8), and the server's CPU time per MiB from /proc/<pid>/stat.
//
//   bench_file_transfer [--mib N] [--window W]
// Uploads N MiB (default 100) with at most W unacknowledged chunks (default 64), finishes it,
// then downloads it in 1 MiB ranges (kDownloadChunkMaxBytes), one request at a time: the
// connection's request budget (20/s, burst 40) bounds downloads to about 20 MiB/s per connection.
#include <unistd.h>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>
#include <cstdio>
#include <functional>

#include "protocol_limits.h"
#include "server_process.h"

namespace {

namespace limits = natter::limits;

struct Client {
    QWebSocket socket;
    qint64 nextId = 1;
    QHash<qint64, QJsonObject> answers;
    qint64 ackedOffset = 0;
    qint64 binaryBytes = 0;
    int errors = 0;
    int rateLimited = 0;
};

bool waitUntil(const std::function<bool()>& done, int timeoutMs = 120'000) {
    QElapsedTimer timer;
    timer.start();
    while (!done() && timer.elapsed() < timeoutMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return done();
}

qint64 send(Client& client, const QString& method, const QJsonObject& params) {
    const qint64 id = client.nextId++;
    client.socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                                    {QStringLiteral("method"), method},
                                                    {QStringLiteral("params"), params}})
                              .toJson(QJsonDocument::Compact)));
    return id;
}

QJsonObject call(Client& client, const QString& method, const QJsonObject& params) {
    const qint64 id = send(client, method, params);
    waitUntil([&] { return client.answers.contains(id); });
    return client.answers.take(id);
}

void listen(Client& client) {
    QObject::connect(&client.socket, &QWebSocket::textMessageReceived, [&client](const QString& t) {
        const QJsonObject message = QJsonDocument::fromJson(t.toUtf8()).object();
        const QString event = message.value(QStringLiteral("event")).toString();
        if (event == QLatin1String("upload.ack")) {
            client.ackedOffset = message.value(QStringLiteral("data"))
                                     .toObject()
                                     .value(QStringLiteral("offset"))
                                     .toInteger();
        } else if (message.value(QStringLiteral("error"))
                       .toObject()
                       .value(QStringLiteral("code")) == QLatin1String("rate_limited")) {
            ++client.rateLimited;  // download() asks again
        } else if (event == QLatin1String("upload.error") ||
                   message.contains(QStringLiteral("error"))) {
            ++client.errors;
            std::fprintf(stderr, "%s\n", qPrintable(t.left(300)));
        }
        if (event.isEmpty()) {
            client.answers.insert(message.value(QStringLiteral("id")).toInteger(), message);
        }
    });
    QObject::connect(&client.socket, &QWebSocket::binaryMessageReceived,
                     [&client](const QByteArray& bytes) {
                         client.binaryBytes += bytes.size() - limits::kFileRefChars - 8;
                     });
}

// The server's user + system CPU time so far, in seconds.
double cpuSeconds(qint64 pid) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const QByteArray text = stat.readAll();
    // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) /
           double(sysconf(_SC_CLK_TCK));
}

QByteArray chunkFrame(const QString& uploadId, qint64 offset, const QByteArray& data) {
    QByteArray frame = uploadId.toLatin1();
    for (int shift = 56; shift >= 0; shift -= 8) {
        frame.append(char((quint64(offset) >> shift) & 0xff));
    }
    return frame + data.mid(offset, limits::kUploadChunkMaxBytes);
}

void report(const char* what, qint64 bytes, qint64 ns, double cpu) {
    const double mib = double(bytes) / (1024.0 * 1024.0);
    std::printf("%-9s %.0f MiB in %.2f s: %.1f MiB/s, server CPU %.2f s = %.1f ms per MiB\n", what,
                mib, double(ns) / 1e9, mib / (double(ns) / 1e9), cpu, cpu * 1000.0 / mib);
}

// Uploads `data` with at most `window` unacknowledged chunks; the ref, or empty.
QString upload(Client& client, const QByteArray& data, int window) {
    const QJsonObject started =
        call(client, QStringLiteral("files.upload_start"),
             {{QStringLiteral("size"), data.size()},
              {QStringLiteral("sha256"),
               QString::fromLatin1(
                   QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex())}});
    const QString uploadId = started.value(QStringLiteral("result"))
                                 .toObject()
                                 .value(QStringLiteral("upload_id"))
                                 .toString();
    const qint64 windowBytes = qint64(window) * limits::kUploadChunkMaxBytes;
    for (qint64 offset = 0; offset < data.size() && client.errors == 0;
         offset += limits::kUploadChunkMaxBytes) {
        waitUntil([&] { return offset - client.ackedOffset < windowBytes; });
        client.socket.sendBinaryMessage(chunkFrame(uploadId, offset, data));
    }
    waitUntil([&] { return client.ackedOffset == data.size() || client.errors > 0; });
    const QJsonObject finished = call(client, QStringLiteral("files.upload_finish"),
                                      {{QStringLiteral("upload_id"), uploadId}});
    return finished.value(QStringLiteral("result"))
        .toObject()
        .value(QStringLiteral("file"))
        .toObject()
        .value(QStringLiteral("ref"))
        .toString();
}

// One range at a time, asked again when the connection's request budget refuses it.
void download(Client& client, const QString& ref, qint64 size) {
    const qint64 range = limits::kDownloadChunkMaxBytes;
    while (client.binaryBytes < size && client.errors == 0) {
        const qint64 offset = client.binaryBytes;
        const qint64 id = send(client, QStringLiteral("files.download"),
                               {{QStringLiteral("ref"), ref},
                                {QStringLiteral("offset"), offset},
                                {QStringLiteral("length"), qMin(range, size - offset)}});
        waitUntil([&] { return client.answers.contains(id); });
        const QJsonObject answer = client.answers.take(id);
        if (answer.contains(QStringLiteral("error"))) {
            const qint64 waitMs = answer.value(QStringLiteral("error"))
                                      .toObject()
                                      .value(QStringLiteral("retry_after_ms"))
                                      .toInteger();
            QElapsedTimer paused;
            paused.start();
            waitUntil([&] { return paused.elapsed() >= waitMs; });
            continue;
        }
        waitUntil([&] { return client.binaryBytes > offset; });
    }
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("mib"), QStringLiteral("File size in MiB."),
                        QStringLiteral("n"), QStringLiteral("100")},
                       {QStringLiteral("window"), QStringLiteral("Unacknowledged chunks."),
                        QStringLiteral("w"), QStringLiteral("64")}});
    parser.process(app);
    const qint64 size = parser.value(QStringLiteral("mib")).toLongLong() * 1024 * 1024;
    natter::test::ServerProcess server;
    if (!server.start()) {
        std::fprintf(stderr, "the server did not start\n%s\n", qPrintable(server.log()));
        return 1;
    }
    Client client;
    listen(client);
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({QString::fromLatin1(natter::kSubprotocol)});
    client.socket.open(server.url(), options);
    waitUntil([&] { return client.socket.state() == QAbstractSocket::ConnectedState; }, 5000);
    call(client, QStringLiteral("auth.register"),
         {{QStringLiteral("username"), QStringLiteral("bench")},
          {QStringLiteral("display_name"), QStringLiteral("Bench")},
          {QStringLiteral("password"), QStringLiteral("correct horse battery")},
          {QStringLiteral("device_name"), QStringLiteral("bench")}});
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator::global()->fillRange(reinterpret_cast<quint32*>(data.data()), size / 4);

    QElapsedTimer timer;
    double cpu = cpuSeconds(server.pid());
    timer.start();
    const QString ref = upload(client, data, parser.value(QStringLiteral("window")).toInt());
    report("upload", size, timer.nsecsElapsed(), cpuSeconds(server.pid()) - cpu);
    if (ref.isEmpty()) {
        std::fprintf(stderr, "upload failed (%d errors)\n", client.errors);
        return 1;
    }
    cpu = cpuSeconds(server.pid());
    timer.restart();
    download(client, ref, size);
    report("download", client.binaryBytes, timer.nsecsElapsed(), cpuSeconds(server.pid()) - cpu);
    std::printf("download requests refused by the request budget (asked again): %d\n",
                client.rateLimited);
    return client.errors == 0 && client.binaryBytes == size ? 0 : 1;
}
