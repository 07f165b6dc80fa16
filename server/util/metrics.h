// The server's own counters and histograms for the admin listener's /metrics (docs/operations.md).
//
// Threading: the counters are updated from every kind of thread (network workers answer errors and
// deliver events, the storage thread times its commits, the service thread counts stored
// messages), so they are std::atomic members of ONE Metrics object that ServerApp owns and that
// outlives every thread using it. Atomics and not queued calls because the storage thread has no
// event loop to queue to, and because a relaxed increment on the hot path costs far less than
// posting an event per request. A scrape reads each value on its own: the figures are not one
// consistent snapshot across counters, which Prometheus does not expect either.
#pragma once

#include <QtGlobal>
#include <array>
#include <atomic>
#include <vector>

#include "error_code.h"

namespace natter {

// A Prometheus histogram with fixed upper bounds (the +Inf bucket is implicit). observe() is safe
// from any thread.
class Histogram {
public:
    explicit Histogram(std::vector<double> upperBounds);

    void observe(double value);

    const std::vector<double>& upperBounds() const { return bounds_; }
    // Cumulative counts, one per upper bound then one for +Inf (== count()).
    std::vector<quint64> cumulativeCounts() const;
    quint64 count() const { return count_.load(std::memory_order_relaxed); }
    double sum() const { return sum_.load(std::memory_order_relaxed); }

private:
    const std::vector<double> bounds_;
    std::vector<std::atomic<quint64>> buckets_;  // per bound, not cumulative; last is +Inf
    std::atomic<quint64> count_{0};
    std::atomic<double> sum_{0};
};

class Metrics {
public:
    static constexpr int kErrorCodeCount = int(ErrorCode::InternalError) + 1;

    Metrics();

    // An error answer sent to a client.
    void countError(ErrorCode code);
    quint64 errorCount(ErrorCode code) const;
    // Every rate_limited answer, whichever limit refused: the error count under that code.
    quint64 rateLimitRefusals() const { return errorCount(ErrorCode::RateLimited); }

    void countMessageStored() { messagesStored_.fetch_add(1, std::memory_order_relaxed); }
    quint64 messagesStored() const { return messagesStored_.load(std::memory_order_relaxed); }
    void countEventDelivered() { eventsDelivered_.fetch_add(1, std::memory_order_relaxed); }
    quint64 eventsDelivered() const { return eventsDelivered_.load(std::memory_order_relaxed); }

    // One committed storage transaction: how many jobs it held and how long it took.
    void observeCommit(int jobs, double seconds);
    const Histogram& commitBatchSize() const { return commitBatchSize_; }
    const Histogram& commitLatencySeconds() const { return commitLatencySeconds_; }

private:
    std::array<std::atomic<quint64>, kErrorCodeCount> errors_{};
    std::atomic<quint64> messagesStored_{0};
    std::atomic<quint64> eventsDelivered_{0};
    Histogram commitBatchSize_;
    Histogram commitLatencySeconds_;
};

}  // namespace natter
