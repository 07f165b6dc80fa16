// Copies a whole Natter database into another one, e.g. a one-node SQLite install into the
// PostgreSQL that several nodes will share (natter-server --migrate-from, docs/scaling.md). Rows
// keep their ids, so public ids, sessions (tokens), seqs and read markers stay exactly as they
// were; each table is then verified by its row count and a SHA-256 over its rows.
#pragma once

#include <QList>
#include <QString>
#include <functional>

namespace natter {

class SqlStore;

struct TableCopy {
    QString table;
    qint64 rows = 0;
    QString checksum;  // hex SHA-256 over the rows in primary-key order, equal on both sides
};

// Both stores must be migrated to the same schema version and `target` must be empty. Copies every
// table in one target transaction, moves the target's id generators past the copied ids, and
// compares counts and checksums before committing: a failure or a difference leaves the target
// empty. `progress` then hears each committed table. Throws StoreError naming the table (and,
// for a difference, the first differing row and column) when anything fails or differs.
QList<TableCopy> copyDatabase(SqlStore& source, SqlStore& target,
                              const std::function<void(const TableCopy&)>& progress = {});

}  // namespace natter
