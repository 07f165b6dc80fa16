// One WebSocket connection of the load generator speaking natter.v1 (docs/protocol.md). Many of
// them share one thread's event loop. Responses go to the callback given with the request;
// `message.new` events are read with a cheap scan (no JSON parse) so that counting deliveries
// costs the generator little; other events are ignored.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QUrl>
#include <functional>

class QWebSocket;

namespace natter::load {

// The parts of a `message.new` the generator needs.
struct DeliveredMessage {
    QStringView conversationId;
    qint64 seq = 0;
    QStringView body;
};

// The server's addresses: one, or one per node of a cluster (docs/scaling.md); connection i of a
// population uses at(i), so the connections spread evenly over the nodes.
struct ServerUrls {
    QList<QUrl> urls;
    const QUrl& at(size_t i) const { return urls[qsizetype(i % size_t(urls.size()))]; }
};

// The clock every send and receive time is taken from (one process, so end-to-end latency is
// receive time minus the send time the body carries).
qint64 nowNs();

class LoadClient : public QObject {
    Q_OBJECT
public:
    using ResponseHandler = std::function<void(const QJsonObject& response)>;
    using MessageHandler = std::function<void(const DeliveredMessage& message)>;

    explicit LoadClient(QObject* parent = nullptr);
    ~LoadClient() override;

    void open(const QUrl& url);
    bool isOpen() const;
    bool isClosed() const;  // closed or never opened (not connecting)
    void close();
    int inFlight() const { return int(pending_.size()); }

    // Sends a request; `done` gets the whole response object (result or error).
    void request(const QString& method, const QJsonObject& params, ResponseHandler done);
    void setMessageHandler(MessageHandler handler) { onMessage_ = std::move(handler); }

    // Who this connection is, once signed in.
    QString username;
    QString userId;
    QString token;

signals:
    void opened();
    void closed();

private:
    void onText(const QString& text);
    bool scanMessageNew(const QString& text);

    QWebSocket* socket_;
    qint64 nextId_ = 1;
    QHash<qint64, ResponseHandler> pending_;
    MessageHandler onMessage_;
};

// The result of a response, or an empty object when it is an error.
QJsonObject resultOf(const QJsonObject& response);
QString errorCodeOf(const QJsonObject& response);

}  // namespace natter::load
