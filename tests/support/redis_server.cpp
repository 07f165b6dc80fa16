#include "redis_server.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QStandardPaths>
#include <QTcpSocket>

#include "loopback_port.h"

namespace natter::test {
namespace {

constexpr int kStartTimeoutMs = 10'000;
constexpr int kStopTimeoutMs = 5'000;
constexpr int kPingIntervalMs = 50;

}  // namespace

RedisServer::~RedisServer() {
    stop();
}

bool RedisServer::isRunning() const {
    return process_ && process_->state() != QProcess::NotRunning;
}

QString RedisServer::start(const QString& password) {
    const QString binary = QStandardPaths::findExecutable(QStringLiteral("redis-server"));
    if (binary.isEmpty()) {
        return QStringLiteral("redis-server is not on PATH (install the redis-server package)");
    }
    if (!dir_.isValid()) {
        return QStringLiteral("cannot create a temporary directory: ") + dir_.errorString();
    }
    if (port_ == 0 && (port_ = freeLoopbackPort()) == 0) {
        return QStringLiteral("no free port on 127.0.0.1");
    }
    process_ = std::make_unique<QProcess>();
    process_->setProcessChannelMode(QProcess::MergedChannels);
    process_->setWorkingDirectory(dir_.path());
    QStringList arguments{QStringLiteral("--port"),       QString::number(port_),
                          QStringLiteral("--bind"),       QStringLiteral("127.0.0.1"),
                          QStringLiteral("--save"),       QString(),
                          QStringLiteral("--appendonly"), QStringLiteral("no"),
                          QStringLiteral("--dir"),        dir_.path()};
    if (!password.isEmpty()) {
        arguments << QStringLiteral("--requirepass") << password;
    }
    process_->start(binary, arguments);
    if (!process_->waitForStarted(kStartTimeoutMs)) {
        return QStringLiteral("cannot run redis-server: ") + process_->errorString();
    }
    const QDeadlineTimer deadline(kStartTimeoutMs);
    while (!deadline.hasExpired()) {
        if (!isRunning()) {
            return QStringLiteral("redis-server exited: ") +
                   QString::fromLocal8Bit(process_->readAll());
        }
        if (answersPing(kPingIntervalMs)) {
            return {};
        }
        process_->waitForFinished(kPingIntervalMs);  // sleeps unless it exits
    }
    const QString output = QString::fromLocal8Bit(process_->readAll());
    kill();
    return QStringLiteral("redis-server did not answer PING on port %1 within %2 ms: %3")
        .arg(port_)
        .arg(kStartTimeoutMs)
        .arg(output);
}

QByteArray RedisServer::ask(const QByteArray& command, int timeoutMs) const {
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port_);
    if (!socket.waitForConnected(timeoutMs)) {
        return {};
    }
    socket.write(command + "\r\n");
    QByteArray answer;
    // A bulk answer ("$<length>" line) is complete once that many bytes followed the line.
    const auto complete = [&answer] {
        const qsizetype lineEnd = answer.indexOf("\r\n");
        if (lineEnd < 0) {
            return false;
        }
        if (!answer.startsWith('$')) {
            return true;
        }
        return answer.size() >= lineEnd + 2 + answer.mid(1, lineEnd - 1).toLongLong() + 2;
    };
    while (!complete() && socket.waitForReadyRead(timeoutMs)) {
        answer += socket.readAll();
    }
    return answer;
}

bool RedisServer::flushScripts() const {
    return ask("SCRIPT FLUSH", kStopTimeoutMs).startsWith("+OK");
}

bool RedisServer::answersPing(int timeoutMs) const {
    const QByteArray answer = ask("PING", timeoutMs);
    return answer.startsWith("+PONG") || answer.startsWith("-NOAUTH");  // up, wants a password
}

QString RedisServer::info(const QString& section, const QString& field) const {
    const QByteArray answer = ask("INFO " + section.toLatin1(), kStopTimeoutMs);
    for (const QByteArray& line : answer.split('\n')) {
        if (line.startsWith(QByteArray(field.toLatin1() + ':'))) {
            return QString::fromLatin1(line.mid(field.size() + 1).trimmed());
        }
    }
    return {};
}

void RedisServer::kill() {
    if (isRunning()) {
        process_->kill();
        process_->waitForFinished(kStopTimeoutMs);
    }
}

void RedisServer::stop() {
    if (isRunning()) {
        process_->terminate();
        if (!process_->waitForFinished(kStopTimeoutMs)) {
            kill();
        }
    }
}

int RedisServer::killClients(const QString& namePrefix) const {
    int killed = 0;
    // One line per client: "id=7 addr=127.0.0.1:40000 ... name=natter-1-commands ...".
    for (const QByteArray& line : ask("CLIENT LIST", kStopTimeoutMs).split('\n')) {
        QByteArray id;
        QByteArray name;
        for (const QByteArray& field : line.trimmed().split(' ')) {
            if (field.startsWith("id=")) {
                id = field.mid(3);
            } else if (field.startsWith("name=")) {
                name = field.mid(5);
            }
        }
        if (!id.isEmpty() && name.startsWith(namePrefix.toLatin1()) &&
            ask("CLIENT KILL ID " + id, kStopTimeoutMs).startsWith(":1")) {
            ++killed;
        }
    }
    return killed;
}

QString RedisServer::url() const {
    return QStringLiteral("redis://127.0.0.1:%1").arg(port_);
}

}  // namespace natter::test
