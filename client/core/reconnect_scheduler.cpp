#include "core/reconnect_scheduler.h"

#include <QNetworkInformation>
#include <QRandomGenerator>
#include <QtMath>

#include "core/logging.h"

namespace natter {

ReconnectScheduler::ReconnectScheduler(QObject* parent) : QObject(parent) {
    retryTimer_.setSingleShot(true);
    connect(&retryTimer_, &QTimer::timeout, this, [this] {
        countdownTimer_.stop();
        emit retryDue();
    });
    countdownTimer_.setInterval(1'000);
    connect(&countdownTimer_, &QTimer::timeout, this,
            [this] { emit countdownChanged(secondsUntilRetry()); });
    watchNetwork();
}

void ReconnectScheduler::watchNetwork() {
    // Without a backend (no NetworkManager, offscreen CI) the backoff alone does the job.
    if (QNetworkInformation::instance() == nullptr &&
        !QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
        qCInfo(lcNatterNet) << "no network information backend; relying on backoff only";
        return;
    }
    connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                if (reachability == QNetworkInformation::Reachability::Online && isWaiting()) {
                    qCInfo(lcNatterNet) << "network is back; reconnecting now";
                    retryNow();
                }
            });
}

int ReconnectScheduler::withJitter(int baseDelayMs) {
    const int jitter = int(QRandomGenerator::global()->bounded(baseDelayMs / 4 + 1));
    return baseDelayMs + jitter;
}

void ReconnectScheduler::scheduleRetry() {
    const int delay = withJitter(nextDelayMs_);
    nextDelayMs_ = qMin(nextDelayMs_ * 2, kMaxDelayMs);
    qCInfo(lcNatterNet) << "reconnecting in" << delay << "ms";
    retryTimer_.start(delay);
    countdownTimer_.start();
    emit countdownChanged(secondsUntilRetry());
}

void ReconnectScheduler::retryNow() {
    retryTimer_.stop();
    countdownTimer_.stop();
    emit retryDue();
}

void ReconnectScheduler::reset() {
    stop();
    nextDelayMs_ = kFirstDelayMs;
}

void ReconnectScheduler::stop() {
    retryTimer_.stop();
    countdownTimer_.stop();
}

int ReconnectScheduler::secondsUntilRetry() const {
    return retryTimer_.isActive() ? int(qCeil(retryTimer_.remainingTime() / 1000.0)) : 0;
}

}  // namespace natter
