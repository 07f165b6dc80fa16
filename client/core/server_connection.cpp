#include "core/server_connection.h"

#include <QTimer>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include "close_codes.h"
#include "core/logging.h"
#include "protocol_limits.h"

namespace natter {
namespace {

using close_code::kNoCloseFrame;

RequestFailure failureOf(FailureKind kind, const QString& detail) {
    RequestFailure failure;
    failure.kind = kind;
    failure.detail = detail;
    return failure;
}

}  // namespace

ServerConnection::ServerConnection(QObject* parent) : QObject(parent) {
    connect(&liveness_, &LivenessMonitor::pingDue, this, [this] {
        if (socket_ != nullptr) {
            socket_->ping();
        }
    });
    connect(&liveness_, &LivenessMonitor::connectionDead, this,
            &ServerConnection::onConnectionDead);
    connect(&liveness_, &LivenessMonitor::systemResumed, this, &ServerConnection::systemResumed);
}

ServerConnection::~ServerConnection() {
    // Handlers may touch objects that are being destroyed too; do not call them from here.
    pending_.clear();
    if (socket_ != nullptr) {
        disconnect(socket_, nullptr, this, nullptr);
        socket_->abort();
    }
}

void ServerConnection::open(const QUrl& url) {
    discardSocket();
    failAllPending(failureOf(FailureKind::ConnectionClosed, QStringLiteral("reconnecting")));
    url_ = url;
    handshakeDone_ = false;
    declaredDead_ = false;
    socket_ = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connectSocketSignals();
    QWebSocketHandshakeOptions options;
    options.setSubprotocols({QString::fromLatin1(kSubprotocol)});
    setState(State::Connecting);
    qCInfo(lcNatterNet) << "connecting to" << url.toDisplayString();
    socket_->open(url, options);
}

void ServerConnection::close() {
    if (socket_ != nullptr && state_ != State::Disconnected) {
        socket_->close(QWebSocketProtocol::CloseCodeNormal);
    }
}

void ServerConnection::send(QLatin1StringView method, const QJsonObject& params,
                            const QObject* context, ResponseHandler handler) {
    const qint64 id = nextRequestId_++;
    if (state_ == State::Disconnected) {
        QTimer::singleShot(0, context, [handler = std::move(handler)] {
            handler({std::nullopt,
                     failureOf(FailureKind::ConnectionClosed, QStringLiteral("not connected"))});
        });
        return;
    }
    auto timer = std::make_unique<QTimer>();
    timer->setSingleShot(true);
    connect(timer.get(), &QTimer::timeout, this, [this, id] {
        finishRequest(id, {std::nullopt,
                           failureOf(FailureKind::Timeout, QStringLiteral("no response in time"))});
    });
    timer->start(requestTimeoutMs_);
    pending_.emplace(id, PendingRequest{context, std::move(handler), std::move(timer)});
    const QString text = encodeRequest(id, method, params);
    qCDebug(lcNatterNet) << "request" << id << method;
    if (state_ == State::Connected) {
        socket_->sendTextMessage(text);
    } else {
        outbox_.push_back(text);
    }
}

bool ServerConnection::sendBinary(const QByteArray& message) {
    if (state_ != State::Connected) {
        return false;
    }
    socket_->sendBinaryMessage(message);
    return true;
}

void ServerConnection::connectSocketSignals() {
    connect(socket_, &QWebSocket::connected, this, &ServerConnection::onSocketConnected);
    connect(socket_, &QWebSocket::disconnected, this, &ServerConnection::onSocketGone);
    connect(socket_, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState) {
            onSocketGone();
        }
    });
    connect(socket_, &QWebSocket::textMessageReceived, this, &ServerConnection::onTextMessage);
    connect(socket_, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray& message) {
        liveness_.noteTraffic();
        emit binaryReceived(message);
    });
    connect(socket_, &QWebSocket::pong, &liveness_, &LivenessMonitor::noteTraffic);
    connect(socket_, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this,
            [this](QAbstractSocket::SocketError) {
                qCInfo(lcNatterNet) << "socket error:" << socket_->errorString();
            });
}

void ServerConnection::onSocketConnected() {
    if (socket_->subprotocol() != QLatin1StringView(kSubprotocol)) {
        qCWarning(lcNatterNet) << "server did not select" << kSubprotocol;
        socket_->close(QWebSocketProtocol::CloseCodeProtocolError);
        return;
    }
    handshakeDone_ = true;
    setState(State::Connected);
    liveness_.start();
    for (const QString& text : outbox_) {
        socket_->sendTextMessage(text);
    }
    outbox_.clear();
    emit connected();
}

void ServerConnection::onSocketGone() {
    if (state_ == State::Disconnected || socket_ == nullptr) {
        return;  // both disconnected() and stateChanged() report the same end
    }
    const bool hadCloseFrame =
        handshakeDone_ && !declaredDead_ && socket_->closeCode() != kNoCloseFrame;
    const int code = hadCloseFrame ? int(socket_->closeCode()) : kNoCloseFrame;
    const QString reason = hadCloseFrame   ? socket_->closeReason()
                           : declaredDead_ ? QStringLiteral("no answer from the server")
                                           : socket_->errorString();
    qCInfo(lcNatterNet) << "connection closed with" << code << reason;
    const FailureKind kind =
        handshakeDone_ ? FailureKind::ConnectionClosed : FailureKind::ConnectionFailed;
    outbox_.clear();
    liveness_.stop();
    setState(State::Disconnected);
    failAllPending(failureOf(kind, reason));
    emit closed(code, reason);
}

void ServerConnection::onTextMessage(const QString& text) {
    liveness_.noteTraffic();
    const auto message = decodeServerMessage(text);
    if (const auto* response = std::get_if<Response>(&message)) {
        onResponse(*response);
    } else if (const auto* event = std::get_if<Event>(&message)) {
        emit eventReceived(event->name, event->data);
    } else {
        qCWarning(lcNatterNet) << "ignoring undecodable message:"
                               << std::get<UndecodableMessage>(message).reason;
    }
}

void ServerConnection::onResponse(const Response& response) {
    if (!response.id.isDouble()) {
        // id null: the server could not read one of our frames; nothing to match it to.
        qCWarning(lcNatterNet) << "response without a usable id:"
                               << errorCodeName(response.error.code);
        return;
    }
    RequestOutcome outcome;
    outcome.result = response.result;
    if (!response.result) {
        outcome.failure.error = response.error;
    }
    finishRequest(response.id.toInteger(), outcome);
}

void ServerConnection::finishRequest(qint64 id, const RequestOutcome& outcome) {
    const auto found = pending_.find(id);
    if (found == pending_.end()) {
        qCDebug(lcNatterNet) << "late or unknown response" << id;
        return;
    }
    PendingRequest request = std::move(found->second);
    pending_.erase(found);
    qCDebug(lcNatterNet) << "response" << id << (outcome.ok() ? "ok" : "failed");
    if (request.context) {
        request.handler(outcome);
    }
}

void ServerConnection::failAllPending(const RequestFailure& failure) {
    std::vector<qint64> ids;
    ids.reserve(pending_.size());
    for (const auto& entry : pending_) {
        ids.push_back(entry.first);
    }
    for (const qint64 id : ids) {
        finishRequest(id, {std::nullopt, failure});
    }
}

void ServerConnection::onConnectionDead() {
    if (socket_ != nullptr && state_ != State::Disconnected) {
        // abort() ends in onSocketGone(): 1006, pending requests fail, the owner reconnects.
        declaredDead_ = true;
        socket_->abort();
    }
}

void ServerConnection::discardSocket() {
    liveness_.stop();
    if (socket_ == nullptr) {
        return;
    }
    disconnect(socket_, nullptr, this, nullptr);
    socket_->abort();
    socket_->deleteLater();
    socket_ = nullptr;
    outbox_.clear();
    setState(State::Disconnected);
}

void ServerConnection::setState(State state) {
    if (state_ != state) {
        state_ = state;
        emit stateChanged(state);
    }
}

}  // namespace natter
