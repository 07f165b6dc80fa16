// A raw HTTP/1.1 client for the admin listener's tests: sends bytes exactly as given, reads the
// answer until the server closes, and parses Prometheus text samples.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace natter::test {

struct HttpAnswer {
    int status = -1;  // -1: no status line came
    QByteArray head;  // status line and headers
    QByteArray body;
    bool closedByServer = false;  // the server closed the connection after answering
};

// Sends `request` to 127.0.0.1:port and waits up to timeoutMs for the server to close.
HttpAnswer rawHttp(quint16 port, const QByteArray& request, int timeoutMs = 5'000);
// GET path with a Host header.
HttpAnswer httpGet(quint16 port, const QByteArray& path);

// Samples of a Prometheus text body by series ("name" or "name{label=\"v\"}"); NaN-free.
using Samples = QHash<QString, double>;
Samples parseSamples(const QByteArray& body);
// Every metric family in body that lacks its # HELP or # TYPE line; empty when all have both.
QStringList familiesWithoutHelpOrType(const QByteArray& body);

}  // namespace natter::test
