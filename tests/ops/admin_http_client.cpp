#include "admin_http_client.h"

#include <QDeadlineTimer>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <QTcpSocket>

namespace natter::test {

HttpAnswer rawHttp(quint16 port, const QByteArray& request, int timeoutMs) {
    HttpAnswer answer;
    QTcpSocket socket;
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(timeoutMs)) {
        return answer;
    }
    socket.write(request);
    QByteArray received;
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(int(qMin<qint64>(deadline.remainingTime(), 100)));
        received += socket.readAll();
    }
    received += socket.readAll();
    answer.closedByServer = socket.state() != QAbstractSocket::ConnectedState;
    const qsizetype end = received.indexOf("\r\n\r\n");
    answer.head = end < 0 ? received : received.left(end);
    answer.body = end < 0 ? QByteArray() : received.mid(end + 4);
    static const QRegularExpression statusLine(QStringLiteral("^HTTP/1\\.1 (\\d{3}) "));
    const auto match = statusLine.match(QString::fromLatin1(answer.head));
    answer.status = match.hasMatch() ? match.captured(1).toInt() : -1;
    return answer;
}

HttpAnswer httpGet(quint16 port, const QByteArray& path) {
    return rawHttp(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
}

Samples parseSamples(const QByteArray& body) {
    Samples samples;
    for (const QByteArray& line : body.split('\n')) {
        if (line.isEmpty() || line.startsWith('#')) {
            continue;
        }
        const qsizetype space = line.lastIndexOf(' ');
        bool ok = false;
        const double value = line.mid(space + 1).toDouble(&ok);
        if (space > 0 && ok) {
            samples.insert(QString::fromUtf8(line.left(space)), value);
        }
    }
    return samples;
}

QStringList familiesWithoutHelpOrType(const QByteArray& body) {
    QSet<QString> helped;
    QSet<QString> typed;
    QSet<QString> families;
    static const QRegularExpression suffix(QStringLiteral("(_bucket|_sum|_count)$"));
    for (const QByteArray& raw : body.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        const QStringList words = line.split(u' ');
        if (line.startsWith(QStringLiteral("# HELP ")) && words.size() > 2) {
            helped.insert(words[2]);
        } else if (line.startsWith(QStringLiteral("# TYPE ")) && words.size() > 2) {
            typed.insert(words[2]);
        } else if (!line.isEmpty() && !line.startsWith(u'#')) {
            QString name = line.section(u'{', 0, 0).section(u' ', 0, 0);
            if (!typed.contains(name)) {
                name.remove(suffix);  // a histogram's series belong to its family
            }
            families.insert(name);
        }
    }
    QStringList missing;
    for (const QString& family : std::as_const(families)) {
        if (!helped.contains(family) || !typed.contains(family)) {
            missing.append(family);
        }
    }
    return missing;
}

}  // namespace natter::test
