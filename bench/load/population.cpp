#include "population.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>
#include <deque>

namespace natter::load {
namespace {

constexpr int kSetupTimeoutMs = 600'000;
constexpr int kRetryDelayMs = 100;  // after server_busy or a refused connection
const QString kServerBusy = QStringLiteral("server_busy");

// Sends one request and finishes the windowed op: retried on server_busy, failed otherwise.
void requestOnce(LoadClient* client, const QString& method, const QJsonObject& params,
                 std::function<void(bool)> finish,
                 std::function<void(const QJsonObject& result)> onResult) {
    client->request(method, params, [finish, onResult](const QJsonObject& response) {
        if (errorCodeOf(response) == kServerBusy) {
            finish(false);
            return;
        }
        if (response.contains(QStringLiteral("error"))) {
            qWarning("request failed: %s", qPrintable(errorCodeOf(response)));
            return;  // never finishes: the setup times out and says so
        }
        onResult(resultOf(response));
        finish(true);
    });
}

void keepSignIn(LoadClient* client, const QJsonObject& result) {
    const QJsonObject user = result.value(QStringLiteral("user")).toObject();
    client->userId = user.value(QStringLiteral("id")).toString();
    client->username = user.value(QStringLiteral("username")).toString();
    if (result.contains(QStringLiteral("token"))) {
        client->token = result.value(QStringLiteral("token")).toString();
    }
}

// The conversation a creating request answered with, and its last seq so far.
void keepRoom(Room& room, const QJsonObject& result) {
    const QJsonObject message = result.value(QStringLiteral("message")).toObject();
    room.conversationId = message.value(QStringLiteral("conversation_id")).toString();
    room.lastSeq = message.value(QStringLiteral("seq")).toInteger();
}

}  // namespace

QString benchPassword() {
    return QStringLiteral("load-generator-password");
}

QString freshMessageId(const QString& name) {
    static const QString tag =
        QString::number(QRandomGenerator::global()->generate64(), 36) + QLatin1Char('-');
    return tag + name;
}

void pause(int ms) {
    QEventLoop loop;  // sleeps until an event: a poll timer would walk every socket each time
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitFor(const std::function<bool()>& done, int timeoutMs) {
    QElapsedTimer elapsed;
    elapsed.start();
    QTimer wake;  // WaitForMoreEvents sleeps until something happens; this bounds the sleep
    wake.start(5);
    while (!done()) {
        if (elapsed.elapsed() >= timeoutMs) {
            return false;
        }
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

bool runWindowed(int count, int window, const WindowedOp& op, int timeoutMs) {
    // Shared with the finish callbacks, which may outlive this call after a timeout.
    struct State {
        std::deque<int> waiting;
        int running = 0;
        int finished = 0;
    };
    auto state = std::make_shared<State>();
    for (int i = 0; i < count; ++i) {
        state->waiting.push_back(i);
    }
    auto finisher = [state](int index) {
        return [state, index](bool ok) {
            if (ok) {
                ++state->finished;
                --state->running;
                return;
            }
            QTimer::singleShot(kRetryDelayMs, [state, index] {
                --state->running;
                state->waiting.push_front(index);
            });
        };
    };
    return waitFor(
        [&] {
            while (state->running < window && !state->waiting.empty()) {
                const int index = state->waiting.front();
                state->waiting.pop_front();
                ++state->running;
                op(index, finisher(index));
            }
            return state->finished == count;
        },
        timeoutMs);
}

Clients makeClients(int count) {
    Clients clients;
    clients.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        clients.push_back(std::make_unique<LoadClient>());
    }
    return clients;
}

void openOne(LoadClient* client, const QUrl& url, std::function<void(bool)> finish) {
    auto* watch = new QObject(client);  // its connections end with it
    auto once = [client, watch, finish](bool opened) {
        QObject::disconnect(client, nullptr, watch, nullptr);  // an error may follow `closed`
        watch->deleteLater();
        finish(opened);
    };
    QObject::connect(client, &LoadClient::opened, watch, [once] { once(true); });
    QObject::connect(client, &LoadClient::closed, watch, [once] { once(false); });
    client->open(url);
}

void openAndResume(LoadClient* client, const QUrl& url, const QString& token,
                   std::function<void(bool)> finish) {
    client->token = token;
    openOne(client, url, [client, token, finish](bool opened) {
        if (!opened) {
            finish(false);
            return;
        }
        requestOnce(client, QStringLiteral("auth.resume"), {{QStringLiteral("token"), token}},
                    finish, [client](const QJsonObject& result) { keepSignIn(client, result); });
    });
}

bool openAll(const Clients& clients, const ServerUrls& servers, int window) {
    return runWindowed(
        int(clients.size()), window,
        [&](int i, std::function<void(bool)> finish) {
            openOne(clients[size_t(i)].get(), servers.at(size_t(i)), finish);
        },
        kSetupTimeoutMs);
}

bool registerRange(const Clients& clients, size_t from, const ServerUrls& servers,
                   const QString& prefix, int window) {
    return runWindowed(
        int(clients.size() - from), window,
        [&](int i, std::function<void(bool)> finish) {
            LoadClient* client = clients[from + size_t(i)].get();
            if (!client->isOpen()) {  // opened here: the auth deadline runs from the handshake
                openOne(client, servers.at(from + size_t(i)), [finish](bool) { finish(false); });
                return;
            }
            const QJsonObject params{
                {QStringLiteral("username"), QString(prefix + QString::number(i))},
                {QStringLiteral("display_name"), QStringLiteral("Load")},
                {QStringLiteral("password"), benchPassword()},
                {QStringLiteral("device_name"), QStringLiteral("load")}};
            requestOnce(client, QStringLiteral("auth.register"), params, finish,
                        [client](const QJsonObject& result) { keepSignIn(client, result); });
        },
        kSetupTimeoutMs);
}

bool openAndResumeAll(const Clients& clients, const Clients& accounts, const ServerUrls& servers,
                      int window) {
    return runWindowed(
        int(clients.size()), window,
        [&](int i, std::function<void(bool)> finish) {
            const LoadClient& account = *accounts[size_t(i) % accounts.size()];
            openAndResume(clients[size_t(i)].get(), servers.at(size_t(i)), account.token, finish);
        },
        kSetupTimeoutMs);
}

bool loginAll(const Clients& clients, const Clients& accounts, int window,
              std::vector<double>& latenciesMs, int& busyAnswers) {
    return runWindowed(
        int(clients.size()), window,
        [&](int i, std::function<void(bool)> finish) {
            LoadClient* client = clients[size_t(i)].get();
            const LoadClient& account = *accounts[size_t(i) % accounts.size()];
            const qint64 sentNs = nowNs();
            const QJsonObject params{{QStringLiteral("username"), account.username},
                                     {QStringLiteral("password"), benchPassword()},
                                     {QStringLiteral("device_name"), QStringLiteral("storm")}};
            auto counted = [&busyAnswers, &latenciesMs, finish, sentNs](bool ok) {
                ok ? latenciesMs.push_back(double(nowNs() - sentNs) / 1e6) : void(++busyAnswers);
                finish(ok);
            };
            requestOnce(client, QStringLiteral("auth.login"), params, counted,
                        [client](const QJsonObject& result) { keepSignIn(client, result); });
        },
        kSetupTimeoutMs);
}

std::vector<Room> createGroups(const Clients& clients, int size) {
    const int groups = int(clients.size()) / size;
    std::vector<Room> rooms(static_cast<size_t>(groups));
    for (int g = 0; g < groups; ++g) {
        for (int m = 0; m < size; ++m) {
            rooms[size_t(g)].members.push_back(clients[size_t(g * size + m)].get());
        }
    }
    const bool created = runWindowed(
        groups, 16,
        [&](int g, std::function<void(bool)> finish) {
            Room& room = rooms[size_t(g)];
            QJsonArray others;
            for (size_t m = 1; m < room.members.size(); ++m) {
                others.append(room.members[m]->userId);
            }
            const QJsonObject params{
                {QStringLiteral("name"), QStringLiteral("load %1").arg(g)},
                {QStringLiteral("member_ids"), others},
                {QStringLiteral("client_message_id"), freshMessageId(QStringLiteral("create"))},
                {QStringLiteral("type"), QStringLiteral("text")},
                {QStringLiteral("body"), QStringLiteral("hello")}};
            requestOnce(room.members.front(), QStringLiteral("conversations.create_group"), params,
                        finish, [&room](const QJsonObject& result) { keepRoom(room, result); });
        },
        kSetupTimeoutMs);
    return created ? rooms : std::vector<Room>();
}

std::vector<Room> createPairs(const Clients& clients) {
    const int pairs = int(clients.size()) / 2;
    std::vector<Room> rooms(static_cast<size_t>(pairs));
    const bool created = runWindowed(
        pairs, 16,
        [&](int p, std::function<void(bool)> finish) {
            Room& room = rooms[size_t(p)];
            room.members = {clients[size_t(2 * p)].get(), clients[size_t(2 * p + 1)].get()};
            const QJsonObject params{
                {QStringLiteral("to_user_id"), room.members[1]->userId},
                {QStringLiteral("client_message_id"), freshMessageId(QStringLiteral("hello"))},
                {QStringLiteral("type"), QStringLiteral("text")},
                {QStringLiteral("body"), QStringLiteral("hello")}};
            requestOnce(room.members.front(), QStringLiteral("messages.send"), params, finish,
                        [&room](const QJsonObject& result) { keepRoom(room, result); });
        },
        kSetupTimeoutMs);
    return created ? rooms : std::vector<Room>();
}

}  // namespace natter::load
