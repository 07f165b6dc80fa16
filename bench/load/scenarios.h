// The scenarios of natter-load (bench/README.md): each sets up its people, runs, and prints
// its rows of the result table. Each returns the process exit code (0: everything delivered).
#pragma once

#include <QString>
#include <QUrl>

#include "load_client.h"
#include "stats.h"

namespace natter::load {

struct LoadOptions {
    ServerUrls servers;     // --url: one address, or the nodes' addresses separated by commas
    ServerPids serverPids;  // none: no server figures
    QString prefix;         // usernames are <prefix><n>
    QString accountsFile;   // tokens of accounts registered by earlier runs (one per line)
    double rate = 1000;     // messages/s (traffic), offered by all senders together
    double seconds = 10;    // a run (traffic at one rate, or idle time)
    bool ramp = false;
    double rampFactor = 1.25;
    double stepSeconds = 5;
    double maxP99Ms = 200;
    int groups = 100;
    int members = 10;
    int pairs = 500;
    int connections = 5000;  // idle
    int clients = 1000;      // login and reconnect storms
    int users = 100;         // accounts the idle and storm connections sign in as
    int messages = 20;       // per group, written while the storm's clients are away
    int window = 64;         // sign-ins in flight (the server queues at most 64 password hashes)
    int openWindow = 256;    // handshakes in flight
};

int runGroups(const LoadOptions& options);
int runPairs(const LoadOptions& options);
int runIdle(const LoadOptions& options);
int runLoginStorm(const LoadOptions& options);
int runReconnectStorm(const LoadOptions& options);

}  // namespace natter::load
