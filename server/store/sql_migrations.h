// Versioned schema migrations per SQL dialect. Append new versions; never edit a shipped one.
#pragma once

#include <QList>
#include <QStringList>

#include "sql_dialect.h"

namespace natter {

struct Migration {
    int version;
    QStringList statements;
};

const QList<Migration>& migrationsFor(SqlDialect dialect);

}  // namespace natter
