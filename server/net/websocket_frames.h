// RFC 6455 framing as the server sees it (section 5): FrameReader turns a client's bytes into
// messages and control frames, checking every rule a client must follow; encodeFrame writes the
// server's unmasked frames. No extension is ever negotiated, so no reserved bit may be set.
// Pure byte handling, no sockets: WebSocketStream drives it, and unit tests feed it directly.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <optional>

namespace natter::ws {

enum class Opcode : quint8 {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

// The largest payload of a control frame (RFC 6455 section 5.5).
inline constexpr qsizetype kMaxControlPayloadBytes = 125;
// What a close frame without a code reports (RFC 6455 section 7.1.5); never sent.
inline constexpr int kNoStatusCode = 1005;

// One thing FrameReader found in the client's bytes.
struct Incoming {
    enum class Kind {
        Text,     // a whole text message: payload, checked to be valid UTF-8
        Binary,   // a whole binary message: payload
        Ping,     // payload: to be echoed in a pong
        Pong,     // payload
        Close,    // the client's close frame: closeCode (kNoStatusCode if none) and reason
        Failure,  // the client broke a rule: close with closeCode, reason says which rule
    };
    Kind kind;
    QString text;        // Close and Failure: the reason
    QByteArray payload;  // Text (UTF-8, as sent), Binary, Ping, Pong
    int closeCode = 0;
};

class FrameReader {
public:
    // Frames or messages longer than these fail with 1009 as soon as their header is read.
    FrameReader(quint64 maxFrameBytes, quint64 maxMessageBytes);

    // Bytes as they arrived; ignored once a Close or Failure was returned.
    void append(QByteArrayView bytes);
    // The next complete message or control frame, or nothing until more bytes arrive. A Close or
    // a Failure is the last thing returned.
    std::optional<Incoming> next();

private:
    struct Header {
        bool fin = false;
        quint8 opcode = 0;
        quint64 length = 0;
        qsizetype size = 0;  // bytes of the header, mask key included
        char mask[4] = {};
    };
    // The header at the read position, nothing while incomplete, or a Failure.
    std::optional<Header> readHeader(std::optional<Incoming>& failure) const;
    std::optional<Incoming> checkHeader(const Header& header) const;
    std::optional<Incoming> takeFrame(const Header& header, QByteArray payload);
    std::optional<Incoming> finishMessage();
    Incoming finish(Incoming last);

    quint64 maxFrameBytes_;
    quint64 maxMessageBytes_;
    QByteArray buffer_;
    qsizetype readPosition_ = 0;
    std::optional<Opcode> messageOpcode_;  // set while a fragmented message is being received
    QByteArray message_;
    bool finished_ = false;
};

// One unfragmented, unmasked server frame (FIN set).
QByteArray encodeFrame(Opcode opcode, QByteArrayView payload);
QByteArray encodeTextFrame(const QString& text);
// A close frame; a reason longer than a control frame allows is cut at a character boundary.
QByteArray encodeCloseFrame(int closeCode, const QString& reason);

// Whether bytes are valid UTF-8 (RFC 3629: no overlong forms, surrogates or values past U+10FFFF).
bool isValidUtf8(QByteArrayView bytes);

}  // namespace natter::ws
