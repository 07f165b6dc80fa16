// Open-loop message traffic over a set of rooms: senders send `messages.send` at a fixed
// aggregate rate whatever the server's answers, every other member must receive each message
// (`message.new`), and a step reports deliveries/s, ack and end-to-end latency and what it cost.
#pragma once

#include <QTimer>
#include <vector>

#include "population.h"
#include "stats.h"

namespace natter::load {

struct TrafficSettings {
    double maxP99Ms = 200;      // a ramp step with a slower end-to-end p99 fails
    int drainTimeoutMs = 5000;  // how long a step waits for the last acks and deliveries
};

class TrafficRun {
public:
    TrafficRun(std::vector<Room> rooms, ServerPids serverPids, TrafficSettings settings);

    // One step at `rate` messages/s for `seconds`, then the drain. passed() tells whether it met
    // the bounds (every message acknowledged and delivered once, p99 end-to-end in bound).
    RunRow step(const QString& scenario, double rate, double seconds);
    bool passed(const RunRow& row) const;
    // Every message acknowledged and delivered exactly once (no bound on time).
    bool complete(const RunRow& row) const;

    // Steps from `rate`, times `factor` each, until one fails; then a run at half of the peak
    // rate for `seconds`. Prints every row.
    void ramp(const QString& scenario, double rate, double factor, double stepSeconds,
              double seconds);

private:
    struct StepCounters {
        qint64 sent = 0, acked = 0, failed = 0;
        qint64 expected = 0, received = 0, duplicates = 0, stale = 0;
        qint64 lastDeliveryNs = 0;
        LatencyRecorder ack, endToEnd;
    };

    void sendDue(double rate, qint64 startNs);
    void sendOne();
    void onDelivered(size_t receiver, const DeliveredMessage& message);
    void settle();
    RunRow finishStep(const QString& scenario, double rate, qint64 startNs, CostMeter& meter);

    std::vector<Room> rooms_;
    std::vector<LoadClient*> receivers_;  // index -> connection, for the per-receiver seq
    std::vector<qint64> lastSeq_;         // per receiver: highest seq delivered
    ServerPids serverPids_;
    TrafficSettings settings_;
    int stepNumber_ = 0;
    qint64 messageNumber_ = 0;
    qint64 lastActivityNs_ = 0;
    StepCounters counters_;
    QString padding_;
};

}  // namespace natter::load
