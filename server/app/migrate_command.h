// natter-server --migrate-from sqlite:<path> --database postgres://...: the step from one node on
// SQLite to several nodes on PostgreSQL (docs/scaling.md). Runs instead of the server.
#pragma once

namespace natter {

struct ServerConfig;

// Copies and verifies; prints each table to stdout and any failure to stderr. Returns the
// process's exit code: 0 copied and verified, 1 the copy failed (the target is left empty),
// 2 the databases given are not a SQLite source and a PostgreSQL target.
int runMigrateCommand(const ServerConfig& config);

}  // namespace natter
