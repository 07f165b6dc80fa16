#include "redis_endpoint.h"

#include <QFile>
#include <QUrl>

namespace natter {

QString RedisEndpoint::display() const {
    const QString shownHost = host.contains(u':') ? u'[' + host + u']' : host;
    return QStringLiteral("redis://%1:%2").arg(shownHost).arg(port);
}

std::variant<RedisEndpoint, QString> parseRedisEndpoint(const QString& url,
                                                        const QString& passwordFile) {
    const QUrl parsed(url, QUrl::StrictMode);
    // Errors never repeat the URL: it may hold the password.
    if (!parsed.isValid() || parsed.scheme() != u"redis" || parsed.host().isEmpty()) {
        return QStringLiteral("invalid redis URL (expected redis://host:port)");
    }
    if (!parsed.path().isEmpty() && parsed.path() != u"/" && parsed.path() != u"/0") {
        return QStringLiteral("invalid redis URL: only database 0 is supported");
    }
    RedisEndpoint endpoint;
    endpoint.host = parsed.host();
    const int port = parsed.port(RedisEndpoint::kDefaultPort);
    if (port < 1 || port > 65535) {
        return QStringLiteral("invalid redis URL: bad port");
    }
    endpoint.port = quint16(port);
    endpoint.user = parsed.userName(QUrl::FullyDecoded).toUtf8();
    endpoint.password = parsed.password(QUrl::FullyDecoded).toUtf8();
    if (!passwordFile.isEmpty()) {
        QFile file(passwordFile);
        if (!file.open(QIODevice::ReadOnly)) {
            return QStringLiteral("cannot read redis-password-file ") + passwordFile;
        }
        endpoint.password = file.readLine().trimmed();
    }
    return endpoint;
}

}  // namespace natter
