#include "client_connection.h"

#include "api/request_dispatcher.h"
#include "close_codes.h"
#include "codec.h"
#include "connection_reply.h"
#include "network_worker.h"
#include "ports/clock.h"
#include "protocol_limits.h"
#include "util/log.h"
#include "util/metrics.h"
#include "util/rate_limits.h"
#include "websocket_stream.h"

namespace natter {
namespace {

qint64 nowMs() {
    return systemClock().nowMs();
}

}  // namespace

ClientConnection::ClientConnection(ConnectionRef ref, WebSocketStream* stream,
                                   const NetworkSettings& settings,
                                   const RequestDispatcher& dispatcher, NetworkWorker* worker)
    : QObject(worker),
      worker_(worker),
      ref_(ref),
      stream_(stream),
      settings_(settings),
      peerAddress_(stream->peerAddress().toString()),
      dispatcher_(dispatcher),
      requestBudget_(settings.requestBurst, settings.requestRatePerSecond, nowMs()),
      searchBudget_(limits::kUserSearchBurst, limits::kUserSearchRatePerSecond, nowMs()),
      typingBudget_(limits::kTypingBurst, limits::kTypingRatePerSecond, nowMs()) {
    stream_->setParent(this);
    // The stream enforces kMaxFrameBytes and kMaxMessageBytes (1009) and sends one frame per
    // message: QtWebSockets 6.4 clients reject a text message whose frames split a multi-byte
    // UTF-8 character (1007).
    connect(stream_, &WebSocketStream::textMessageReceived, this, &ClientConnection::onText);
    connect(stream_, &WebSocketStream::binaryMessageReceived, this, &ClientConnection::onBinary);
    connect(stream_, &WebSocketStream::disconnected, this, &ClientConnection::finished);
    connect(stream_, &WebSocketStream::pong, this, [this] { silentPingIntervals_ = 0; });
    connect(stream_, &WebSocketStream::bytesWritten, this, &ClientConnection::updateQueuedBytes);
    stallDeadline_.setSingleShot(true);
    connect(&stallDeadline_, &QTimer::timeout, stream_, &WebSocketStream::abort);
    authDeadline_.setSingleShot(true);
    // kAuthTimeoutMs is normative: a default (coarse) timer may fire up to 5% early.
    authDeadline_.setTimerType(Qt::PreciseTimer);
    connect(&authDeadline_, &QTimer::timeout, this, [this] {
        close(close_code::kAuthTimeout, QStringLiteral("not authenticated in time"));
    });
}

ClientConnection::~ClientConnection() {
    settings_.nodeLimits->addOutbound(-queuedBytes_);  // freed with the socket
}

void ClientConnection::start() {
    log::debug("net.connected", {{"addr", peerAddress_}});
    if (stream_->subprotocol() != QLatin1StringView(kSubprotocol)) {
        close(close_code::kUnsupportedProtocol, QStringLiteral("offer the natter.v1 subprotocol"));
    } else {
        authDeadline_.start(limits::kAuthTimeoutMs);
    }
    stream_->startReading();  // after a close too: the client's close frame is awaited
}

bool ClientConnection::mayQueue() {
    if (closing_) {
        return false;
    }
    if (isTooFarBehind()) {
        closeTooSlow();
        return false;
    }
    return true;
}

void ClientConnection::send(const QString& text) {
    if (mayQueue()) {
        stream_->sendText(text);
        updateQueuedBytes();
    }
}

bool ClientConnection::queueFrame(const QByteArray& frame) {
    if (!mayQueue()) {
        return false;
    }
    const bool first = stream_->queueFrame(frame);
    updateQueuedBytes();
    return first;
}

void ClientConnection::flushQueued() {
    stream_->flushQueued();
    updateQueuedBytes();
}

void ClientConnection::sendBinary(const QByteArray& bytes) {
    if (mayQueue()) {
        stream_->sendBinary(bytes);
        updateQueuedBytes();
    }
}

// Binary messages carry upload chunks only, from signed-in connections (docs/protocol.md 5.8).
// They are not counted by the request budget, which is for requests (section 5).
void ClientConnection::onBinary(const QByteArray& message) {
    silentPingIntervals_ = 0;
    if (closing_) {
        return;
    }
    if (!identity_) {
        close(close_code::kUnsupportedData,
              QStringLiteral("sign in before sending binary messages"));
        return;
    }
    if (!chunkReply_) {
        chunkReply_ = std::make_shared<ConnectionReply>(worker_, ref_, QJsonValue(), false);
    }
    dispatcher_.dispatchUploadChunk(*identity_, chunkReply_, message);
}

// Checked before queueing more, so one large answer (a full sync page) still goes out whole.
bool ClientConnection::isTooFarBehind() const {
    return queuedBytes_ > settings_.maxOutboundBytes ||
           (queuedBytes_ > limits::kOutboundBehindBytes && settings_.nodeLimits->outboundOverCap());
}

void ClientConnection::closeTooSlow() {
    log::info("net.too_slow",
              {{"addr", peerAddress_}, {"queued_bytes", QString::number(queuedBytes_)}});
    close(close_code::kTooSlow, QStringLiteral("too slow: reconnect and sync"));
    // The close frame queues behind what the peer has not read; a peer that takes nothing for
    // kTooSlowStallMs is cut off. Until then TCP stays open (WebSocketStream waits for the
    // client's close frame), so a client that wrote meanwhile still reads the 4003.
    stallDeadline_.start(limits::kTooSlowStallMs);
}

void ClientConnection::updateQueuedBytes() {
    const qint64 now = stream_->queuedBytes();
    settings_.nodeLimits->addOutbound(now - queuedBytes_);
    if (now < queuedBytes_ && stallDeadline_.isActive()) {
        stallDeadline_.start();  // the peer is still taking data
    }
    queuedBytes_ = now;
}

void ClientConnection::close(int closeCode, const QString& reason) {
    if (closing_) {
        return;
    }
    closing_ = true;
    authDeadline_.stop();
    log::debug("net.closing", {{"code", QString::number(closeCode)}});
    stream_->close(closeCode, reason);  // flushed: it must leave even if the thread stops next
    updateQueuedBytes();
}

void ClientConnection::signIn(const Identity& identity) {
    identity_ = identity;
    authAttemptRunning_ = false;
    authDeadline_.stop();
}

void ClientConnection::reply(const QJsonValue& id, const ProtocolError& error) {
    settings_.metrics->countError(error.code);
    send(encodeError(id, error));
}

void ClientConnection::heartbeat() {
    if (silentPingIntervals_ >= limits::kMissedPongsBeforeDrop) {
        log::info("net.dropped_silent", {{"addr", peerAddress_}});
        closing_ = true;
        stream_->abort();  // a dead peer cannot answer a close handshake
        return;
    }
    ++silentPingIntervals_;
    stream_->ping();
}

void ClientConnection::onText(const QByteArray& utf8) {
    silentPingIntervals_ = 0;
    if (closing_) {
        return;
    }
    // Every text frame counts against the request budget, broken ones too, before anything
    // else is checked; decoding first only finds the id to answer with.
    auto decoded = decodeRequest(utf8);
    auto* rejected = std::get_if<RejectedFrame>(&decoded);
    const qint64 now = nowMs();
    if (!requestBudget_.tryTake(now)) {
        const QJsonValue id = rejected ? rejected->id : std::get<Request>(decoded).id;
        reply(id, rateLimitedBy(RateLimit::RequestBudget, requestBudget_.msUntilAvailable(now)));
        return;
    }
    if (rejected) {
        reply(rejected->id, rejected->error);
        return;
    }
    handle(std::get<Request>(decoded));
}

void ClientConnection::handle(const Request& request) {
    const RequestDispatcher::Route* route = dispatcher_.find(request.method);
    if (!route) {
        reply(request.id, ProtocolError::of(ErrorCode::UnknownMethod,
                                            QStringLiteral("Unknown method: ") + request.method));
        return;
    }
    if (!admit(request, *route)) {
        return;
    }
    RequestContext context{
        request, std::make_shared<ConnectionReply>(worker_, ref_, request.id, route->authAttempt),
        identity_, peerAddress_};
    authAttemptRunning_ = dispatcher_.dispatch(*route, context) && route->authAttempt;
}

// The connection-level rules a request must pass before its handler sees it.
bool ClientConnection::admit(const Request& request, const RequestDispatcher::Route& route) {
    if (route.authAttempt && (identity_ || authAttemptRunning_)) {
        reply(request.id, ProtocolError::of(ErrorCode::AlreadyAuthenticated));
        return false;
    }
    if (!route.open && !identity_) {
        reply(request.id, ProtocolError::of(ErrorCode::Unauthenticated));
        return false;
    }
    const qint64 now = nowMs();
    const bool search = route.budget == RequestDispatcher::Budget::Search;
    if (route.budget != RequestDispatcher::Budget::None) {
        TokenBucket& budget = search ? searchBudget_ : typingBudget_;
        if (!budget.tryTake(now)) {
            reply(request.id,
                  rateLimitedBy(search ? RateLimit::SearchBudget : RateLimit::TypingBudget,
                                budget.msUntilAvailable(now)));
            return false;
        }
    }
    return true;
}

}  // namespace natter
