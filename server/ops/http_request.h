// The little HTTP/1.1 the admin listener speaks (docs/operations.md): one GET per connection,
// answered and closed. The WebSocket upgrade (server/net/websocket_handshake.h) is parsed here too.
// Requests are parsed from everything read so far, within fixed limits, so a client cannot make the
// server hold more than kMaxRequestBytes for it.
#pragma once

#include <QByteArray>
#include <QList>
#include <utility>

namespace natter::http {

// The request line and headers together; no admin request has a body.
inline constexpr int kMaxRequestBytes = 8 * 1024;
inline constexpr int kMaxHeaderLines = 32;
// The whole request must arrive within this long after the connection opened.
inline constexpr int kReadTimeoutMs = 5'000;

struct Request {
    QByteArray method;
    QByteArray version;                                // "HTTP/1.1" or "HTTP/1.0"
    QByteArray path;                                   // the target without its query string
    QByteArray query;                                  // after '?', if any
    QList<std::pair<QByteArray, QByteArray>> headers;  // names lower-cased, values trimmed

    bool hasHeader(const QByteArray& lowerName) const;
    QByteArray header(const QByteArray& lowerName) const;
};

enum class ParseStatus {
    NeedMore,  // no complete header block yet, and within the limits
    Complete,
    Malformed,  // answer 400
    TooLarge,   // answer 413
};

struct ParseResult {
    ParseStatus status = ParseStatus::NeedMore;
    Request request;         // when Complete
    QByteArray problem;      // when Malformed or TooLarge: said in the response body
    qsizetype consumed = 0;  // when Complete: bytes of the header block with its blank line
};

// How much of a request the parser accepts before it answers TooLarge.
struct RequestLimits {
    int maxBytes = kMaxRequestBytes;
    int maxHeaderLines = kMaxHeaderLines;
};

// buffer: every byte read on the connection so far.
ParseResult parseRequest(const QByteArray& buffer, RequestLimits limits = {});

struct Response {
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> extraHeaders;
};

// Status line, headers (always Connection: close) and body, ready to write.
QByteArray serialize(const Response& response);
Response plainText(int status, const QByteArray& body);

}  // namespace natter::http
