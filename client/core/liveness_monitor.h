// Notices a connection that died without a word (a laptop that slept, a network that vanished
// under a NAT): pings the server every pingInterval and calls the connection dead when nothing
// (no pong, no frame) has come back pongTimeout after a ping. Also notices the machine waking from
// sleep — the wall clock moved further than the monotonic clock, which stands still while
// suspended — so the connection is checked (and a waiting reconnect started) at once.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <functional>

namespace natter {

class LivenessMonitor : public QObject {
    Q_OBJECT

public:
    struct Timing {
        int pingIntervalMs = 20'000;  // as often as the server pings (kPingIntervalMs)
        int pongTimeoutMs = 10'000;
        int wakeCheckMs = 5'000;
        int wakeJumpMs = 15'000;  // wall clock ahead of the monotonic one by this much: we slept
        std::function<qint64()> wallClockMs;  // tests replace it; default: the system clock
    };

    explicit LivenessMonitor(QObject* parent = nullptr);
    void setTiming(Timing timing);

    // The connection is open: watch it. stop() when it is gone.
    void start();
    void stop();
    // A frame or a pong arrived: the connection is alive.
    void noteTraffic();
    // Ping now and expect an answer within pongTimeout (e.g. after waking up).
    void checkNow();

signals:
    void pingDue();
    void connectionDead();
    void systemResumed();

private:
    void onPingTimer();
    void onWakeTimer();
    qint64 wallNow() const;

    Timing timing_;
    QTimer pingTimer_;
    QTimer deadline_;
    QTimer wakeTimer_;
    QElapsedTimer monotonic_;
    qint64 lastWallMs_ = 0;
    qint64 lastMonotonicMs_ = 0;
};

}  // namespace natter
