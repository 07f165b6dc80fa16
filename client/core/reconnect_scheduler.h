// Decides when to try reconnecting after the connection was lost: exponential backoff with random
// jitter (1 s doubling up to 30 s), a visible countdown, and an immediate retry when the system
// reports the network back (QNetworkInformation, where a backend is available).
#pragma once

#include <QObject>
#include <QTimer>

namespace natter {

class ReconnectScheduler : public QObject {
    Q_OBJECT

public:
    static constexpr int kFirstDelayMs = 1'000;
    static constexpr int kMaxDelayMs = 30'000;

    explicit ReconnectScheduler(QObject* parent = nullptr);

    // The connection is gone: retry after the next backoff delay.
    void scheduleRetry();
    // Retry right away (the user asked, or the network came back).
    void retryNow();
    // Connected again: the next loss starts from the first delay.
    void reset();
    void stop();

    bool isWaiting() const { return retryTimer_.isActive(); }
    int secondsUntilRetry() const;
    // The delay (without jitter) that the next scheduleRetry() starts from.
    int nextBaseDelayMs() const { return nextDelayMs_; }
    // Base delay plus up to 25% random jitter, so many clients do not retry in lockstep.
    static int withJitter(int baseDelayMs);

signals:
    void retryDue();
    // Once a second while waiting, and when waiting starts.
    void countdownChanged(int secondsLeft);

private:
    void watchNetwork();

    QTimer retryTimer_;
    QTimer countdownTimer_;
    int nextDelayMs_ = kFirstDelayMs;
};

}  // namespace natter
