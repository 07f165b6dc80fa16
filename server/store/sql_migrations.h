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

// Which rows message search sees (docs/protocol.md 5.3a; schema version 10): messages users sent
// (not system messages or change entries) that still have text (tombstones have none). `row`: a
// qualifier with its dot ("m."), or empty. PostgreSQL's search index is partial on exactly this,
// so its query repeats it. Never change it: a new rule needs a new migration.
QString searchable(const QString& row);

}  // namespace natter
