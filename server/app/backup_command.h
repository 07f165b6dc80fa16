// natter-server --backup-to FILE and --restore-from FILE (docs/operations.md, "Backup and
// restore"): one-shot commands on the SQLite database the other settings name.
#pragma once

#include "server_config.h"

namespace natter {

// Backs up the (possibly running) server's SQLite database. 0: written and verified; 1: failed
// (nothing left under the target name); 2: not applicable (PostgreSQL: use pg_dump).
int runBackupCommand(const ServerConfig& config);

// Replaces the stopped server's SQLite database with a verified backup. 0: restored; 1: refused
// or failed (the database is unchanged); 2: not applicable (PostgreSQL: use pg_restore).
int runRestoreCommand(const ServerConfig& config);

}  // namespace natter
