#include "postgres_server.h"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <QCollator>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include "loopback_port.h"

namespace natter::test {
namespace {

constexpr int kInitdbTimeoutMs = 60'000;
constexpr int kPgCtlTimeoutMs = 30'000;
// The account PostgreSQL runs as when the tests run as root.
constexpr const char* kUnprivilegedUser = "postgres";

// The directory holding initdb and pg_ctl: PATH first, then Debian's versioned directories
// (the newest version wins).
QString findPostgresBinDir() {
    const QString onPath = QStandardPaths::findExecutable(QStringLiteral("initdb"));
    if (!onPath.isEmpty()) {
        return QFileInfo(onPath).absolutePath();
    }
    QDir versions(QStringLiteral("/usr/lib/postgresql"));
    QStringList names = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCollator numeric;
    numeric.setNumericMode(true);
    std::sort(names.begin(), names.end(), numeric);
    for (auto it = names.crbegin(); it != names.crend(); ++it) {
        const QString bin = versions.filePath(*it + QStringLiteral("/bin"));
        if (QFileInfo(bin + QStringLiteral("/initdb")).isExecutable()) {
            return bin;
        }
    }
    return {};
}

}  // namespace

PostgresServer::~PostgresServer() {
    stop();
}

QString PostgresServer::prepareDirectory() {
    if (!dir_.isValid()) {
        return QStringLiteral("cannot create a temporary directory: ") + dir_.errorString();
    }
    if (geteuid() != 0) {
        return {};
    }
    const passwd* user = getpwnam(kUnprivilegedUser);
    if (user == nullptr) {
        return QStringLiteral(
                   "running as root, and there is no user \"%1\" to run PostgreSQL as "
                   "(install the postgresql package)")
            .arg(QLatin1StringView(kUnprivilegedUser));
    }
    if (chown(QFile::encodeName(dir_.path()).constData(), user->pw_uid, user->pw_gid) != 0) {
        return QStringLiteral("cannot hand %1 to the user %2")
            .arg(dir_.path(), QLatin1StringView(kUnprivilegedUser));
    }
    return {};
}

QString PostgresServer::start() {
    binDir_ = findPostgresBinDir();
    if (binDir_.isEmpty()) {
        return QStringLiteral(
            "PostgreSQL's initdb is neither on PATH nor in "
            "/usr/lib/postgresql/*/bin (install the postgresql package)");
    }
    if (QString problem = prepareDirectory(); !problem.isEmpty()) {
        return problem;
    }
    port_ = freeLoopbackPort();
    if (port_ == 0) {
        return QStringLiteral("no free port on 127.0.0.1");
    }
    const QString data = dir_.filePath(QStringLiteral("data"));
    // No fsync: a test cluster need not survive a power cut, and syncing costs seconds.
    QString problem =
        run(QStringLiteral("initdb"),
            {QStringLiteral("-D"), data, QStringLiteral("-U"), superuser(),
             QStringLiteral("--auth=trust"), QStringLiteral("-E"), QStringLiteral("UTF8"),
             QStringLiteral("--no-locale"), QStringLiteral("--no-sync")},
            kInitdbTimeoutMs);
    if (!problem.isEmpty()) {
        return problem;
    }
    const QString serverOptions =
        QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2 -c fsync=off")
            .arg(port_)
            .arg(dir_.path());
    problem = run(QStringLiteral("pg_ctl"),
                  {QStringLiteral("-D"), data, QStringLiteral("-l"),
                   dir_.filePath(QStringLiteral("postgres.log")), QStringLiteral("-o"),
                   serverOptions, QStringLiteral("-w"), QStringLiteral("start")},
                  kPgCtlTimeoutMs);
    if (!problem.isEmpty()) {
        QFile log(dir_.filePath(QStringLiteral("postgres.log")));
        if (log.open(QIODevice::ReadOnly)) {
            problem += QStringLiteral("\nserver log:\n") + QString::fromUtf8(log.readAll());
        }
        return problem;
    }
    running_ = true;
    return {};
}

void PostgresServer::stop() {
    if (!running_) {
        return;
    }
    running_ = false;
    run(QStringLiteral("pg_ctl"),
        {QStringLiteral("-D"), dir_.filePath(QStringLiteral("data")), QStringLiteral("-m"),
         QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("stop")},
        kPgCtlTimeoutMs);
}

QString PostgresServer::url(const QString& database) const {
    return QStringLiteral("postgres://%1@127.0.0.1:%2/%3")
        .arg(superuser())
        .arg(port_)
        .arg(database);
}

QString PostgresServer::run(const QString& program, const QStringList& arguments, int timeoutMs) {
    const QString binary = QDir(binDir_).filePath(program);
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    // The postgres user may not enter the test's working directory (e.g. /root).
    process.setWorkingDirectory(dir_.path());
    if (geteuid() == 0) {
        process.setProgram(QStringLiteral("runuser"));
        process.setArguments(QStringList{QStringLiteral("-u"), QLatin1StringView(kUnprivilegedUser),
                                         QStringLiteral("--"), binary} +
                             arguments);
    } else {
        process.setProgram(binary);
        process.setArguments(arguments);
    }
    process.start();
    const bool finished = process.waitForFinished(timeoutMs);
    if (finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0) {
        return {};
    }
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }
    return QStringLiteral("%1 %2 failed (%3): %4")
        .arg(program, arguments.join(u' '),
             finished ? QStringLiteral("exit code %1").arg(process.exitCode())
                      : process.errorString(),
             QString::fromLocal8Bit(process.readAll()));
}

}  // namespace natter::test
