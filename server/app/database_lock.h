// One process per SQLite database: the server holds a lock file beside the database while it
// runs, and --restore-from takes the same lock, so a restore never replaces the file under a
// running server and two servers never share one SQLite file. A lock left by a process that
// died (kill -9, power loss) is stale and taken over. PostgreSQL needs no such lock: several
// nodes share it by design (docs/scaling.md).
#pragma once

#include <QLockFile>
#include <QString>
#include <memory>
#include <variant>

namespace natter {

// The held lock (null for PostgreSQL, which needs none), or why it could not be taken.
using DatabaseLockOrError = std::variant<std::unique_ptr<QLockFile>, QString>;

DatabaseLockOrError lockDatabase(const QString& databaseUrl);

}  // namespace natter
