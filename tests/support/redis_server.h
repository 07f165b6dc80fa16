// A private redis-server for tests: listening only on 127.0.0.1 on a free port, working in a
// temporary directory, with no persistence (--save '' --appendonly no). Fails with the reason,
// never skips, when it cannot start. Stopped when the object goes.
#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace natter::test {

class RedisServer {
public:
    RedisServer() = default;
    ~RedisServer();
    RedisServer(const RedisServer&) = delete;
    RedisServer& operator=(const RedisServer&) = delete;

    // Starts redis-server (on the same port as before when restarted) and waits until it answers;
    // empty on success, else the reason (for QVERIFY2). With a password, clients must AUTH.
    QString start(const QString& password = {});
    // SIGKILL: Redis goes away at once, as in a crash; start() brings it back empty.
    void kill();
    void stop();
    bool isRunning() const;

    // One field of INFO (e.g. "total_net_input_bytes", or "cmdstat_publish" of the commandstats
    // section, whose value is "calls=N,..."); empty when Redis does not answer or lacks it.
    QString info(const QString& section, const QString& field) const;

    // Drops every client connection whose CLIENT SETNAME name starts with `namePrefix` (CLIENT
    // KILL ID), as a network failure between that client and Redis would; returns how many.
    int killClients(const QString& namePrefix) const;
    // SCRIPT FLUSH: Redis forgets the Lua scripts it cached, as after a restart; true when done.
    bool flushScripts() const;

    QString url() const;  // redis://127.0.0.1:<port>
    quint16 port() const { return port_; }

private:
    // Sends one inline command and returns the raw answer (what arrived within timeoutMs).
    QByteArray ask(const QByteArray& command, int timeoutMs) const;
    bool answersPing(int timeoutMs) const;

    QTemporaryDir dir_;
    std::unique_ptr<QProcess> process_;
    quint16 port_ = 0;
};

}  // namespace natter::test
