#include "server_process.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QtTest>

namespace natter::test {

ServerProcess::ServerProcess(QStringList extraArgs) : extraArgs_(std::move(extraArgs)) {}

ServerProcess::~ServerProcess() {
    if (isRunning()) {
        stop();
    }
}

// NATTER_TEST_SERVER_BINARY runs the suite against another build of the server, e.g. one built
// with sanitizers (tests/sanitize/run_sanitized.sh address-server).
QString ServerProcess::binaryPath() {
    return qEnvironmentVariable("NATTER_TEST_SERVER_BINARY", QStringLiteral(NATTER_SERVER_BINARY));
}

CommandResult runProgram(const QString& program, const QStringList& arguments, int timeoutMs,
                         const QProcessEnvironment& environment) {
    QProcess command;
    command.setProcessChannelMode(QProcess::MergedChannels);
    if (!environment.isEmpty()) {
        command.setProcessEnvironment(environment);
    }
    command.start(program, arguments);
    CommandResult result;
    if (!command.waitForStarted(timeoutMs) && command.error() == QProcess::FailedToStart) {
        result.output =
            QStringLiteral("could not start ") + program + QStringLiteral(" (is it installed?)\n");
        return result;
    }
    if (!command.waitForFinished(timeoutMs)) {
        command.kill();
        command.waitForFinished();
        result.output =
            QStringLiteral("did not finish: ") + program + u' ' + arguments.join(u' ') + u'\n';
    } else if (command.exitStatus() == QProcess::NormalExit) {
        result.exitCode = command.exitCode();
    }
    result.output += QString::fromLocal8Bit(command.readAll());
    return result;
}

CommandResult ServerProcess::runCommand(const QStringList& arguments) const {
    return runProgram(binaryPath(),
                      QStringList{QStringLiteral("--data-dir"), dataDir()} + arguments);
}

bool ServerProcess::start(int timeoutMs) {
    const QString binary = binaryPath();
    if (binary.isEmpty() || !dataDir_.isValid()) {
        return false;
    }
    process_ = std::make_unique<QProcess>();
    process_->setProgram(binary);
    process_->setStandardErrorFile(dataDir_.filePath(QStringLiteral("server.log")),
                                   QIODevice::Append);
    QStringList args{QStringLiteral("--listen"),    QStringLiteral("127.0.0.1"),
                     QStringLiteral("--port"),      QStringLiteral("0"),
                     QStringLiteral("--data-dir"),  dataDir_.path(),
                     QStringLiteral("--log-level"), QStringLiteral("debug")};
    // Limits most suites must not hit (see the header); each is kept when a test names its flag.
    static const QList<QStringList> kLiftedLimits{
        {QStringLiteral("--message-rate"), QStringLiteral("10000"),
         QStringLiteral("--message-burst"), QStringLiteral("10000")},
        {QStringLiteral("--register-rate"), QStringLiteral("1000000"),
         QStringLiteral("--register-burst"), QStringLiteral("10000")},
        {QStringLiteral("--max-connections-per-address"), QStringLiteral("100000")}};
    for (const QStringList& lifted : kLiftedLimits) {
        if (!extraArgs_.contains(lifted.first())) {
            args << lifted;
        }
    }
    process_->setArguments(args + extraArgs_);
    process_->start();
    if (!process_->waitForStarted(timeoutMs)) {
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("listening on (wss?)://[^:]+:(\\d+)"));
    QDeadlineTimer deadline(timeoutMs);
    stdoutSeen_.clear();
    while (!deadline.hasExpired() && process_->state() == QProcess::Running) {
        process_->waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 200)));
        stdoutSeen_ += QString::fromUtf8(process_->readAllStandardOutput());
        const auto match = listening.match(stdoutSeen_);
        if (match.hasMatch()) {
            scheme_ = match.captured(1);
            port_ = quint16(match.captured(2).toUInt());
            // Printed before the main "listening on" line, when the admin listener is on.
            static const QRegularExpression admin(
                QStringLiteral("admin listening on http://\\S+:(\\d+)"));
            const auto adminMatch = admin.match(stdoutSeen_);
            adminPort_ = adminMatch.hasMatch() ? quint16(adminMatch.captured(1).toUInt()) : 0;
            return true;
        }
    }
    qWarning().noquote() << "natter-server did not start:" << stdoutSeen_ << log();
    return false;
}

int ServerProcess::stop(int timeoutMs) {
    if (!process_) {
        return -1;
    }
    process_->terminate();
    if (!process_->waitForFinished(timeoutMs)) {
        process_->kill();
        process_->waitForFinished();
        return -1;
    }
    return process_->exitStatus() == QProcess::NormalExit ? process_->exitCode() : -1;
}

void ServerProcess::kill() {
    if (process_) {
        process_->kill();
        process_->waitForFinished();
    }
}

bool ServerProcess::isRunning() const {
    return process_ && process_->state() == QProcess::Running;
}

QUrl ServerProcess::url() const {
    return QUrl(QStringLiteral("%1://127.0.0.1:%2/").arg(scheme_).arg(port_));
}

QString ServerProcess::log() const {
    QFile file(dataDir_.filePath(QStringLiteral("server.log")));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

}  // namespace natter::test
