#include "websocket_handshake.h"

#include <QCryptographicHash>
#include <algorithm>

#include "protocol_limits.h"
#include "socket_io.h"
#include "util/log.h"

namespace natter {
namespace {

// RFC 6455 section 1.3: appended to the client's key before hashing.
constexpr char kAcceptGuid[] = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
constexpr char kWebSocketVersion[] = "13";
constexpr qsizetype kKeyBytes = 16;
constexpr int kSwitchingProtocols = 101;
constexpr int kBadRequest = 400;
constexpr int kForbidden = 403;
constexpr int kUpgradeRequired = 426;

// Every comma-separated token of every header with this name, trimmed.
QList<QByteArray> headerTokens(const http::Request& request, const QByteArray& lowerName) {
    QList<QByteArray> tokens;
    for (const auto& [name, value] : request.headers) {
        if (name == lowerName) {
            for (const QByteArray& token : value.split(',')) {
                tokens.append(token.trimmed());
            }
        }
    }
    return tokens;
}

// Header values such as "Upgrade" and "Connection" are compared without regard to case.
bool hasToken(const http::Request& request, const QByteArray& lowerName,
              const QByteArray& lowerToken) {
    const QList<QByteArray> tokens = headerTokens(request, lowerName);
    return std::any_of(tokens.cbegin(), tokens.cend(),
                       [&](const QByteArray& token) { return token.toLower() == lowerToken; });
}

UpgradeAnswer refusal(int status, const QByteArray& problem,
                      QList<std::pair<QByteArray, QByteArray>> extraHeaders = {}) {
    http::Response response = http::plainText(status, problem);
    response.extraHeaders = std::move(extraHeaders);
    return UpgradeAnswer{status, http::serialize(response), {}};
}

bool isValidKey(const QByteArray& key) {
    const auto decoded =
        QByteArray::fromBase64Encoding(key, QByteArray::AbortOnBase64DecodingErrors);
    return decoded && decoded.decoded.size() == kKeyBytes;
}

// Why the request is no WebSocket upgrade, or empty when it is one.
QByteArray malformation(const http::Request& request) {
    if (request.method != "GET") {
        return "the upgrade request must be a GET";
    }
    if (request.version != "HTTP/1.1") {
        return "the upgrade request must be HTTP/1.1";
    }
    if (request.header("host").isEmpty()) {
        return "missing Host header";
    }
    if (!hasToken(request, "upgrade", "websocket")) {
        return "missing Upgrade: websocket";
    }
    if (!hasToken(request, "connection", "upgrade")) {
        return "missing Connection: Upgrade";
    }
    if (!isValidKey(request.header("sec-websocket-key"))) {
        return "Sec-WebSocket-Key must be 16 bytes in base64";
    }
    return {};
}

UpgradeAnswer switchingProtocols(const http::Request& request) {
    const QByteArray keyAndGuid = request.header("sec-websocket-key") + kAcceptGuid;
    const QByteArray accept =
        QCryptographicHash::hash(keyAndGuid, QCryptographicHash::Sha1).toBase64();
    UpgradeAnswer answer{kSwitchingProtocols,
                         "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                         "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
                             accept + "\r\n",
                         {}};
    // Selected when offered, else none (as QWebSocketServer did): the connection is then closed
    // with 4000 right after the handshake, which tells the client why.
    if (headerTokens(request, "sec-websocket-protocol").contains(QByteArray(kSubprotocol))) {
        answer.subprotocol = QString::fromLatin1(kSubprotocol);
        answer.response += "Sec-WebSocket-Protocol: " + QByteArray(kSubprotocol) + "\r\n";
    }
    answer.response += "\r\n";
    return answer;
}

}  // namespace

UpgradeAnswer answerUpgrade(const http::Request& request, const QStringList& allowedOrigins) {
    // A request without Origin comes from a desktop or command-line client; a web page must be
    // listed in allowed-origins.
    const QString origin = QString::fromUtf8(request.header("origin"));
    if (!origin.isEmpty() && !allowedOrigins.contains(origin)) {
        log::warning("net.origin_refused", {{"origin", origin}});
        return refusal(kForbidden, "origin not allowed");
    }
    if (const QByteArray problem = malformation(request); !problem.isEmpty()) {
        return refusal(kBadRequest, problem);
    }
    if (request.header("sec-websocket-version") != kWebSocketVersion) {
        return refusal(kUpgradeRequired, "only WebSocket version 13 is spoken",
                       {{"Sec-WebSocket-Version", kWebSocketVersion}});
    }
    return switchingProtocols(request);
}

WebSocketUpgrade::WebSocketUpgrade(QTcpSocket* socket, QStringList allowedOrigins)
    : QObject(socket), socket_(socket), allowedOrigins_(std::move(allowedOrigins)) {}

void WebSocketUpgrade::start() {
    connect(socket_, &QTcpSocket::readyRead, this, &WebSocketUpgrade::readRequest);
    readRequest();
}

void WebSocketUpgrade::readRequest() {
    // Never more than the limit and one byte: that is enough to tell a request too large, and
    // whatever follows the request stays in the socket for the stream.
    buffer_ += takeAvailable(*socket_, limits::kMaxHandshakeBytes + 1 - buffer_.size());
    const http::ParseResult parsed =
        http::parseRequest(buffer_, {limits::kMaxHandshakeBytes, limits::kMaxHandshakeHeaderLines});
    if (parsed.status == http::ParseStatus::NeedMore) {
        return;
    }
    const UpgradeAnswer answer = parsed.status == http::ParseStatus::Complete
                                     ? answerUpgrade(parsed.request, allowedOrigins_)
                                     : refusal(kBadRequest, parsed.problem);
    finish();
    writeToSocket(*socket_, answer.response);
    if (answer.status != kSwitchingProtocols) {
        log::debug("net.upgrade_refused", {{"status", QString::number(answer.status)}});
        socket_->disconnectFromHost();  // once the answer has left
        return;
    }
    emit upgraded(socket_, answer.subprotocol, buffer_.mid(parsed.consumed));
}

void WebSocketUpgrade::finish() {
    disconnect(socket_, nullptr, this, nullptr);
    deleteLater();
}

}  // namespace natter
