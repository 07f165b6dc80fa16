#include "nginx_server.h"

#include <unistd.h>
#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpSocket>

#include "loopback_port.h"

namespace natter::test {
namespace {

constexpr int kStartTimeoutMs = 10'000;
constexpr int kStopTimeoutMs = 5'000;
constexpr int kProbeIntervalMs = 50;

// Debian installs nginx in /usr/sbin, which is not on every user's PATH.
QString nginxBinary() {
    const QString found = QStandardPaths::findExecutable(QStringLiteral("nginx"));
    return !found.isEmpty() ? found
                            : QStandardPaths::findExecutable(QStringLiteral("nginx"),
                                                             {QStringLiteral("/usr/sbin")});
}

bool accepts(quint16 port) {
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    return socket.waitForConnected(kProbeIntervalMs);
}

}  // namespace

NginxServer::~NginxServer() {
    stop();
}

QString NginxServer::siteConfig(const QList<quint16>& nodePorts) const {
    QFile shipped(QStringLiteral(NATTER_SOURCE_DIR "/packaging/nginx/natter.conf"));
    if (!shipped.open(QIODevice::ReadOnly)) {
        return {};
    }
    QString site = QString::fromUtf8(shipped.readAll());
    // The shipped example's node lines become the test's nodes, with the same options.
    static const QRegularExpression nodeLine(
        QStringLiteral("^(\\s*)server 127\\.0\\.0\\.1:\\d+( [^;]*;)\\n"),
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch first = nodeLine.match(site);
    if (!first.hasMatch()) {
        return {};
    }
    QString nodes;
    for (quint16 port : nodePorts) {
        nodes += QStringLiteral("%1server 127.0.0.1:%2%3\n")
                     .arg(first.captured(1))
                     .arg(port)
                     .arg(first.captured(2));
    }
    site.remove(nodeLine);
    site.insert(first.capturedStart(), nodes);
    site.replace(QRegularExpression(QStringLiteral("listen \\d+;")),
                 QStringLiteral("listen 127.0.0.1:%1;").arg(port_));
    return site;
}

// The main config a distribution's nginx.conf would be, reduced to what a test needs, with every
// file in the temporary directory; it includes the shipped site config.
QString NginxServer::writeConfigs(const QList<quint16>& nodePorts) {
    const QString site = siteConfig(nodePorts);
    if (site.isEmpty()) {
        return QStringLiteral("cannot read or adapt packaging/nginx/natter.conf");
    }
    const QString main =
        QStringLiteral(
            "daemon off;\n"
            "worker_processes 1;\n"
            "pid %1/nginx.pid;\n"
            "error_log %1/error.log info;\n"
            "%2"
            "events { worker_connections 256; }\n"
            "http {\n"
            "  access_log off;\n"
            "  client_body_temp_path %1/body;\n"
            "  proxy_temp_path %1/proxy;\n"
            "  fastcgi_temp_path %1/fastcgi;\n"
            "  uwsgi_temp_path %1/uwsgi;\n"
            "  scgi_temp_path %1/scgi;\n"
            "  include %1/natter.conf;\n"
            "}\n")
            .arg(dir_.path(),
                 // As root, the workers run as an unprivileged user, as a packaged nginx does.
                 geteuid() == 0 ? QStringLiteral("user nobody nogroup;\n") : QString());
    for (const auto& [name, text] : {std::pair{QStringLiteral("natter.conf"), site},
                                     std::pair{QStringLiteral("nginx.conf"), main}}) {
        QFile file(dir_.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0) {
            return QStringLiteral("cannot write ") + file.fileName();
        }
    }
    return {};
}

QString NginxServer::start(const QList<quint16>& nodePorts) {
    const QString binary = nginxBinary();
    if (binary.isEmpty()) {
        return QStringLiteral("nginx is not installed (install the nginx package)");
    }
    if (!dir_.isValid()) {
        return QStringLiteral("cannot create a temporary directory: ") + dir_.errorString();
    }
    if ((port_ = freeLoopbackPort()) == 0) {
        return QStringLiteral("no free port on 127.0.0.1");
    }
    if (const QString problem = writeConfigs(nodePorts); !problem.isEmpty()) {
        return problem;
    }
    process_ = std::make_unique<QProcess>();
    process_->setProcessChannelMode(QProcess::MergedChannels);
    // -e: nginx opens its error log before reading the config; the default one may not be ours.
    process_->start(binary, {QStringLiteral("-p"), dir_.path(), QStringLiteral("-e"),
                             dir_.filePath(QStringLiteral("error.log")), QStringLiteral("-c"),
                             dir_.filePath(QStringLiteral("nginx.conf"))});
    const QDeadlineTimer deadline(kStartTimeoutMs);
    while (!deadline.hasExpired()) {
        if (process_->state() == QProcess::NotRunning) {
            return QStringLiteral("nginx exited: ") + QString::fromLocal8Bit(process_->readAll()) +
                   errorLog();
        }
        if (accepts(port_)) {
            return {};
        }
        process_->waitForFinished(kProbeIntervalMs);  // sleeps unless it exits
    }
    stop();
    return QStringLiteral("nginx did not listen on port %1 within %2 ms: %3")
        .arg(port_)
        .arg(kStartTimeoutMs)
        .arg(errorLog());
}

void NginxServer::stop() {
    if (!process_ || process_->state() == QProcess::NotRunning) {
        return;
    }
    process_->terminate();  // SIGTERM: nginx's fast shutdown
    if (!process_->waitForFinished(kStopTimeoutMs)) {
        process_->kill();
        process_->waitForFinished(kStopTimeoutMs);
    }
}

QUrl NginxServer::url() const {
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port_));
}

QString NginxServer::errorLog() const {
    QFile file(dir_.filePath(QStringLiteral("error.log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

}  // namespace natter::test
