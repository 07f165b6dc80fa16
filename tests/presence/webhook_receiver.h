// A minimal HTTP/1.1 server on 127.0.0.1 (free port) that records every POST it receives and
// answers 204 (or 503 while told to fail): the real receiving end of the server's
// offline-notification webhook.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QUrl>

namespace natter::test {

struct WebhookPost {
    QByteArray path;
    QHash<QByteArray, QByteArray> headers;  // names lower-cased
    QByteArray body;
    bool refused = false;  // answered 503 (failNext)
};

class WebhookReceiver : public QObject {
    Q_OBJECT
public:
    explicit WebhookReceiver(QObject* parent = nullptr);

    bool listen();
    QUrl url(const QString& path) const;
    const QList<WebhookPost>& posts() const { return posts_; }
    // Answers the next `count` posts with 503 Service Unavailable, as a gateway that is down.
    void failNext(int count) { failuresLeft_ = count; }

private:
    void onConnection();
    // Parses one complete request out of `buffer`; false while more bytes are needed.
    bool takeRequest(QByteArray& buffer, WebhookPost& post);

    QTcpServer server_;
    QList<WebhookPost> posts_;
    int failuresLeft_ = 0;
};

}  // namespace natter::test
