#include "core/liveness_monitor.h"

#include <QDateTime>

#include "core/logging.h"

namespace natter {

LivenessMonitor::LivenessMonitor(QObject* parent) : QObject(parent) {
    deadline_.setSingleShot(true);
    connect(&pingTimer_, &QTimer::timeout, this, &LivenessMonitor::onPingTimer);
    connect(&deadline_, &QTimer::timeout, this, [this] {
        qCInfo(lcNatterNet) << "no answer from the server in" << timing_.pongTimeoutMs << "ms";
        stop();
        emit connectionDead();
    });
    connect(&wakeTimer_, &QTimer::timeout, this, &LivenessMonitor::onWakeTimer);
    setTiming({});
    // Sleep can happen while disconnected too (then a waiting reconnect should start at once).
    monotonic_.start();
    lastWallMs_ = wallNow();
    wakeTimer_.start();
}

void LivenessMonitor::setTiming(Timing timing) {
    timing_ = std::move(timing);
    pingTimer_.setInterval(timing_.pingIntervalMs);
    wakeTimer_.setInterval(timing_.wakeCheckMs);
    lastWallMs_ = wallNow();
    lastMonotonicMs_ = monotonic_.isValid() ? monotonic_.elapsed() : 0;
}

void LivenessMonitor::start() {
    deadline_.stop();
    pingTimer_.start();
}

void LivenessMonitor::stop() {
    pingTimer_.stop();
    deadline_.stop();
}

void LivenessMonitor::noteTraffic() {
    deadline_.stop();
}

void LivenessMonitor::checkNow() {
    if (pingTimer_.isActive()) {
        pingTimer_.start();  // the next regular ping counts from now
        onPingTimer();
    }
}

void LivenessMonitor::onPingTimer() {
    emit pingDue();
    if (!deadline_.isActive()) {
        deadline_.start(timing_.pongTimeoutMs);
    }
}

void LivenessMonitor::onWakeTimer() {
    const qint64 wall = wallNow();
    const qint64 mono = monotonic_.elapsed();
    const qint64 unaccounted = (wall - lastWallMs_) - (mono - lastMonotonicMs_);
    lastWallMs_ = wall;
    lastMonotonicMs_ = mono;
    if (unaccounted >= timing_.wakeJumpMs) {
        qCInfo(lcNatterNet) << "the system was asleep for about" << unaccounted / 1000 << "s";
        emit systemResumed();
        checkNow();
    }
}

qint64 LivenessMonitor::wallNow() const {
    return timing_.wallClockMs ? timing_.wallClockMs() : QDateTime::currentMSecsSinceEpoch();
}

}  // namespace natter
