// reconnect-storm: every client drops at once, messages are written while they are away, and
// all come back together with auth.resume and sync; each must catch up exactly (every missed
// message once, in seq order, nothing else). Reports how long until the last one caught up.
#include <QJsonArray>
#include <cstdio>

#include "accounts.h"
#include "population.h"
#include "scenarios.h"
#include "stats.h"

namespace natter::load {
namespace {

// One client's catch-up through `sync` pages. Its account may be in other conversations (from
// earlier runs with --accounts): their messages are taken as a client would, with their cursors
// moved on, and only the storm's conversation is checked.
struct CatchUp {
    LoadClient* client = nullptr;
    QString conversationId;
    qint64 nextSeq = 0;  // the next seq expected in the storm's conversation
    qint64 lastSeq = 0;  // its last seq after the writers
    bool exact = true;
    QJsonObject cursors;
};

// Takes one conversation's page; true when the storm's conversation has more to fetch (older
// conversations are not paged through: only the storm's catch-up is measured).
bool takePage(CatchUp& c, const QJsonObject& page) {
    const QString id = page.value(QStringLiteral("conversation"))
                           .toObject()
                           .value(QStringLiteral("id"))
                           .toString();
    const bool mine = id == c.conversationId;
    for (const QJsonValue& message : page.value(QStringLiteral("messages")).toArray()) {
        const qint64 seq = message.toObject().value(QStringLiteral("seq")).toInteger();
        c.cursors.insert(id, seq);
        if (mine) {
            c.exact = c.exact && seq == c.nextSeq;
            ++c.nextSeq;
        }
    }
    return mine && page.value(QStringLiteral("has_more")).toBool();
}

void syncPage(std::shared_ptr<CatchUp> c, std::function<void(bool)> finish) {
    if (c->cursors.isEmpty()) {
        c->cursors.insert(c->conversationId, c->nextSeq - 1);
    }
    const QJsonObject params{{QStringLiteral("cursors"), c->cursors}};
    c->client->request(QStringLiteral("sync"), params, [c, finish](const QJsonObject& response) {
        const QJsonObject result = resultOf(response);
        bool again = result.value(QStringLiteral("more")).toBool();
        for (const QJsonValue& entry : result.value(QStringLiteral("conversations")).toArray()) {
            again = takePage(*c, entry.toObject()) || again;
        }
        if (again && c->exact && !response.contains(QStringLiteral("error"))) {
            syncPage(c, finish);
            return;
        }
        c->exact = c->exact && c->nextSeq == c->lastSeq + 1;
        finish(true);
    });
}

// The writers (each group's first member) send `messages` each while the others are away.
bool writeWhileAway(std::vector<Room>& rooms, int messages) {
    const int groups = int(rooms.size());
    const bool written = runWindowed(
        groups * messages, groups,
        [&](int i, std::function<void(bool)> finish) {
            Room& room = rooms[size_t(i % groups)];
            const QJsonObject params{
                {QStringLiteral("conversation_id"), room.conversationId},
                {QStringLiteral("client_message_id"), freshMessageId(QString::number(i))},
                {QStringLiteral("type"), QStringLiteral("text")},
                {QStringLiteral("body"), QStringLiteral("while you were away")}};
            room.members.front()->request(
                QStringLiteral("messages.send"), params,
                [finish](const QJsonObject& r) { finish(!r.contains(QStringLiteral("error"))); });
        },
        120'000);
    return written;
}

struct StormSetup {
    Clients accounts;
    std::vector<Room> rooms;
    Clients storm;
};

bool setUp(const LoadOptions& o, StormSetup& s) {
    s.accounts = ownAccounts(o, o.users - o.users % o.members);
    if (s.accounts.empty()) {
        return false;
    }
    s.rooms = createGroups(s.accounts, o.members);
    s.storm = makeClients(o.clients);
    return !s.rooms.empty() && openAndResumeAll(s.storm, s.accounts, o.servers, o.openWindow);
}

// All storm clients reconnect at once (openWindow handshakes in flight), resume and sync from
// `cursor`; perClient gets each one's time from the start to its exact catch-up.
bool comeBackAll(const LoadOptions& o, const StormSetup& s, qint64 cursor,
                 std::vector<std::shared_ptr<CatchUp>>& catchUps, LatencyRecorder& perClient) {
    for (size_t i = 0; i < s.storm.size(); ++i) {
        const Room& room = s.rooms[(i % s.accounts.size()) / size_t(o.members)];
        catchUps.push_back(std::make_shared<CatchUp>(CatchUp{
            s.storm[i].get(), room.conversationId, cursor + 1, cursor + o.messages, true, {}}));
    }
    const qint64 startNs = nowNs();
    return runWindowed(
        int(catchUps.size()), o.openWindow,
        [&](int i, std::function<void(bool)> finish) {
            const auto& c = catchUps[size_t(i)];
            const QString token = s.accounts[size_t(i) % s.accounts.size()]->token;
            openAndResume(c->client, o.servers.at(size_t(i)), token, [&, c, finish](bool signedIn) {
                if (!signedIn) {
                    finish(false);
                    return;
                }
                syncPage(c, [&, finish](bool) {
                    perClient.add(double(nowNs() - startNs) / 1e6);
                    finish(true);
                });
            });
        },
        600'000);
}

}  // namespace

int runReconnectStorm(const LoadOptions& o) {
    StormSetup s;
    if (!setUp(o, s)) {
        std::fprintf(stderr, "setup failed: reconnect-storm\n");
        return 1;
    }
    for (const auto& client : s.storm) {
        client->close();
    }
    pause(1000);
    if (!writeWhileAway(s.rooms, o.messages)) {
        std::fprintf(stderr, "the writers could not send\n");
        return 1;
    }
    CostMeter cost;
    cost.serverPids = o.serverPids;
    cost.start();
    std::vector<std::shared_ptr<CatchUp>> catchUps;
    LatencyRecorder perClient;
    const qint64 startNs = nowNs();
    const bool ok = comeBackAll(o, s, s.rooms.front().lastSeq, catchUps, perClient);
    RunRow row;
    row.e2eP50 = perClient.percentile(0.5);
    row.e2eP99 = perClient.percentile(0.99);
    row.scenario = QStringLiteral("reconnect-storm %1").arg(o.clients);
    row.seconds = double(nowNs() - startNs) / 1e9;
    row.serverCpuSeconds = cost.serverCpuSeconds();
    row.serverRssBytes = cost.serverRssBytes();
    row.generatorCpuSeconds = cost.selfCpuSeconds();
    row.missing =
        std::count_if(catchUps.begin(), catchUps.end(), [](const auto& c) { return !c->exact; });
    row.note = QStringLiteral(
                   "all caught up in %1 s; %2 missed messages each; e2e = time from "
                   "the storm's start to a client's exact catch-up; missing = clients "
                   "without an exact catch-up")
                   .arg(row.seconds, 0, 'f', 2)
                   .arg(o.messages);
    printRow(row);
    return ok && row.missing == 0 ? 0 : 1;
}

}  // namespace natter::load
