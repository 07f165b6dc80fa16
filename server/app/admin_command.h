// natter-server admin COMMAND [ARGUMENT] (docs/operations.md, "Administering accounts"): one-shot
// commands on the database the other settings name, for a running or a stopped server. What must
// reach the running nodes (revoked sessions) goes through the database: every node polls it
// (auth/revocation_watcher.h).
#pragma once

#include "server_config.h"

namespace natter {

// The help text of the admin commands (also in natter-server --help).
QString adminCommandsHelp();

// Runs config.adminCommand. 0: done; 1: failed or refused (no such user, database error);
// 2: not a command, or the wrong arguments.
int runAdminCommand(const ServerConfig& config);

}  // namespace natter
