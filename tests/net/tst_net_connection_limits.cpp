// Nobody may hold connections the server cannot serve (docs/protocol.md section 2): a peer that
// never finishes its upgrade is cut after spec::kHandshakeTimeoutMs, and one address cannot open
// more than max-connections-per-address while other addresses still connect.
#include <QElapsedTimer>
#include <QtTest>
#include <memory>
#include <vector>

#include "net_test_support.h"
#include "protocol_spec.h"
#include "server_process.h"

using namespace natter::test;
using namespace natter::test::net;

namespace {

constexpr int kPerAddress = 4;
constexpr int kSlowlorisSockets = 3;
// Time for the server to notice a refused or finished socket on loopback.
constexpr int kPromptMs = 2'000;

const QHostAddress kSlowlorisAddress(QStringLiteral("127.0.0.1"));
const QHostAddress kGreedyAddress(QStringLiteral("127.0.0.3"));
const QHostAddress kOtherAddress(QStringLiteral("127.0.0.4"));
const QHostAddress kReturningAddress(QStringLiteral("127.0.0.5"));

using Sockets = std::vector<std::unique_ptr<QTcpSocket>>;

// Sends the rest of the upgrade request begun by openHalfUpgrade; true when the server answers
// 101 Switching Protocols.
bool finishUpgrade(QTcpSocket& socket) {
    socket.write(
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: natter.v1\r\n\r\n");
    QByteArray answer;
    [[maybe_unused]] const bool ended = QTest::qWaitFor(
        [&] {
            answer += socket.readAll();
            return answer.contains("\r\n\r\n") ||
                   socket.state() == QAbstractSocket::UnconnectedState;
        },
        kPromptMs);
    return answer.startsWith("HTTP/1.1 101");
}

// True while the server keeps every socket open for a moment.
bool allStayOpen(Sockets& sockets) {
    QTest::qWait(300);
    return std::all_of(sockets.begin(), sockets.end(), [](auto& socket) {
        socket->readAll();
        return socket->state() == QAbstractSocket::ConnectedState;
    });
}

}  // namespace

class TestNetConnectionLimits : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void connectionsBeyondThePerAddressCapAreRefused();
    void closedConnectionsGiveTheirPlaceBack();
    void halfDoneUpgradesAreClosedAtTheDeadline();

private:
    ServerProcess server_{
        {QStringLiteral("--max-connections-per-address"), QString::number(kPerAddress)}};
    Sockets slowloris_;
    QElapsedTimer sinceSlowloris_;
};

void TestNetConnectionLimits::initTestCase() {
    QVERIFY(server_.start());
    // Opened first, so their deadline runs while the other tests do their work.
    sinceSlowloris_.start();
    for (int i = 0; i < kSlowlorisSockets; ++i) {
        slowloris_.push_back(openHalfUpgrade(server_.url(), kSlowlorisAddress));
        QVERIFY(slowloris_.back());
    }
}

void TestNetConnectionLimits::connectionsBeyondThePerAddressCapAreRefused() {
    Sockets greedy;
    for (int i = 0; i < kPerAddress; ++i) {
        greedy.push_back(openHalfUpgrade(server_.url(), kGreedyAddress));
        QVERIFY(greedy.back());
    }
    QVERIFY(allStayOpen(greedy));
    auto refused = openHalfUpgrade(server_.url(), kGreedyAddress);
    if (refused) {  // the kernel accepted it; the server must drop it at once
        QVERIFY(waitUntilClosedByServer(*refused, kPromptMs));
    }
    auto other = openHalfUpgrade(server_.url(), kOtherAddress);
    QVERIFY(other);
    QVERIFY(finishUpgrade(*other));
    QTRY_VERIFY_WITH_TIMEOUT(server_.log().contains(QStringLiteral("event=net.connection_refused")),
                             kPromptMs);
}

void TestNetConnectionLimits::closedConnectionsGiveTheirPlaceBack() {
    for (int round = 0; round < 2 * kPerAddress; ++round) {
        auto socket = openHalfUpgrade(server_.url(), kReturningAddress);
        QVERIFY(socket);
        QVERIFY2(finishUpgrade(*socket), qPrintable(QStringLiteral("round %1").arg(round)));
        socket->abort();
        // The server frees the place when it notices the close; a refusal would reset the next
        // socket before the upgrade answer.
        QTest::qWait(100);
    }
}

void TestNetConnectionLimits::halfDoneUpgradesAreClosedAtTheDeadline() {
    for (auto& socket : slowloris_) {
        const int left = int(spec::kHandshakeTimeoutMs + kPromptMs - sinceSlowloris_.elapsed());
        QVERIFY(waitUntilClosedByServer(*socket, qMax(left, 0)));
    }
}

QTEST_GUILESS_MAIN(TestNetConnectionLimits)
#include "tst_net_connection_limits.moc"
