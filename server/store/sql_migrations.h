// Versioned schema migrations per SQL dialect. Append new versions; never edit a shipped one.
#pragma once

#include <QList>
#include <QStringList>

namespace natter {

enum class SqlDialect { Sqlite };

struct Migration {
    int version;
    QStringList statements;
};

const QList<Migration>& migrationsFor(SqlDialect dialect);

}  // namespace natter
