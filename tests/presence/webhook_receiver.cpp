#include "webhook_receiver.h"

#include <QTcpSocket>

namespace natter::test {

WebhookReceiver::WebhookReceiver(QObject* parent) : QObject(parent) {
    connect(&server_, &QTcpServer::newConnection, this, &WebhookReceiver::onConnection);
}

bool WebhookReceiver::listen() {
    return server_.listen(QHostAddress::LocalHost, 0);
}

QUrl WebhookReceiver::url(const QString& path) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server_.serverPort()).arg(path));
}

void WebhookReceiver::onConnection() {
    while (QTcpSocket* socket = server_.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            WebhookPost post;
            if (takeRequest(*buffer, post)) {
                post.refused = failuresLeft_ > 0;
                posts_.append(post);
                if (post.refused) {
                    --failuresLeft_;
                    socket->write("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n");
                } else {
                    socket->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
                }
                socket->disconnectFromHost();
            }
        });
    }
}

bool WebhookReceiver::takeRequest(QByteArray& buffer, WebhookPost& post) {
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        return false;
    }
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.value(0) != "POST") {
        return false;
    }
    post.path = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0) {
            post.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                lines.at(i).mid(colon + 1).trimmed());
        }
    }
    const qsizetype length = post.headers.value("content-length").toLongLong();
    if (buffer.size() < headerEnd + 4 + length) {
        return false;
    }
    post.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    return true;
}

}  // namespace natter::test
