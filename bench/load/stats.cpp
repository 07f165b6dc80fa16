#include "stats.h"

#include <algorithm>
#include <cstdio>

namespace natter::load {

double LatencyRecorder::percentile(double p) const {
    if (samples_.empty()) {
        return 0;
    }
    std::sort(samples_.begin(), samples_.end());
    return samples_[size_t(p * double(samples_.size() - 1) + 0.5)];
}

ProcSample sampleServer(const ServerPids& pids) {
    ProcSample total;
    for (const qint64 pid : pids) {
        const ProcSample one = sampleProcess(pid);
        total.cpuSeconds += one.cpuSeconds;
        total.rssBytes += one.rssBytes;
        total.valid = total.valid || one.valid;
    }
    return total;
}

void CostMeter::start() {
    serverStart = sampleServer(serverPids);
    selfStart = sampleProcess(0);
}

double CostMeter::serverCpuSeconds() const {
    return serverPids.empty() ? 0 : sampleServer(serverPids).cpuSeconds - serverStart.cpuSeconds;
}

double CostMeter::selfCpuSeconds() const {
    return sampleProcess(0).cpuSeconds - selfStart.cpuSeconds;
}

qint64 CostMeter::serverRssBytes() const {
    return sampleServer(serverPids).rssBytes;
}

void printTableHeader() {
    std::printf(
        "| scenario | offered msg/s | deliveries/s | ack p50/p99 ms | e2e p50/p99 ms | server "
        "CPU-s | deliveries per server CPU-s | server RSS MiB | generator CPU-s | missing | note "
        "|\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    std::fflush(stdout);
}

void printRow(const RunRow& r) {
    const double perCpu = r.serverCpuSeconds > 0 ? double(r.deliveries) / r.serverCpuSeconds : 0;
    std::printf(
        "| %s | %.0f | %.0f | %.1f / %.1f | %.1f / %.1f | %.2f of %.1f s | %.0f | %.1f | %.2f | "
        "%lld | %s |\n",
        qPrintable(r.scenario), r.offeredRate, r.deliveriesPerSecond, r.ackP50, r.ackP99, r.e2eP50,
        r.e2eP99, r.serverCpuSeconds, r.seconds, perCpu,
        double(r.serverRssBytes) / (1024.0 * 1024.0), r.generatorCpuSeconds, qlonglong(r.missing),
        qPrintable(r.note));
    std::fflush(stdout);
}

}  // namespace natter::load
