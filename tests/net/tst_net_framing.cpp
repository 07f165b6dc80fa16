// RFC 6455 framing as the real natter-server enforces it (docs/protocol.md sections 1 and 6):
// frames a client library never sends, written by hand after a good handshake. A rule broken
// closes the connection with 1002 (1007 for bad UTF-8); pings are answered and fragmented
// requests reassembled. After each, the server keeps serving.
#include <QJsonDocument>
#include <QtTest>

#include "protocol_spec.h"
#include "raw_ws_connection.h"
#include "server_process.h"
#include "ws_client_frame.h"

using namespace natter::test;
using natter::test::presence::RawWsConnection;

namespace {

constexpr int kPromptMs = 5'000;
constexpr quint8 kRsv1 = 0x40;

QByteArray request(const QString& id) {
    return QJsonDocument(QJsonObject{{QStringLiteral("id"), id},
                                     {QStringLiteral("method"), QStringLiteral("sessions.list")}})
        .toJson(QJsonDocument::Compact);
}

}  // namespace

class TestNetFraming : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void unmaskedFrameClosesWith1002();
    void reservedBitClosesWith1002();
    void invalidUtf8ClosesWith1007();
    void pingIsAnsweredWithTheSamePayload();
    void fragmentedRequestIsAnswered();
    void clientCloseIsEchoed();

private:
    // A connection after a good handshake, or null.
    std::unique_ptr<RawWsConnection> open();

    ServerProcess server_;
};

void TestNetFraming::initTestCase() {
    QVERIFY(server_.start());
}

std::unique_ptr<RawWsConnection> TestNetFraming::open() {
    auto connection = std::make_unique<RawWsConnection>();
    return connection->open(server_.url(), kPromptMs) ? std::move(connection) : nullptr;
}

// The server still answers a well-behaved connection.
void TestNetFraming::cleanup() {
    auto next = open();
    QVERIFY(next);
    const QJsonObject answer =
        next->call(QStringLiteral("after"), QStringLiteral("sessions.list"), {}, kPromptMs);
    QCOMPARE(answer.value(QStringLiteral("id")).toString(), QStringLiteral("after"));
}

void TestNetFraming::unmaskedFrameClosesWith1002() {
    auto connection = open();
    QVERIFY(connection);
    connection->sendRaw(clientFrame(kFinBit | kOpcodeText, request(QStringLiteral("u")), false));
    QCOMPARE(connection->readUntilClosed(kPromptMs), spec::close_code::kProtocolError);
}

void TestNetFraming::reservedBitClosesWith1002() {
    auto connection = open();
    QVERIFY(connection);
    connection->sendRaw(clientFrame(kFinBit | kRsv1 | kOpcodeText, request(QStringLiteral("r"))));
    QCOMPARE(connection->readUntilClosed(kPromptMs), spec::close_code::kProtocolError);
}

void TestNetFraming::invalidUtf8ClosesWith1007() {
    auto connection = open();
    QVERIFY(connection);
    connection->sendRaw(clientFrame(kOpcodeText, "{\"id\":\"\xc3"));
    connection->sendRaw(clientFrame(kFinBit | kOpcodeContinuation, "\x28\"}"));
    QCOMPARE(connection->readUntilClosed(kPromptMs), spec::close_code::kInvalidPayload);
}

void TestNetFraming::pingIsAnsweredWithTheSamePayload() {
    auto connection = open();
    QVERIFY(connection);
    connection->sendRaw(clientFrame(kFinBit | kOpcodePing, "are you there?"));
    auto frame = connection->waitForFrame(kPromptMs);
    while (frame.first == kOpcodePing) {  // the server's own heartbeat, if it came first
        frame = connection->waitForFrame(kPromptMs);
    }
    QCOMPARE(frame.first, int(kOpcodePong));
    QCOMPARE(frame.second, QByteArray("are you there?"));
}

// Three fragments with a ping between them: one request, one answer, and a pong.
void TestNetFraming::fragmentedRequestIsAnswered() {
    auto connection = open();
    QVERIFY(connection);
    const QByteArray whole = request(QStringLiteral("frag"));
    connection->sendRaw(clientFrame(kOpcodeText, whole.left(5)));
    connection->sendRaw(clientFrame(kFinBit | kOpcodePing, "between"));
    connection->sendRaw(clientFrame(kOpcodeContinuation, whole.mid(5, 10)));
    connection->sendRaw(clientFrame(kFinBit | kOpcodeContinuation, whole.mid(15)));
    // Frame by frame: waitForResponse would skip the pong. Bounded: a frame per wait, and a wait
    // that times out (opcode -1) ends the loop.
    QList<QByteArray> pongs;
    QJsonObject answer;
    for (int frames = 0; frames < 10 && (pongs.isEmpty() || answer.isEmpty()); ++frames) {
        const auto [opcode, payload] = connection->waitForFrame(kPromptMs);
        if (opcode == -1) {
            break;
        }
        if (opcode == kOpcodePong) {
            pongs.append(payload);
        } else if (opcode == kOpcodeText) {
            const QJsonObject message = QJsonDocument::fromJson(payload).object();
            if (message.value(QStringLiteral("id")).toString() == QStringLiteral("frag")) {
                answer = message;
            }
        }
    }
    QCOMPARE(pongs, QList<QByteArray>{QByteArray("between")});
    // Not signed in: the request was read whole and refused for what it asks, not how it came.
    QCOMPARE(
        answer.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
        QStringLiteral("unauthenticated"));
}

// RFC 6455 section 5.5.1: the server answers with a close frame and ends the TCP connection.
void TestNetFraming::clientCloseIsEchoed() {
    auto connection = open();
    QVERIFY(connection);
    char code[2];
    qToBigEndian(quint16(4321), code);
    connection->sendRaw(clientFrame(kFinBit | kOpcodeClose, QByteArray(code, 2) + "bye"));
    QCOMPARE(connection->readUntilClosed(kPromptMs), 4321);
    QTRY_VERIFY_WITH_TIMEOUT(connection->isClosedByPeer(), kPromptMs);
}

QTEST_GUILESS_MAIN(TestNetFraming)
#include "tst_net_framing.moc"
