// Chaos run (docs/testing.md; not part of ctest): the real natter-server on loopback with SQLite
// in a temporary directory, many clients chatting in private and group conversations, and the
// server killed with SIGKILL at random moments and restarted each time. After every restart each
// client resumes its session, retries its unacknowledged messages with the same client_message_id
// and catches up with sync. At the end the clients' records and views are compared with the
// database: no acknowledged message lost or doubled, seqs gap-free, unread counts exact.
//   kill9_chaos [--clients N] [--kills K] [--seed S] [--max-seconds T]
// Prints one summary line; exits 0 only when everything matched.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>
#include <cstdio>
#include <memory>

#include "chaos_audit.h"
#include "chaos_client.h"
#include "chat_checks.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chaos;

namespace {

constexpr int kGroupSize = 5;
constexpr int kPumpIntervalMs = 60;  // ~16 requests/s per client at most: inside the request budget
constexpr int kTrafficMinMs = 200;
constexpr int kTrafficMaxMs = 1'500;
constexpr int kKillJitterMs = 15;

struct Settings {
    int clients = 20;
    int kills = 20;
    quint32 seed = 1;
    int maxSeconds = 300;
};

Settings parse(const QCoreApplication& app) {
    QCommandLineParser parser;
    parser.addHelpOption();
    const auto number = [&](const char* name, const char* help, int fallback) {
        parser.addOption({QString::fromLatin1(name), QString::fromLatin1(help), QStringLiteral("n"),
                          QString::number(fallback)});
    };
    number("clients", "Chatting users (a multiple of 5; default 20).", 20);
    number("kills", "SIGKILL rounds (default 20).", 20);
    number("seed", "Random seed (default 1).", 1);
    number("max-seconds", "Give up after this long (default 300).", 300);
    parser.process(app);
    Settings settings;
    settings.clients =
        qMax(kGroupSize, parser.value(QStringLiteral("clients")).toInt() / kGroupSize * kGroupSize);
    settings.kills = parser.value(QStringLiteral("kills")).toInt();
    settings.seed = parser.value(QStringLiteral("seed")).toUInt();
    settings.maxSeconds = parser.value(QStringLiteral("max-seconds")).toInt();
    return settings;
}

// Users 5g..5g+4 share group g; users 2k and 2k+1 chat privately.
QString setUp(chat::ChatServer& server, int count,
              std::vector<std::unique_ptr<ChaosClient>>& clients) {
    const QList<chat::ChatUser> users = server.registerUsers(QStringLiteral("chaos"), count);
    if (users.size() != count) {
        return QStringLiteral("registration failed");
    }
    for (int first = 0; first < count; first += kGroupSize) {
        const QJsonObject created = users.at(first).client->call(
            spec::method::kConversationsCreateGroup,
            chat::createGroupParams(QStringLiteral("Chaos %1").arg(first / kGroupSize),
                                    chat::userIdsOf(users.mid(first + 1, kGroupSize - 1)),
                                    QStringLiteral("hello group")));
        if (!isResult(created)) {
            return QStringLiteral("create_group failed: ") + describe(created);
        }
        const QString groupId = chat::idOf(chat::conversationOf(created));
        for (int i = first; i < first + kGroupSize; ++i) {
            clients.push_back(std::make_unique<ChaosClient>(
                users.at(i), QList<QJsonObject>{chat::toConversation(groupId),
                                                chat::toUser(users.at(i ^ 1).userId)}));
            clients.back()->attach(users.at(i).client);
        }
    }
    return {};
}

// Ends right after a round of sends plus a random few milliseconds, so the kill that follows finds
// requests at every stage: unread, being stored, committed but unanswered.
void traffic(std::vector<std::unique_ptr<ChaosClient>>& clients, QRandomGenerator& random,
             int durationMs) {
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        for (auto& client : clients) {
            client->pump(random);
        }
        if (timer.elapsed() >= durationMs) {
            break;
        }
        QTest::qWait(kPumpIntervalMs);
    }
    QTest::qWait(random.bounded(kKillJitterMs));
}

// After a (re)start: every client signs in again, retries and catches up.
QString reconnect(chat::ChatServer& server, std::vector<std::unique_ptr<ChaosClient>>& clients) {
    for (auto& client : clients) {
        WsTestClient* connection = server.resume(client->user().token);
        if (!connection) {
            return client->user().username + QStringLiteral(": resume failed");
        }
        client->attach(connection);
    }
    for (auto& client : clients) {
        QString problem = client->retryUnacknowledged();
        if (problem.isEmpty()) {
            problem = client->syncView();
        }
        if (!problem.isEmpty()) {
            return problem;
        }
    }
    return {};
}

// Lets in-flight answers arrive, settles every client, marks half of each conversation read and
// collects each client's conversations.list.
QString finish(chat::ChatServer& server, std::vector<std::unique_ptr<ChaosClient>>& clients,
               QList<QJsonObject>& lists) {
    if (const QString problem = reconnect(server, clients); !problem.isEmpty()) {
        return problem;
    }
    for (auto& client : clients) {
        for (const QString& conversationId : client->view().keys()) {
            const int half = client->gapFreeSeq(conversationId) / 2;
            if (const QString problem = client->markRead(conversationId, half);
                !problem.isEmpty()) {
                return problem;
            }
        }
    }
    QTest::qWait(200);  // read_state events settle; the answers below are what counts
    for (auto& client : clients) {
        WsTestClient* connection = server.resume(client->user().token);
        const QJsonObject list =
            connection ? connection->call(spec::method::kConversationsList) : QJsonObject();
        if (!isResult(list)) {
            return client->user().username + QStringLiteral(": conversations.list failed");
        }
        lists.append(list.value(QStringLiteral("result")).toObject());
    }
    return {};
}

int report(const Settings& settings, int kills, const QString& failure, const AuditCounts& counts,
           qint64 elapsedMs) {
    for (const QString& detail : counts.details) {
        std::fprintf(stderr, "  %s\n", qPrintable(detail));
    }
    if (!failure.isEmpty()) {
        std::fprintf(stderr, "chaos run stopped: %s\n", qPrintable(failure));
    }
    const bool ok = failure.isEmpty() && counts.clean();
    std::printf("chaos kill9: clients=%d kills=%d seed=%u %s elapsed_s=%lld -> %s\n",
                settings.clients, kills, settings.seed, qPrintable(counts.summary()),
                elapsedMs / 1000, ok ? "OK" : "MISMATCH");
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const Settings settings = parse(app);
    QRandomGenerator random(settings.seed);
    QElapsedTimer elapsed;
    elapsed.start();

    chat::ChatServer server;
    std::vector<std::unique_ptr<ChaosClient>> clients;
    QString failure = server.start();
    if (failure.isEmpty()) {
        failure = setUp(server, settings.clients, clients);
    }
    int kills = 0;
    while (failure.isEmpty() && kills < settings.kills &&
           elapsed.elapsed() < settings.maxSeconds * 1000LL) {
        traffic(clients, random, kTrafficMinMs + random.bounded(kTrafficMaxMs - kTrafficMinMs));
        server.process().kill();
        ++kills;
        const QStringList problems = server.releaseClients();
        failure = problems.isEmpty() ? server.start() : problems.join(u'\n');
        if (failure.isEmpty()) {
            failure = reconnect(server, clients);
        }
        std::fprintf(stderr, "kill %d done (%lld ms)\n", kills, elapsed.elapsed());
    }
    QList<QJsonObject> lists;
    if (failure.isEmpty()) {
        failure = finish(server, clients, lists);
    }
    server.releaseClients();
    if (failure.isEmpty() && server.process().stop() != 0) {
        failure = QStringLiteral("the server did not stop cleanly");
    }
    QList<ChaosClient*> audited;
    for (auto& client : clients) {
        audited.append(client.get());
    }
    const AuditCounts counts =
        failure.isEmpty()
            ? audit(server.process().dataDir() + QStringLiteral("/natter.sqlite3"), audited, lists)
            : AuditCounts{};
    return report(settings, kills, failure, counts, elapsed.elapsed());
}
