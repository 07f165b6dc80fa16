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

class ProtocolServer {
public:
    explicit ProtocolServer(QStringList extraArgs = {});

    // Starts the server and registers the fixture account; the empty string on success, else
    // what went wrong.
    QString start();
    ServerProcess& process() { return process_; }
    QUrl url() const { return process_.url(); }

    // A new client, not connected yet, owned by the fixture until releaseClients().
    WsTestClient* addClient(const WsTestClient::Options& options = {});
    // A new client, connected with natter.v1 offered; null when the handshake failed. The fixture
    // owns it until releaseClients().
    WsTestClient* connectClient(const WsTestClient::Options& options = {});
    // A new client signed in to the fixture account's session with auth.resume; null on failure.
    WsTestClient* connectSignedIn();
    // Closes and forgets every client, returning every problem in what they received: text that is
    // not a JSON object, or ids that are not public ids (see internalIdProblems).
    QStringList releaseClients();

    const QString& fixtureUsername() const { return fixtureUsername_; }
    const SignedIn& fixture() const { return fixture_; }

    // Empty when a brand-new connection can still log in and list its sessions, else why not.
    QString checkStillServing();
    // Empty when `client` still answers requests properly: it is signed in to the fixture session
    // with auth.resume unless `alreadySignedIn`, then sessions.list must succeed.
    QString checkConnectionUsable(WsTestClient& client, bool alreadySignedIn = false);
    // The last lines of the server's log, for failure messages.
    QString logTail(int lines = 40) const;

private:
    ServerProcess process_;
    std::vector<std::unique_ptr<WsTestClient>> clients_;
    QString fixtureUsername_;
    SignedIn fixture_;
};

// A username nobody has used on this server yet (3–32 characters of a–z, 0–9, '_').
QString uniqueUsername(const QString& stem);

}  // namespace natter::test
