// A private PostgreSQL for tests: initdb and pg_ctl in a temporary directory, listening only on
// 127.0.0.1 on a free port (its unix socket inside that directory), with trust authentication for
// the superuser "natter". When the tests run as root (CI does), initdb and pg_ctl run as the
// unprivileged "postgres" user (created by Debian's postgresql package): PostgreSQL refuses root.
// Stopped (pg_ctl stop -m fast) and removed when the object goes.
#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace natter::test {

class PostgresServer {
public:
    PostgresServer() = default;
    ~PostgresServer();
    PostgresServer(const PostgresServer&) = delete;
    PostgresServer& operator=(const PostgresServer&) = delete;

    // Creates the cluster and starts it; empty on success, else the reason (for QVERIFY2).
    QString start();
    void stop();
    bool isRunning() const { return running_; }

    // postgres://natter@127.0.0.1:<port>/<database> (no password: trust on loopback).
    QString url(const QString& database = QStringLiteral("postgres")) const;
    quint16 port() const { return port_; }
    static QString superuser() { return QStringLiteral("natter"); }

private:
    // Runs one of PostgreSQL's programs (as the postgres user when we are root); empty on
    // success, else the reason with the program's output.
    QString run(const QString& program, const QStringList& arguments, int timeoutMs);
    QString prepareDirectory();

    QString binDir_;
    QTemporaryDir dir_;
    quint16 port_ = 0;
    bool running_ = false;
};

}  // namespace natter::test
