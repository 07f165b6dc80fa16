#include "scenarios.h"

#include <cstdio>

#include "accounts.h"
#include "population.h"
#include "traffic.h"

namespace natter::load {
namespace {

int runTraffic(const LoadOptions& o, const QString& scenario, std::vector<Room> rooms) {
    if (rooms.empty()) {
        std::fprintf(stderr, "setup failed: conversations not created\n");
        return 1;
    }
    TrafficRun traffic(std::move(rooms), o.serverPids, {o.maxP99Ms, 5000});
    pause(1000);  // the setup's own events arrive first
    if (o.ramp) {
        traffic.ramp(scenario, o.rate, o.rampFactor, o.stepSeconds, o.seconds);
        return 0;
    }
    const RunRow row = traffic.step(scenario, o.rate, o.seconds);
    printRow(row);
    return traffic.complete(row) ? 0 : 1;  // the exit code asserts delivery, never a time
}

}  // namespace

int runGroups(const LoadOptions& o) {
    const Clients clients = ownAccounts(o, o.groups * o.members);
    if (clients.empty()) {
        return 1;
    }
    const QString scenario = QStringLiteral("groups %1x%2").arg(o.groups).arg(o.members);
    return runTraffic(o, scenario, createGroups(clients, o.members));
}

int runPairs(const LoadOptions& o) {
    const Clients clients = ownAccounts(o, o.pairs * 2);
    if (clients.empty()) {
        return 1;
    }
    return runTraffic(o, QStringLiteral("pairs %1").arg(o.pairs), createPairs(clients));
}

int runIdle(const LoadOptions& o) {
    const Clients accounts = ownAccounts(o, o.users);
    if (accounts.empty()) {
        return 1;
    }
    pause(1000);
    CostMeter setup;
    setup.serverPids = o.serverPids;
    setup.start();
    const Clients idle = makeClients(o.connections);
    if (!openAndResumeAll(idle, accounts, o.servers, o.openWindow)) {
        std::fprintf(stderr, "setup failed: idle connections\n");
        return 1;
    }
    const double setupSeconds = setup.selfCpuSeconds();
    const qint64 grown = setup.serverRssBytes() - setup.serverStart.rssBytes;
    CostMeter idleCost;
    idleCost.serverPids = o.serverPids;
    idleCost.start();
    pause(int(o.seconds * 1000));
    RunRow row;
    row.scenario = QStringLiteral("idle %1").arg(o.connections);
    row.seconds = o.seconds;
    row.serverCpuSeconds = idleCost.serverCpuSeconds();
    row.serverRssBytes = idleCost.serverRssBytes();
    row.generatorCpuSeconds = idleCost.selfCpuSeconds();
    row.note = QStringLiteral(
                   "server RSS per authenticated connection %1 KiB; generator RSS %2 "
                   "MiB; generator CPU for the setup %3 s")
                   .arg(double(grown) / 1024.0 / o.connections, 0, 'f', 1)
                   .arg(double(sampleProcess(0).rssBytes) / 1048576.0, 0, 'f', 0)
                   .arg(setupSeconds, 0, 'f', 2);
    printRow(row);
    return 0;
}

int runLoginStorm(const LoadOptions& o) {
    const Clients accounts = ownAccounts(o, o.users);
    const Clients storm = makeClients(o.clients);
    if (accounts.empty() || !openAll(storm, o.servers, o.openWindow)) {
        return 1;
    }
    CostMeter cost;
    cost.serverPids = o.serverPids;
    cost.start();
    const qint64 startNs = nowNs();
    std::vector<double> latencies;
    int busy = 0;
    // All from 127.0.0.1: the per-address failed-login bucket (kLoginFailureBurstPerAddress, 20)
    // holds a token for every login in progress, so more than 20 at once are refused.
    constexpr int kLoginsInFlight = 16;
    const bool ok = loginAll(storm, accounts, kLoginsInFlight, latencies, busy);
    LatencyRecorder recorder;
    for (double ms : latencies) {
        recorder.add(ms);
    }
    RunRow row;
    row.scenario = QStringLiteral("login-storm %1").arg(o.clients);
    row.seconds = double(nowNs() - startNs) / 1e9;
    row.ackP50 = recorder.percentile(0.5);
    row.ackP99 = recorder.percentile(0.99);
    row.serverCpuSeconds = cost.serverCpuSeconds();
    row.serverRssBytes = cost.serverRssBytes();
    row.generatorCpuSeconds = cost.selfCpuSeconds();
    row.missing = o.clients - recorder.count();
    row.note = QStringLiteral(
                   "%1 logins/s, 16 in flight (one address); %2 server_busy answers retried; ack = "
                   "login latency")
                   .arg(double(recorder.count()) / row.seconds, 0, 'f', 1)
                   .arg(busy);
    printRow(row);
    return ok ? 0 : 1;
}

}  // namespace natter::load
