// The server's RFC 6455 frame reader and writer (server/net/websocket_frames.h), fed bytes
// directly: every way a client can split, fragment or break its frames.
#include <QtEndian>
#include <QtTest>

#include "close_codes.h"
#include "net/websocket_frames.h"
#include "protocol_limits.h"
#include "ws_client_frame.h"

using natter::ws::FrameReader;
using natter::ws::Incoming;
using Kind = natter::ws::Incoming::Kind;
using namespace natter::test;

namespace {

constexpr quint8 kRsv1 = 0x40;
constexpr quint8 kUnknownOpcode = 0x3;

FrameReader limitedReader() {
    return FrameReader(natter::limits::kMaxFrameBytes, natter::limits::kMaxMessageBytes);
}

QList<Incoming> drain(FrameReader& reader) {
    QList<Incoming> found;
    while (auto incoming = reader.next()) {
        found.append(*incoming);
    }
    return found;
}

QList<Incoming> readAll(const QByteArray& bytes) {
    FrameReader reader = limitedReader();
    reader.append(bytes);
    return drain(reader);
}

// What a list of Incoming says, for comparisons with readable failures.
QStringList describe(const QList<Incoming>& found) {
    QStringList lines;
    for (const Incoming& incoming : found) {
        lines.append(QStringLiteral("%1 %2 %3 %4")
                         .arg(int(incoming.kind))
                         .arg(incoming.closeCode)
                         .arg(incoming.text, QString::fromLatin1(incoming.payload.toHex())));
    }
    return lines;
}

QByteArray closePayload(int code, const QByteArray& reason) {
    char bytes[2];
    qToBigEndian(quint16(code), bytes);
    return QByteArray(bytes, 2) + reason;
}

// The single thing a reader fed `bytes` returns: a Failure with this code is expected.
int failureCodeOf(const QByteArray& bytes) {
    const QList<Incoming> found = readAll(bytes);
    return found.size() == 1 && found.first().kind == Kind::Failure ? found.first().closeCode : 0;
}

}  // namespace

class TestWebSocketFrames : public QObject {
    Q_OBJECT

private slots:
    void framesSplitAtEveryByteBoundary();
    void fragmentedTextWithControlFramesBetween();
    void sixteenAndSixtyFourBitLengths();
    void protocolErrorsFail_data();
    void protocolErrorsFail();
    void oversizedFrameFailsFromItsHeaderAlone();
    void oversizedMessageOfSmallFramesFails();
    void utf8IsCheckedOnTheWholeMessage_data();
    void utf8IsCheckedOnTheWholeMessage();
    void closeFrames_data();
    void closeFrames();
    void nothingIsReadAfterClose();
    void serverFramesAreUnmaskedWithShortestLength();
    void longCloseReasonIsCutAtACharacter();
};

void TestWebSocketFrames::framesSplitAtEveryByteBoundary() {
    const QByteArray text = QStringLiteral("héllo wörld").toUtf8();
    const QByteArray binary(300, 'b');
    const QByteArray stream =
        clientFrame(kFinBit | kOpcodeText, text) + clientFrame(kFinBit | kOpcodePing, "p") +
        clientFrame(kFinBit | kOpcodeBinary, binary) + clientFrame(kOpcodeText, "frag") +
        clientFrame(kFinBit | kOpcodeContinuation, "ment");
    const QStringList expected = describe(readAll(stream));
    QCOMPARE(expected.size(), 4);
    for (qsizetype split = 0; split <= stream.size(); ++split) {
        FrameReader reader = limitedReader();
        reader.append(stream.left(split));
        QList<Incoming> found = drain(reader);
        reader.append(stream.mid(split));
        found += drain(reader);
        QCOMPARE(describe(found), expected);
    }
    FrameReader byteByByte = limitedReader();
    QList<Incoming> found;
    for (char byte : stream) {
        byteByByte.append(QByteArrayView(&byte, 1));
        found += drain(byteByByte);
    }
    QCOMPARE(describe(found), expected);
    const QList<Incoming> all = readAll(stream);
    QCOMPARE(all[0].payload, text);
    QCOMPARE(all[1].kind, Kind::Ping);
    QCOMPARE(all[2].payload, binary);
    QCOMPARE(all[3].payload, QByteArray("fragment"));
}

void TestWebSocketFrames::fragmentedTextWithControlFramesBetween() {
    const QList<Incoming> found =
        readAll(clientFrame(kOpcodeText, "{\"a\":") + clientFrame(kFinBit | kOpcodePing, "1") +
                clientFrame(kOpcodeContinuation, "\"b") + clientFrame(kFinBit | kOpcodePong, "2") +
                clientFrame(kFinBit | kOpcodeContinuation, "\"}"));
    QCOMPARE(found.size(), 3);
    QCOMPARE(found[0].kind, Kind::Ping);
    QCOMPARE(found[0].payload, QByteArray("1"));
    QCOMPARE(found[1].kind, Kind::Pong);
    QCOMPARE(found[2].kind, Kind::Text);
    QCOMPARE(found[2].payload, QByteArray("{\"a\":\"b\"}"));
}

void TestWebSocketFrames::sixteenAndSixtyFourBitLengths() {
    const QByteArray medium(126, 'm');    // the smallest 16-bit length
    const QByteArray large(70'000, 'l');  // past 16 bits
    FrameReader reader(1 << 20, 1 << 20);
    reader.append(QByteArray(clientFrame(kFinBit | kOpcodeBinary, medium) +
                             clientFrame(kFinBit | kOpcodeBinary, large)));
    const QList<Incoming> found = drain(reader);
    QCOMPARE(found.size(), 2);
    QCOMPARE(found[0].payload, medium);
    QCOMPARE(found[1].payload, large);
}

void TestWebSocketFrames::protocolErrorsFail_data() {
    QTest::addColumn<QByteArray>("bytes");
    const int protocolError = natter::close_code::kProtocolError;
    QTest::addColumn<int>("code");
    QTest::newRow("unmasked") << clientFrame(kFinBit | kOpcodeText, "{}", false) << protocolError;
    QTest::newRow("reserved bit") << clientFrame(kFinBit | kRsv1 | kOpcodeText, "{}")
                                  << protocolError;
    QTest::newRow("unknown opcode") << clientFrame(kFinBit | kUnknownOpcode, "x") << protocolError;
    QTest::newRow("control frame over 125 bytes")
        << clientFrame(kFinBit | kOpcodePing, QByteArray(126, 'p')) << protocolError;
    QTest::newRow("fragmented control frame") << clientFrame(kOpcodePing, "p") << protocolError;
    QTest::newRow("continuation without start")
        << clientFrame(kFinBit | kOpcodeContinuation, "x") << protocolError;
    QTest::newRow("new message inside a fragmented one")
        << QByteArray(clientFrame(kOpcodeText, "a") + clientFrame(kFinBit | kOpcodeText, "b"))
        << protocolError;
    QTest::newRow("64-bit length with its top bit set")
        << QByteArray::fromHex("82ff800000000000000001020304") << protocolError;
}

void TestWebSocketFrames::protocolErrorsFail() {
    QFETCH(QByteArray, bytes);
    QFETCH(int, code);
    QCOMPARE(failureCodeOf(bytes), code);
}

void TestWebSocketFrames::oversizedFrameFailsFromItsHeaderAlone() {
    const QByteArray frame =
        clientFrame(kFinBit | kOpcodeText, QByteArray(natter::limits::kMaxFrameBytes + 1, 'x'));
    // Only the 14 header bytes: the reader must not wait for 64 KiB it would refuse anyway.
    QCOMPARE(failureCodeOf(frame.left(14)), natter::close_code::kTooBig);
    const QByteArray exact =
        clientFrame(kFinBit | kOpcodeText, QByteArray(natter::limits::kMaxFrameBytes, 'x'));
    QCOMPARE(readAll(exact).size(), 1);
    QCOMPARE(readAll(exact).first().kind, Kind::Text);
}

void TestWebSocketFrames::oversizedMessageOfSmallFramesFails() {
    const QByteArray half(natter::limits::kMaxMessageBytes / 2, 'x');
    const QByteArray frames = clientFrame(kOpcodeText, half) +
                              clientFrame(kOpcodeContinuation, half) +
                              clientFrame(kFinBit | kOpcodeContinuation, "x");
    QCOMPARE(failureCodeOf(frames), natter::close_code::kTooBig);
}

void TestWebSocketFrames::utf8IsCheckedOnTheWholeMessage_data() {
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<bool>("valid");
    QTest::newRow("é split between fragments") << QByteArray("\xc3") << QByteArray("\xa9") << true;
    QTest::newRow("4-byte character split")
        << QByteArray("\xf0\x9f") << QByteArray("\x98\x80") << true;
    QTest::newRow("bad continuation across fragments")
        << QByteArray("\xc3") << QByteArray("\x28") << false;
    QTest::newRow("cut at the end") << QByteArray("ok") << QByteArray("\xe2\x82") << false;
    QTest::newRow("overlong") << QByteArray("\xc0") << QByteArray("\xaf") << false;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0") << QByteArray("\x80") << false;
    QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90") << QByteArray("\x80\x80") << false;
}

void TestWebSocketFrames::utf8IsCheckedOnTheWholeMessage() {
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(bool, valid);
    const QList<Incoming> found = readAll(clientFrame(kOpcodeText, first) +
                                          clientFrame(kFinBit | kOpcodeContinuation, second));
    QCOMPARE(found.size(), 1);
    if (valid) {
        QCOMPARE(found.first().kind, Kind::Text);
        QCOMPARE(found.first().payload, first + second);
    } else {
        QCOMPARE(found.first().kind, Kind::Failure);
        QCOMPARE(found.first().closeCode, natter::close_code::kInvalidPayload);
    }
}

void TestWebSocketFrames::closeFrames_data() {
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("code");
    QTest::newRow("code and reason") << closePayload(1000, "bye") << int(Kind::Close) << 1000;
    QTest::newRow("application code") << closePayload(4321, "") << int(Kind::Close) << 4321;
    QTest::newRow("no code") << QByteArray() << int(Kind::Close) << natter::ws::kNoStatusCode;
    QTest::newRow("one byte") << QByteArray("\x03") << int(Kind::Failure)
                              << natter::close_code::kProtocolError;
    QTest::newRow("reserved code 1005")
        << closePayload(1005, "") << int(Kind::Failure) << natter::close_code::kProtocolError;
    QTest::newRow("code below 1000")
        << closePayload(999, "") << int(Kind::Failure) << natter::close_code::kProtocolError;
    QTest::newRow("reason not UTF-8")
        << closePayload(1000, "\xff") << int(Kind::Failure) << natter::close_code::kInvalidPayload;
}

void TestWebSocketFrames::closeFrames() {
    QFETCH(QByteArray, payload);
    QFETCH(int, kind);
    QFETCH(int, code);
    const QList<Incoming> found = readAll(clientFrame(kFinBit | kOpcodeClose, payload));
    QCOMPARE(found.size(), 1);
    QCOMPARE(int(found.first().kind), kind);
    QCOMPARE(found.first().closeCode, code);
}

void TestWebSocketFrames::nothingIsReadAfterClose() {
    FrameReader reader = limitedReader();
    reader.append(QByteArray(clientFrame(kFinBit | kOpcodeClose, closePayload(1000, "")) +
                             clientFrame(kFinBit | kOpcodeText, "late")));
    const QList<Incoming> found = drain(reader);
    QCOMPARE(found.size(), 1);
    QCOMPARE(found.first().kind, Kind::Close);
    QCOMPARE(found.first().closeCode, 1000);
    reader.append(clientFrame(kFinBit | kOpcodeText, "later"));
    QVERIFY(!reader.next());
}

void TestWebSocketFrames::serverFramesAreUnmaskedWithShortestLength() {
    using natter::ws::encodeFrame;
    using natter::ws::Opcode;
    QCOMPARE(encodeFrame(Opcode::Text, "hi"), QByteArray("\x81\x02hi"));
    QCOMPARE(encodeFrame(Opcode::Binary, QByteArray(125, 'x')).left(2), QByteArray("\x82\x7d"));
    QCOMPARE(encodeFrame(Opcode::Binary, QByteArray(126, 'x')).left(4),
             QByteArray::fromHex("827e007e"));
    QCOMPARE(encodeFrame(Opcode::Binary, QByteArray(0xffff, 'x')).left(4),
             QByteArray::fromHex("827effff"));
    const QByteArray large = encodeFrame(Opcode::Binary, QByteArray(0x10000, 'x'));
    QCOMPARE(large.left(10), QByteArray::fromHex("827f0000000000010000"));
    QCOMPARE(large.size(), 10 + 0x10000);
}

void TestWebSocketFrames::longCloseReasonIsCutAtACharacter() {
    const QString reason = QString(200, QChar(0x00e9));  // é: two UTF-8 bytes each
    const QByteArray frame = natter::ws::encodeCloseFrame(1002, reason);
    // A control payload holds 125 bytes: the code (2) and 61 whole characters (122 of the 123
    // bytes left), never half of the 62nd.
    QCOMPARE(natter::ws::kMaxControlPayloadBytes, 125);
    QCOMPARE(frame.size(), 126);
    QCOMPARE(frame.left(2), QByteArray::fromHex("887c"));  // FIN + close, unmasked, 124 bytes
    QCOMPARE(frame.mid(2, 2), QByteArray::fromHex("03ea"));
    QCOMPARE(frame.sliced(4), QString(61, QChar(0x00e9)).toUtf8());
}

QTEST_APPLESS_MAIN(TestWebSocketFrames)
#include "tst_websocket_frames.moc"
