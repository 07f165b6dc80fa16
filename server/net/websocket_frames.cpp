#include "websocket_frames.h"

#include <QStringDecoder>
#include <QtEndian>
#include <algorithm>

#include "close_codes.h"

namespace natter::ws {
namespace {

constexpr quint8 kFinBit = 0x80;
constexpr quint8 kReservedBits = 0x70;
constexpr quint8 kOpcodeBits = 0x0f;
constexpr quint8 kMaskBit = 0x80;
constexpr quint8 kLengthBits = 0x7f;
constexpr quint8 kLength16 = 126;
constexpr quint8 kLength64 = 127;
constexpr qsizetype kMaskKeyBytes = 4;
constexpr qsizetype kCloseCodeBytes = 2;
// Compacting the buffer costs a copy of what is left; doing it only past this much read keeps
// that copy rare while a burst of small frames is parsed.
constexpr qsizetype kCompactAfterBytes = 64 * 1024;

Incoming failure(int closeCode, const char* reason) {
    return Incoming{Incoming::Kind::Failure, QString::fromLatin1(reason), {}, closeCode};
}

Incoming protocolError(const char* reason) {
    return failure(close_code::kProtocolError, reason);
}

bool isControl(quint8 opcode) {
    return (opcode & 0x8) != 0;
}

bool isKnownOpcode(quint8 opcode) {
    switch (Opcode(opcode)) {
        case Opcode::Continuation:
        case Opcode::Text:
        case Opcode::Binary:
        case Opcode::Close:
        case Opcode::Ping:
        case Opcode::Pong:
            return true;
    }
    return false;
}

// The codes a close frame may carry (RFC 6455 section 7.4): the defined ones that are not
// reserved for local use, and the ranges for libraries (3000s) and applications (4000s).
bool isSendableCloseCode(int code) {
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) ||
           (code >= 3000 && code <= 4999);
}

std::optional<QString> decodeUtf8(QByteArrayView bytes) {
    // Stateless: a sequence cut at the end is an error, not kept for a next call. The BOM is
    // kept as U+FEFF, so the message is exactly what was sent.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless |
                                                     QStringDecoder::Flag::ConvertInitialBom);
    QString text = decoder(bytes);
    if (decoder.hasError()) {
        return std::nullopt;
    }
    return text;
}

Incoming closeFrom(const QByteArray& payload) {
    if (payload.isEmpty()) {
        return Incoming{Incoming::Kind::Close, {}, {}, kNoStatusCode};
    }
    if (payload.size() < kCloseCodeBytes) {
        return protocolError("close frame with a one-byte payload");
    }
    const int code = qFromBigEndian<quint16>(payload.constData());
    if (!isSendableCloseCode(code)) {
        return protocolError("invalid close code");
    }
    const auto reason = decodeUtf8(QByteArrayView(payload).sliced(kCloseCodeBytes));
    if (!reason) {
        return failure(close_code::kInvalidPayload, "close reason is not valid UTF-8");
    }
    return Incoming{Incoming::Kind::Close, *reason, {}, code};
}

}  // namespace

FrameReader::FrameReader(quint64 maxFrameBytes, quint64 maxMessageBytes)
    : maxFrameBytes_(maxFrameBytes), maxMessageBytes_(maxMessageBytes) {}

void FrameReader::append(QByteArrayView bytes) {
    if (!finished_) {
        buffer_.append(bytes);
    }
}

std::optional<Incoming> FrameReader::next() {
    while (!finished_) {
        std::optional<Incoming> broken;
        const std::optional<Header> header = readHeader(broken);
        if (broken) {
            return finish(*broken);
        }
        if (!header) {
            return std::nullopt;
        }
        // Checked before the payload is waited for: a frame announcing gigabytes fails at once.
        if (auto refused = checkHeader(*header)) {
            return finish(*refused);
        }
        const qsizetype frameBytes = header->size + qsizetype(header->length);
        if (buffer_.size() - readPosition_ < frameBytes) {
            return std::nullopt;
        }
        QByteArray payload = buffer_.mid(readPosition_ + header->size, qsizetype(header->length));
        for (qsizetype i = 0; i < payload.size(); ++i) {
            payload[i] = char(payload[i] ^ header->mask[i % kMaskKeyBytes]);
        }
        readPosition_ += frameBytes;
        if (readPosition_ == buffer_.size() || readPosition_ > kCompactAfterBytes) {
            buffer_.remove(0, readPosition_);
            readPosition_ = 0;
        }
        if (auto found = takeFrame(*header, std::move(payload))) {
            return found->kind == Incoming::Kind::Close || found->kind == Incoming::Kind::Failure
                       ? finish(*found)
                       : found;
        }
    }
    return std::nullopt;
}

std::optional<FrameReader::Header> FrameReader::readHeader(std::optional<Incoming>& failure) const {
    const QByteArrayView bytes = QByteArrayView(buffer_).sliced(readPosition_);
    if (bytes.size() < 2) {
        return std::nullopt;
    }
    Header header;
    const auto first = quint8(bytes[0]);
    const auto second = quint8(bytes[1]);
    header.fin = (first & kFinBit) != 0;
    header.opcode = first & kOpcodeBits;
    if ((first & kReservedBits) != 0) {
        failure = protocolError("reserved bits set without an extension");
        return std::nullopt;
    }
    if ((second & kMaskBit) == 0) {
        failure = protocolError("client frames must be masked");
        return std::nullopt;
    }
    header.length = second & kLengthBits;
    qsizetype lengthBytes = 0;
    if (header.length == kLength16) {
        lengthBytes = 2;
    } else if (header.length == kLength64) {
        lengthBytes = 8;
    }
    header.size = 2 + lengthBytes + kMaskKeyBytes;
    if (bytes.size() < header.size) {
        return std::nullopt;
    }
    if (lengthBytes == 2) {
        header.length = qFromBigEndian<quint16>(bytes.data() + 2);
    } else if (lengthBytes == 8) {
        header.length = qFromBigEndian<quint64>(bytes.data() + 2);
        if ((header.length >> 63) != 0) {
            failure = protocolError("frame length has its most significant bit set");
            return std::nullopt;
        }
    }
    std::copy_n(bytes.data() + 2 + lengthBytes, kMaskKeyBytes, header.mask);
    return header;
}

std::optional<Incoming> FrameReader::checkHeader(const Header& header) const {
    if (!isKnownOpcode(header.opcode)) {
        return protocolError("unknown opcode");
    }
    if (isControl(header.opcode)) {
        if (!header.fin) {
            return protocolError("fragmented control frame");
        }
        if (header.length > quint64(kMaxControlPayloadBytes)) {
            return protocolError("control frame longer than 125 bytes");
        }
        return std::nullopt;
    }
    const bool continuation = Opcode(header.opcode) == Opcode::Continuation;
    if (continuation && !messageOpcode_) {
        return protocolError("continuation frame without a message to continue");
    }
    if (!continuation && messageOpcode_) {
        return protocolError("new message before the fragmented one ended");
    }
    if (header.length > maxFrameBytes_) {
        return failure(close_code::kTooBig, "frame too large");
    }
    if (quint64(message_.size()) + header.length > maxMessageBytes_) {
        return failure(close_code::kTooBig, "message too large");
    }
    return std::nullopt;
}

std::optional<Incoming> FrameReader::takeFrame(const Header& header, QByteArray payload) {
    switch (Opcode(header.opcode)) {
        case Opcode::Ping:
            return Incoming{Incoming::Kind::Ping, {}, std::move(payload), 0};
        case Opcode::Pong:
            return Incoming{Incoming::Kind::Pong, {}, std::move(payload), 0};
        case Opcode::Close:
            return closeFrom(payload);
        case Opcode::Text:
        case Opcode::Binary:
            messageOpcode_ = Opcode(header.opcode);
            message_ = std::move(payload);
            break;
        case Opcode::Continuation:
            message_.append(payload);
            break;
    }
    return header.fin ? finishMessage() : std::nullopt;
}

std::optional<Incoming> FrameReader::finishMessage() {
    const Opcode opcode = *messageOpcode_;
    messageOpcode_.reset();
    QByteArray message = std::exchange(message_, {});
    if (opcode == Opcode::Binary) {
        return Incoming{Incoming::Kind::Binary, {}, std::move(message), 0};
    }
    // Checked on the whole message: a character may be split between two fragments. The bytes
    // are handed on as they are: the codec parses UTF-8, so no UTF-16 copy is made here.
    if (!isValidUtf8(message)) {
        return failure(close_code::kInvalidPayload, "text message is not valid UTF-8");
    }
    return Incoming{Incoming::Kind::Text, {}, std::move(message), 0};
}

Incoming FrameReader::finish(Incoming last) {
    finished_ = true;
    buffer_.clear();
    message_.clear();
    readPosition_ = 0;
    return last;
}

QByteArray encodeFrame(Opcode opcode, QByteArrayView payload) {
    QByteArray frame;
    frame.reserve(payload.size() + 10);
    frame.append(char(kFinBit | quint8(opcode)));
    const auto length = quint64(payload.size());
    if (length <= quint64(kMaxControlPayloadBytes)) {
        frame.append(char(length));
    } else if (length <= 0xffff) {
        frame.append(char(kLength16));
        char bytes[2];
        qToBigEndian(quint16(length), bytes);
        frame.append(bytes, 2);
    } else {
        frame.append(char(kLength64));
        char bytes[8];
        qToBigEndian(length, bytes);
        frame.append(bytes, 8);
    }
    frame.append(payload);
    return frame;
}

QByteArray encodeTextFrame(const QString& text) {
    return encodeFrame(Opcode::Text, text.toUtf8());
}

QByteArray encodeCloseFrame(int closeCode, const QString& reason) {
    char code[kCloseCodeBytes];
    qToBigEndian(quint16(closeCode), code);
    QByteArray payload(code, kCloseCodeBytes);
    QByteArray utf8 = reason.toUtf8();
    const qsizetype room = kMaxControlPayloadBytes - kCloseCodeBytes;
    if (utf8.size() > room) {
        qsizetype cut = room;
        while (cut > 0 && (quint8(utf8[cut]) & 0xc0) == 0x80) {
            --cut;  // never split a character: the reason must stay valid UTF-8
        }
        utf8.truncate(cut);
    }
    payload.append(utf8);
    return encodeFrame(Opcode::Close, payload);
}

bool isValidUtf8(QByteArrayView bytes) {
    return bytes.isValidUtf8();  // RFC 3629: overlong forms and surrogates are refused too
}

}  // namespace natter::ws
