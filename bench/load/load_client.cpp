#include "load_client.h"

#include <QJsonDocument>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include "protocol_limits.h"

namespace natter::load {
namespace {

const QElapsedTimer& processClock() {
    static const QElapsedTimer clock = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return clock;
}

// The string value of `"key":"…"` in text (no escapes expected: ids and the generator's bodies).
QStringView stringMember(const QString& text, QStringView key) {
    const qsizetype at = text.indexOf(key);
    if (at < 0) {
        return {};
    }
    const qsizetype start = at + key.size();
    const qsizetype end = text.indexOf(QLatin1Char('"'), start);
    return end < 0 ? QStringView() : QStringView(text).mid(start, end - start);
}

qint64 integerMember(const QString& text, QStringView key) {
    const qsizetype at = text.indexOf(key);
    if (at < 0) {
        return -1;
    }
    qint64 value = 0;
    for (qsizetype i = at + key.size(); i < text.size() && text[i].isDigit(); ++i) {
        value = value * 10 + text[i].digitValue();
    }
    return value;
}

}  // namespace

qint64 nowNs() {
    return processClock().nsecsElapsed();
}

LoadClient::LoadClient(QObject* parent)
    : QObject(parent), socket_(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this)) {
    connect(socket_, &QWebSocket::connected, this, &LoadClient::opened);
    connect(socket_, &QWebSocket::disconnected, this, &LoadClient::closed);
    // A connection refused or reset while opening ends without `disconnected`.
    connect(socket_, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this] {
        if (socket_->state() != QAbstractSocket::ConnectedState) {
            emit closed();
        }
    });
    connect(socket_, &QWebSocket::textMessageReceived, this, &LoadClient::onText);
}

LoadClient::~LoadClient() = default;

void LoadClient::open(const QUrl& url) {
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({QString::fromLatin1(kSubprotocol)});
    socket_->open(url, options);
}

bool LoadClient::isOpen() const {
    return socket_->state() == QAbstractSocket::ConnectedState;
}

bool LoadClient::isClosed() const {
    return socket_->state() == QAbstractSocket::UnconnectedState;
}

void LoadClient::close() {
    pending_.clear();
    socket_->abort();  // a dropped network, as a storm simulates: no close handshake
}

void LoadClient::request(const QString& method, const QJsonObject& params, ResponseHandler done) {
    const qint64 id = nextId_++;
    pending_.insert(id, std::move(done));
    const QJsonObject frame{{QStringLiteral("id"), id},
                            {QStringLiteral("method"), method},
                            {QStringLiteral("params"), params}};
    socket_->sendTextMessage(
        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void LoadClient::onText(const QString& text) {
    if (scanMessageNew(text)) {
        return;
    }
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QJsonValue id = message.value(QStringLiteral("id"));
    if (id.isUndefined()) {
        return;  // another event
    }
    if (ResponseHandler done = pending_.take(id.toInteger())) {
        done(message);
    }
}

// message.new is by far the most frequent frame; the scan finds what the generator counts.
bool LoadClient::scanMessageNew(const QString& text) {
    if (!text.contains(u"\"event\":\"message.new\"")) {
        return false;
    }
    if (onMessage_) {
        DeliveredMessage message;
        message.conversationId = stringMember(text, u"\"conversation_id\":\"");
        message.seq = integerMember(text, u"\"seq\":");
        message.body = stringMember(text, u"\"body\":\"");
        onMessage_(message);
    }
    return true;
}

QJsonObject resultOf(const QJsonObject& response) {
    return response.value(QStringLiteral("result")).toObject();
}

QString errorCodeOf(const QJsonObject& response) {
    return response.value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("code"))
        .toString();
}

}  // namespace natter::load
