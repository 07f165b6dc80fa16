// Latency percentiles and the one-row-per-run result table of natter-load.
#pragma once

#include <QString>
#include <vector>

#include "proc_stats.h"

namespace natter::load {

// Latencies in milliseconds; percentiles are exact (all samples are kept).
class LatencyRecorder {
public:
    void add(double ms) { samples_.push_back(ms); }
    void clear() { samples_.clear(); }
    qsizetype count() const { return qsizetype(samples_.size()); }
    double percentile(double p) const;  // p in [0, 1]; 0 when empty

private:
    mutable std::vector<double> samples_;
    mutable bool sorted_ = false;
};

// The server side's processes: a node, or every node of a cluster with its PostgreSQL and Redis
// processes (natter-load --server-pid A,B,...); their figures are added up.
using ServerPids = std::vector<qint64>;
ProcSample sampleServer(const ServerPids& pids);

// What a run cost the server and the generator: samples before and after.
struct CostMeter {
    ServerPids serverPids;
    ProcSample serverStart;
    ProcSample selfStart;
    void start();
    double serverCpuSeconds() const;  // since start(); 0 without server pids
    double selfCpuSeconds() const;
    qint64 serverRssBytes() const;  // now
};

struct RunRow {
    QString scenario;
    double offeredRate = 0;  // messages/s asked of the senders (0: not a traffic run)
    double seconds = 0;
    double deliveriesPerSecond = 0;
    double ackP50 = 0, ackP99 = 0, e2eP50 = 0, e2eP99 = 0;
    double serverCpuSeconds = 0;
    qint64 serverRssBytes = 0;
    double generatorCpuSeconds = 0;
    qint64 deliveries = 0;
    qint64 missing = 0;  // expected deliveries that never came (and failed requests)
    QString note;
};

void printTableHeader();
void printRow(const RunRow& row);

}  // namespace natter::load
