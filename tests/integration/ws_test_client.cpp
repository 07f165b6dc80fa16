#include "ws_test_client.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTimer>
#include <QWebSocketHandshakeOptions>

namespace natter::test {
namespace {

const QString kSubprotocol = QStringLiteral("natter.v1");

QString toCompactJson(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Sanitized builds run the server several times slower; their ctest sets this factor (see
// tests/natter_add_test.cmake) so that waits for answers stretch with it. Waits that expect
// nothing only get longer, so no check changes meaning.
int timeFactor() {
    static const int factor = qMax(1, qEnvironmentVariableIntValue("NATTER_TEST_TIME_FACTOR"));
    return factor;
}

}  // namespace

WsTestClient::WsTestClient(QObject* parent) : WsTestClient(Options{}, parent) {}

WsTestClient::WsTestClient(const Options& options, QObject* parent)
    : QObject(parent), socket_(options.origin), options_(options) {
    connect(&socket_, &QWebSocket::textMessageReceived, this, &WsTestClient::onTextMessage);
    connect(&socket_, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray& bytes) {
        binary_.append(bytes);
        emit changed();
    });
    connect(&socket_, &QWebSocket::disconnected, this, &WsTestClient::onDisconnected);
    // Qt emits aboutToClose when a close frame arrives from the peer (and when we close);
    // a dropped TCP connection without a close frame does not emit it.
    connect(&socket_, &QWebSocket::aboutToClose, this, [this] { aboutToCloseSeen_ = true; });
}

bool WsTestClient::waitUntil(const std::function<bool()>& done, int timeoutMs) {
    if (done()) {
        return true;
    }
    QEventLoop loop;
    const auto check = [&] {
        if (done()) {
            loop.quit();
        }
    };
    connect(this, &WsTestClient::changed, &loop, check);
    QTimer::singleShot(timeoutMs * timeFactor(), &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

bool WsTestClient::connectTo(const QUrl& url, int timeoutMs) {
    QWebSocketHandshakeOptions handshake;
    if (options_.offerSubprotocol) {
        handshake.setSubprotocols({kSubprotocol});
    }
    bool failed = false;
    const auto errorConnection =
        connect(&socket_, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
                [this, &failed] {
                    failed = true;
                    emit changed();
                });
    const auto connectedConnection =
        connect(&socket_, &QWebSocket::connected, this, &WsTestClient::changed);
    socket_.open(QNetworkRequest(url), handshake);
    waitUntil(
        [&] {
            return failed || disconnected_ || socket_.state() == QAbstractSocket::ConnectedState;
        },
        timeoutMs);
    disconnect(errorConnection);
    disconnect(connectedConnection);
    return !failed && !disconnected_ && socket_.state() == QAbstractSocket::ConnectedState;
}

bool WsTestClient::isConnected() const {
    return socket_.state() == QAbstractSocket::ConnectedState && !disconnected_;
}

QJsonObject WsTestClient::call(const QString& method, const QJsonObject& params, int timeoutMs) {
    const QJsonValue id = QStringLiteral("t%1").arg(nextId_++);
    sendRequest(id, method, params);
    return waitForResponse(id, timeoutMs);
}

void WsTestClient::sendRequest(const QJsonValue& id, const QString& method,
                               const QJsonObject& params) {
    sendText(toCompactJson({{QStringLiteral("id"), id},
                            {QStringLiteral("method"), method},
                            {QStringLiteral("params"), params}}));
}

void WsTestClient::sendText(const QString& text) {
    socket_.sendTextMessage(text);
}

void WsTestClient::sendBinary(const QByteArray& data) {
    socket_.sendBinaryMessage(data);
}

qsizetype WsTestClient::findUntakenResponse(const QJsonValue& id) const {
    for (qsizetype i = 0; i < received_.size(); ++i) {
        const QJsonObject& message = received_.at(i);
        if (!taken_.at(i) && !message.contains(QStringLiteral("event")) &&
            message.contains(QStringLiteral("id")) && message.value(QStringLiteral("id")) == id) {
            return i;
        }
    }
    return -1;
}

QJsonObject WsTestClient::waitForResponse(const QJsonValue& id, int timeoutMs) {
    if (!waitUntil([&] { return findUntakenResponse(id) >= 0; }, timeoutMs)) {
        return {};
    }
    const qsizetype found = findUntakenResponse(id);
    taken_[found] = true;
    return received_.at(found);
}

int WsTestClient::responseCount(const QJsonValue& id) const {
    int count = 0;
    for (const QJsonObject& message : received_) {
        if (!message.contains(QStringLiteral("event")) && message.contains(QStringLiteral("id")) &&
            message.value(QStringLiteral("id")) == id) {
            ++count;
        }
    }
    return count;
}

bool WsTestClient::waitForDisconnected(int timeoutMs) {
    return waitUntil([this] { return disconnected_; }, timeoutMs);
}

int WsTestClient::closeCode() const {
    return closeFrameReceived_ ? closeCode_ : -1;
}

void WsTestClient::close() {
    closingFromHere_ = true;
    socket_.close();
}

bool WsTestClient::waitForBinary(qsizetype count, int timeoutMs) {
    return waitUntil([this, count] { return binary_.size() >= count; }, timeoutMs);
}

QJsonObject WsTestClient::waitForEvent(const QString& name, qsizetype skip, int timeoutMs) {
    QJsonObject found;
    waitUntil(
        [&] {
            qsizetype seen = 0;
            for (const QJsonObject& message : received_) {
                if (message.value(QStringLiteral("event")).toString() == name && seen++ == skip) {
                    found = message;
                    return true;
                }
            }
            return false;
        },
        timeoutMs);
    return found;
}

QList<QJsonObject> WsTestClient::events() const {
    QList<QJsonObject> result;
    for (const QJsonObject& message : received_) {
        if (message.contains(QStringLiteral("event"))) {
            result.append(message);
        }
    }
    return result;
}

void WsTestClient::onTextMessage(const QString& text) {
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8());
    if (!document.isObject()) {
        undecodable_.append(text);
        emit changed();
        return;
    }
    received_.append(document.object());
    taken_.append(false);
    emit changed();
}

void WsTestClient::onDisconnected() {
    disconnected_ = true;
    closeFrameReceived_ = aboutToCloseSeen_ && !closingFromHere_;
    closeCode_ = int(socket_.closeCode());
    closeReason_ = socket_.closeReason();
    emit changed();
}

}  // namespace natter::test
