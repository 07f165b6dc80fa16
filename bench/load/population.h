// Setting up the people of a load run: connections opened, users registered or signed in again,
// and the conversations they talk in. Everything runs on the calling thread's event loop with a
// bounded number of operations in flight, so thousands of connections set up without a storm.
#pragma once

#include <QUrl>
#include <functional>
#include <memory>
#include <vector>

#include "load_client.h"

namespace natter::load {

using Clients = std::vector<std::unique_ptr<LoadClient>>;

// A conversation and the connections of its members (one connection per member).
struct Room {
    QString conversationId;
    std::vector<LoadClient*> members;
    qint64 lastSeq = 0;  // as the setup left it
};

// Runs the event loop for ms milliseconds.
void pause(int ms);
// Runs the event loop until done() or the timeout; false on timeout.
bool waitFor(const std::function<bool()>& done, int timeoutMs);

// Starts op(i) for every i in [0, count) with at most `window` unfinished. op calls finish(true)
// when done, or finish(false) to be started again a moment later (server_busy, a refused
// connection). False when not everything finished within timeoutMs.
using WindowedOp = std::function<void(int index, std::function<void(bool ok)> finish)>;
bool runWindowed(int count, int window, const WindowedOp& op, int timeoutMs);

Clients makeClients(int count);
void openOne(LoadClient* client, const QUrl& url, std::function<void(bool)> finish);
bool openAll(const Clients& clients, const ServerUrls& servers, int window);

// Opens and then signs each connection from index `from` on in with auth.register as
// `<prefix><n>` (accounts of their own; n counts from 0).
bool registerRange(const Clients& clients, size_t from, const ServerUrls& servers,
                   const QString& prefix, int window);
// Opens the connection and signs it in with auth.resume; finish(false) when it did not open.
void openAndResume(LoadClient* client, const QUrl& url, const QString& token,
                   std::function<void(bool)> finish);
// openAndResume on each connection with the token of accounts[i % accounts.size()] (one after
// the other per connection, so none waits unauthenticated while thousands open).
bool openAndResumeAll(const Clients& clients, const Clients& accounts, const ServerUrls& servers,
                      int window);
// auth.login on each connection as accounts[i % accounts.size()]; latencies in ms of each success.
bool loginAll(const Clients& clients, const Clients& accounts, int window,
              std::vector<double>& latenciesMs, int& busyAnswers);

// Consecutive runs of `size` clients; the first of each creates the group.
std::vector<Room> createGroups(const Clients& clients, int size);
// Clients 2i and 2i+1 share a private conversation (created by a first message).
std::vector<Room> createPairs(const Clients& clients);

QString benchPassword();
// A client_message_id no earlier run used: a sender's ids name its messages forever, and the
// accounts may be reused (--accounts), so each process adds a random tag of its own.
QString freshMessageId(const QString& name);

}  // namespace natter::load
