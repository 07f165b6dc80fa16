#include "http_request.h"

#include <algorithm>

namespace natter::http {
namespace {

// RFC 9110 token characters, for methods and header names.
bool isToken(const QByteArray& text) {
    static const QByteArray kSymbols = "!#$%&'*+-.^_`|~";
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               kSymbols.contains(c);
    });
}

bool hasControlCharacters(const QByteArray& text) {
    return std::any_of(text.cbegin(), text.cend(),
                       [](char c) { return (uchar(c) < 0x20 && c != '\t') || c == 0x7f; });
}

ParseResult problem(ParseStatus status, const char* what) {
    return ParseResult{status, {}, QByteArray(what)};
}

// Where the header block ends (the blank line; bare LF line ends are accepted too), or -1.
qsizetype headerEnd(const QByteArray& buffer, qsizetype& terminatorLength) {
    const qsizetype crlf = buffer.indexOf("\r\n\r\n");
    const qsizetype lf = buffer.indexOf("\n\n");
    if (crlf >= 0 && (lf < 0 || crlf < lf)) {
        terminatorLength = 4;
        return crlf;
    }
    terminatorLength = 2;
    return lf;
}

bool parseRequestLine(const QByteArray& line, Request& request) {
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || !parts[1].startsWith('/') ||
        hasControlCharacters(parts[1]) || (parts[2] != "HTTP/1.1" && parts[2] != "HTTP/1.0")) {
        return false;
    }
    request.method = parts[0];
    request.version = parts[2];
    const qsizetype question = parts[1].indexOf('?');
    request.path = question < 0 ? parts[1] : parts[1].left(question);
    request.query = question < 0 ? QByteArray() : parts[1].mid(question + 1);
    return true;
}

}  // namespace

bool Request::hasHeader(const QByteArray& lowerName) const {
    return std::any_of(headers.cbegin(), headers.cend(),
                       [&](const auto& header) { return header.first == lowerName; });
}

QByteArray Request::header(const QByteArray& lowerName) const {
    for (const auto& [name, value] : headers) {
        if (name == lowerName) {
            return value;
        }
    }
    return {};
}

ParseResult parseRequest(const QByteArray& buffer, RequestLimits limits) {
    qsizetype terminatorLength = 0;
    const qsizetype end = headerEnd(buffer, terminatorLength);
    if (end < 0) {
        return buffer.size() > limits.maxBytes
                   ? problem(ParseStatus::TooLarge, "request header block too large")
                   : ParseResult{};
    }
    if (end + terminatorLength > limits.maxBytes) {
        return problem(ParseStatus::TooLarge, "request header block too large");
    }
    QList<QByteArray> lines = buffer.left(end).split('\n');
    for (QByteArray& line : lines) {
        if (line.endsWith('\r')) {
            line.chop(1);
        }
    }
    ParseResult result{ParseStatus::Complete, {}, {}, end + terminatorLength};
    if (!parseRequestLine(lines.takeFirst(), result.request)) {
        return problem(ParseStatus::Malformed, "malformed request line");
    }
    if (lines.size() > limits.maxHeaderLines) {
        return problem(ParseStatus::TooLarge, "too many header lines");
    }
    for (const QByteArray& line : std::as_const(lines)) {
        const qsizetype colon = line.indexOf(':');
        // A name must be a token right before the colon (no folding, no space before ':').
        if (colon <= 0 || !isToken(line.left(colon)) || hasControlCharacters(line)) {
            return problem(ParseStatus::Malformed, "malformed header line");
        }
        result.request.headers.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
    }
    return result;
}

namespace {

QByteArray reasonPhrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 400:
            return "Bad Request";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 413:
            return "Content Too Large";
        case 426:
            return "Upgrade Required";
        case 503:
            return "Service Unavailable";
        default:
            return "Unknown";
    }
}

}  // namespace

QByteArray serialize(const Response& response) {
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                     reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: " + response.contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\nConnection: close\r\n";
    for (const auto& [name, value] : response.extraHeaders) {
        out += name + ": " + value + "\r\n";
    }
    return out + "\r\n" + response.body;
}

Response plainText(int status, const QByteArray& body) {
    return Response{status, "text/plain; charset=utf-8", body + '\n', {}};
}

}  // namespace natter::http
