// Fuzz target: the server's RFC 6455 frame reader (server/net/websocket_frames.h), fed the raw bytes
// a client could send after the upgrade. Whatever the bytes, the reader must return the same things
// however they are split into reads, only valid UTF-8 as text, no control payload over 125 bytes,
// nothing over its limits, and after a Close or a Failure nothing more; a failure is 1002, 1007 or
// 1009 with a reason.
#include <QList>
#include <QStringDecoder>
#include <cstddef>
#include <cstdint>

#include "fuzz_support.h"
#include "net/websocket_frames.h"

namespace natter::fuzz {
namespace {

// Small limits, so that inputs of a few KiB reach the 1009 paths.
constexpr quint64 kFrameLimit = 1024;
constexpr quint64 kMessageLimit = 3000;

QList<ws::Incoming> readAll(QByteArrayView bytes, qsizetype chunk) {
    ws::FrameReader reader(kFrameLimit, kMessageLimit);
    QList<ws::Incoming> found;
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        reader.append(bytes.sliced(at, std::min(chunk, bytes.size() - at)));
        while (auto incoming = reader.next()) {
            found.append(std::move(*incoming));
        }
    }
    return found;
}

// A second opinion on the reader's UTF-8 check: Qt's strict decoder finds no error.
bool decodesStrictly(const QByteArray& utf8) {
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(utf8);
    return !decoder.hasError();
}

bool same(const ws::Incoming& a, const ws::Incoming& b) {
    return a.kind == b.kind && a.text == b.text && a.payload == b.payload &&
           a.closeCode == b.closeCode;
}

void checkOne(const ws::Incoming& incoming) {
    using Kind = ws::Incoming::Kind;
    switch (incoming.kind) {
        case Kind::Text:
            FUZZ_CHECK(decodesStrictly(incoming.payload));
            FUZZ_CHECK(quint64(incoming.payload.size()) <= kMessageLimit);
            break;
        case Kind::Binary:
            FUZZ_CHECK(quint64(incoming.payload.size()) <= kMessageLimit);
            break;
        case Kind::Ping:
        case Kind::Pong:
            FUZZ_CHECK(incoming.payload.size() <= ws::kMaxControlPayloadBytes);
            break;
        case Kind::Close:
            FUZZ_CHECK(incoming.closeCode == ws::kNoStatusCode ||
                       (incoming.closeCode >= 1000 && incoming.closeCode <= 4999));
            break;
        case Kind::Failure:
            FUZZ_CHECK(incoming.closeCode == 1002 || incoming.closeCode == 1007 ||
                       incoming.closeCode == 1009);
            FUZZ_CHECK(!incoming.text.isEmpty());
            break;
    }
}

void fuzzFrames(QByteArrayView bytes) {
    const QList<ws::Incoming> whole = readAll(bytes, std::max<qsizetype>(bytes.size(), 1));
    for (qsizetype i = 0; i < whole.size(); ++i) {
        checkOne(whole[i]);
        const bool last = whole[i].kind == ws::Incoming::Kind::Close ||
                          whole[i].kind == ws::Incoming::Kind::Failure;
        FUZZ_CHECK(!last || i == whole.size() - 1);
    }
    // The first byte picks a read size: TCP may deliver the same bytes in any pieces.
    const qsizetype chunk = bytes.isEmpty() ? 1 : 1 + quint8(bytes[0]) % 7;
    const QList<ws::Incoming> pieces = readAll(bytes, chunk);
    FUZZ_CHECK(pieces.size() == whole.size());
    for (qsizetype i = 0; i < std::min(pieces.size(), whole.size()); ++i) {
        FUZZ_CHECK(same(pieces[i], whole[i]));
    }
}

}  // namespace
}  // namespace natter::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    natter::fuzz::fuzzFrames(QByteArrayView(reinterpret_cast<const char*>(data), qsizetype(size)));
    return 0;
}
