// A running natter-server plus one registered account, the common starting point of the protocol
// tests, and the check that the server keeps serving after a test did something nasty to it.
#pragma once

#include <QStringList>
#include <QUrl>
#include <memory>
#include <vector>

#include "protocol_checks.h"
#include "server_process.h"
#include "ws_test_client.h"

namespace natter::test {

// A natter-server process and the test clients connected to it, which it owns: what every
// protocol-level test fixture is built on.
class TestServer {
public:
    explicit TestServer(QStringList extraArgs = {});

    // Starts (or restarts, on the same data dir) the server process; empty on success, else why
    // not.
    QString startProcess();
    ServerProcess& process() { return process_; }
    QUrl url() const { return process_.url(); }

    // A new client, not connected yet, owned by the fixture until releaseClients().
    WsTestClient* addClient(const WsTestClient::Options& options = {});
    // A new client, connected with natter.v1 offered; null when the handshake failed. The fixture
    // owns it until releaseClients().
    WsTestClient* connectClient(const WsTestClient::Options& options = {});
    // Closes and forgets every client, returning every problem in what they received: text that is
    // not a JSON object, or ids that are not public ids and undocumented numbers (see
    // internalIdProblems).
    QStringList releaseClients();
    // The last lines of the server's log, for failure messages.
    QString logTail(int lines = 40) const;

private:
    ServerProcess process_;
    std::vector<std::unique_ptr<WsTestClient>> clients_;
};

// A running server plus one registered account (the fixture).
class ProtocolServer : public TestServer {
public:
    using TestServer::TestServer;

    // Starts the server and registers the fixture account; the empty string on success, else
    // what went wrong.
    QString start();
    // A new client signed in to the fixture account's session with auth.resume; null on failure.
    WsTestClient* connectSignedIn();

    const QString& fixtureUsername() const { return fixtureUsername_; }
    const SignedIn& fixture() const { return fixture_; }

    // Empty when a brand-new connection can still log in and list its sessions, else why not.
    QString checkStillServing();
    // Empty when `client` still answers requests properly: it is signed in to the fixture session
    // with auth.resume unless `alreadySignedIn`, then sessions.list must succeed.
    QString checkConnectionUsable(WsTestClient& client, bool alreadySignedIn = false);

private:
    QString fixtureUsername_;
    SignedIn fixture_;
};

// Closes every client of `server` and fails the current test on the problems found in what they
// received (see TestServer::releaseClients); prints the end of the server's log when the test
// failed.
void verifyReleaseClients(TestServer& server);

// A username nobody has used on this server yet (3–32 characters of a–z, 0–9, '_').
QString uniqueUsername(const QString& stem);

}  // namespace natter::test
