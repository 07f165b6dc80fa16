// Starts the real natter-server binary on 127.0.0.1 with port 0 (the kernel picks a free one) and a
// temporary data dir, and stops it. The port is read from the server's "listening on" line.
#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace natter::test {

// What a one-shot command of the binary (--backup-to, admin …) did.
struct CommandResult {
    int exitCode = -1;  // -1: it could not start, crashed or did not finish in time
    QString output;     // stdout and stderr together
};

// Runs `program` and waits up to timeoutMs (then kills it). `environment` empty: this process's.
CommandResult runProgram(const QString& program, const QStringList& arguments,
                         int timeoutMs = 30'000,
                         const QProcessEnvironment& environment = QProcessEnvironment());

class ServerProcess {
public:
    // extraArgs are appended to the command line (e.g. {"--session-idle-timeout", "1"}).
    // Unless extraArgs name --message-rate themselves, the per-user message rate (1/s with a burst
    // of 5 by default) is lifted: most suites send bursts to test other things. tests/safety
    // checks the default limit. Likewise the registrations per address (--register-rate): suites
    // register many accounts from 127.0.0.1; tst_protocol_rate_limits checks that limit. So is the
    // cap on connections per address (256 by default; every test connects from 127.0.0.1) unless
    // extraArgs name --max-connections-per-address.
    explicit ServerProcess(QStringList extraArgs = {});
    ~ServerProcess();
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    // Starts the server and waits (up to timeoutMs) until it listens. Keeps the data dir across
    // restarts, so a restarted server sees the same database.
    bool start(int timeoutMs = 15'000);
    // The natter-server binary the tests run (e.g. for its one-shot commands).
    static QString binaryPath();
    // Runs the binary with --data-dir of this server and `arguments` (a one-shot command) and
    // waits for it.
    CommandResult runCommand(const QStringList& arguments) const;
    // Sends SIGTERM and waits for a clean exit; returns the exit code (or -1 on timeout/crash).
    int stop(int timeoutMs = 15'000);
    // SIGKILL, no cleanup (for durability tests).
    void kill();
    bool isRunning() const;

    QUrl url() const;  // ws://127.0.0.1:<port>/ (wss:// when the server serves TLS)
    quint16 port() const { return port_; }
    // The admin listener's port (extraArgs with --admin-listen ...:0), or 0 when it printed none.
    quint16 adminPort() const { return adminPort_; }
    // The server's process id (0 when not running), e.g. to pause it with SIGSTOP.
    qint64 pid() const { return process_ ? process_->processId() : 0; }
    QString dataDir() const { return dataDir_.path(); }
    // Everything the server wrote to stderr so far (its structured log, kept in a file so a
    // chatty server never blocks on a full pipe).
    QString log() const;

private:
    QStringList extraArgs_;
    QTemporaryDir dataDir_;
    std::unique_ptr<QProcess> process_;
    quint16 port_ = 0;
    quint16 adminPort_ = 0;
    QString scheme_ = QStringLiteral("ws");
    QString stdoutSeen_;
};

}  // namespace natter::test
