// A private nginx for tests (tests/cluster): runs packaging/nginx/natter.conf, the config operators
// install, with its upstream nodes and its listen port replaced by the test's, from a temporary
// directory on 127.0.0.1. Fails with the reason (never skips) when nginx cannot start.
#pragma once

#include <QList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>
#include <memory>

namespace natter::test {

class NginxServer {
public:
    NginxServer() = default;
    ~NginxServer();
    NginxServer(const NginxServer&) = delete;
    NginxServer& operator=(const NginxServer&) = delete;

    // Starts nginx in front of the nodes listening on `nodePorts` (127.0.0.1); empty on success,
    // else why not.
    QString start(const QList<quint16>& nodePorts);
    void stop();

    QUrl url() const;  // ws://127.0.0.1:<port>/
    QString errorLog() const;

private:
    // The shipped config with the test's nodes and port; empty when it cannot be read.
    QString siteConfig(const QList<quint16>& nodePorts) const;
    QString writeConfigs(const QList<quint16>& nodePorts);

    QTemporaryDir dir_;
    std::unique_ptr<QProcess> process_;
    quint16 port_ = 0;
};

}  // namespace natter::test
