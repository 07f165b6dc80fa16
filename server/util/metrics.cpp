#include "metrics.h"

#include <algorithm>

namespace natter {
namespace {

// Powers of two up to the storage executor's kMaxJobsPerCommit (512).
std::vector<double> batchSizeBounds() {
    std::vector<double> bounds;
    for (double jobs = 1; jobs <= 512; jobs *= 2) {
        bounds.push_back(jobs);
    }
    return bounds;
}

// From a fast SQLite commit (well under a millisecond) to a stalled database (seconds).
std::vector<double> commitLatencyBounds() {
    return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
}

}  // namespace

Histogram::Histogram(std::vector<double> upperBounds)
    : bounds_(std::move(upperBounds)), buckets_(bounds_.size() + 1) {}

void Histogram::observe(double value) {
    const auto bucket =
        std::lower_bound(bounds_.cbegin(), bounds_.cend(), value) - bounds_.cbegin();
    buckets_[size_t(bucket)].fetch_add(1, std::memory_order_relaxed);
    sum_.fetch_add(value, std::memory_order_relaxed);
    count_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<quint64> Histogram::cumulativeCounts() const {
    std::vector<quint64> counts;
    counts.reserve(buckets_.size());
    quint64 running = 0;
    for (const auto& bucket : buckets_) {
        running += bucket.load(std::memory_order_relaxed);
        counts.push_back(running);
    }
    return counts;
}

Metrics::Metrics()
    : commitBatchSize_(batchSizeBounds()), commitLatencySeconds_(commitLatencyBounds()) {}

void Metrics::countError(ErrorCode code) {
    errors_[size_t(code)].fetch_add(1, std::memory_order_relaxed);
}

quint64 Metrics::errorCount(ErrorCode code) const {
    return errors_[size_t(code)].load(std::memory_order_relaxed);
}

void Metrics::observeCommit(int jobs, double seconds) {
    commitBatchSize_.observe(jobs);
    commitLatencySeconds_.observe(seconds);
}

}  // namespace natter
