// A connection that dies without a word is noticed and ended, so the app reconnects instead of
// showing "online" forever: the client pings, and a server that stops answering (paused with
// SIGSTOP: its socket stays open, nothing comes back) is declared gone. Waking from sleep checks
// the connection at once instead of waiting for the next ping.
#include <QDateTime>
#include <QSignalSpy>
#include <QtTest>
#include <csignal>

#include "core/server_connection.h"
#include "server_process.h"

using natter::LivenessMonitor;
using natter::ServerConnection;
using natter::test::ServerProcess;

namespace {

constexpr int kNoCloseFrame = 1006;

// Keeps the server paused for its lifetime, and always lets it go on again.
class PausedServer {
public:
    explicit PausedServer(const ServerProcess& server) : pid_(server.pid()) {
        ::kill(pid_t(pid_), SIGSTOP);
    }
    ~PausedServer() { ::kill(pid_t(pid_), SIGCONT); }
    PausedServer(const PausedServer&) = delete;
    PausedServer& operator=(const PausedServer&) = delete;

private:
    qint64 pid_;
};

}  // namespace

class TestConnectionLiveness : public QObject {
    Q_OBJECT

private:
    void openConnected(ServerConnection& connection) {
        connection.open(server_.url());
        QTRY_COMPARE(connection.state(), ServerConnection::State::Connected);
    }

    ServerProcess server_;
    qint64 wallClockOffsetMs_ = 0;

private slots:
    void initTestCase() { QVERIFY(server_.start()); }
    void cleanupTestCase() { QCOMPARE(server_.stop(), 0); }

    void answeringServerKeepsTheConnection() {
        ServerConnection connection;
        connection.setLivenessTiming({200, 1'000, 5'000, 15'000, {}});
        QSignalSpy closed(&connection, &ServerConnection::closed);
        openConnected(connection);
        QTest::qWait(2'500);  // about a dozen pings, each answered
        QCOMPARE(closed.count(), 0);
        QCOMPARE(connection.state(), ServerConnection::State::Connected);
    }

    void silentServerIsDeclaredGone() {
        ServerConnection connection;
        connection.setLivenessTiming({200, 1'000, 5'000, 15'000, {}});
        QSignalSpy closed(&connection, &ServerConnection::closed);
        openConnected(connection);
        {
            PausedServer paused(server_);
            QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 10'000);
        }
        QCOMPARE(closed.constFirst().constFirst().toInt(), kNoCloseFrame);
        QCOMPARE(connection.state(), ServerConnection::State::Disconnected);
        openConnected(connection);  // and the server is fine to talk to again
    }

    void wakingFromSleepChecksAtOnce() {
        ServerConnection connection;
        // Regular pings are a minute apart: only the wake-up check can notice the pause in time.
        connection.setLivenessTiming({60'000, 1'000, 100, 15'000, [this] {
                                          return QDateTime::currentMSecsSinceEpoch() +
                                                 wallClockOffsetMs_;
                                      }});
        QSignalSpy resumed(&connection, &ServerConnection::systemResumed);
        QSignalSpy closed(&connection, &ServerConnection::closed);
        openConnected(connection);
        QTest::qWait(500);
        QCOMPARE(resumed.count(), 0);  // no jump, no wake-up
        {
            PausedServer paused(server_);
            wallClockOffsetMs_ += 120'000;  // two minutes passed on the wall clock, none here
            QTRY_COMPARE_WITH_TIMEOUT(resumed.count(), 1, 2'000);
            QTRY_COMPARE_WITH_TIMEOUT(closed.count(), 1, 5'000);
        }
        QCOMPARE(resumed.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestConnectionLiveness)
#include "tst_connection_liveness.moc"
