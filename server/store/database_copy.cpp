#include "database_copy.h"

#include <QCryptographicHash>
#include <QSet>
#include <QStringList>

#include "sql_dialect.h"
#include "sql_store.h"

namespace natter {
namespace {

// Rows are read and written this many at a time: memory stays flat however large a table is.
constexpr int kRowsPerChunk = 1'000;

struct TableSpec {
    QString name;
    QStringList primaryKey;  // the checksum's row order, the same on every database
};

// Every table of the schema, parents before children (foreign keys hold at each insert).
const QList<TableSpec>& tableSpecs() {
    static const QList<TableSpec> specs{
        {QStringLiteral("users"), {QStringLiteral("id")}},
        {QStringLiteral("sessions"), {QStringLiteral("id")}},
        {QStringLiteral("conversations"), {QStringLiteral("id")}},
        {QStringLiteral("conversation_members"),
         {QStringLiteral("conversation_id"), QStringLiteral("user_id")}},
        {QStringLiteral("messages"), {QStringLiteral("id")}},
        {QStringLiteral("message_reactions"),
         {QStringLiteral("message_id"), QStringLiteral("user_id"), QStringLiteral("emoji")}},
        {QStringLiteral("files"), {QStringLiteral("ref")}},
        {QStringLiteral("message_files"), {QStringLiteral("message_id"), QStringLiteral("ref")}},
        {QStringLiteral("blocks"), {QStringLiteral("id")}},
        {QStringLiteral("pending_notifications"), {QStringLiteral("user_id")}},
        {QStringLiteral("password_resets"), {QStringLiteral("user_id")}},
        {QStringLiteral("session_revocations"), {QStringLiteral("id")}},
    };
    return specs;
}

// Kept by each database for itself: the migrations' bookkeeping, and the insertion order
// PostgreSQL keeps in a column where SQLite has its rowid (insertionOrder in sql_dialect.h).
const QString kSchemaVersionTable = QStringLiteral("schema_version");
const QString kMemberOrderColumn = QStringLiteral("member_order");
// SQLite's message search index (FTS5: the table and its shadow tables) is derived from messages;
// each database builds its own from the rows copied (schema version 10).
const QString kSearchIndexPrefix = QStringLiteral("message_search");

[[noreturn]] void fail(const QString& what) {
    throw StoreError(what, StoreError::Kind::Fatal);
}

// Visits every row of `table` (the values of `columns`) in the order of `keys`, which may be
// expressions; reads kRowsPerChunk rows per statement, continuing after the last key seen.
void forEachRow(SqlStore& store, const QString& table, const QStringList& columns,
                const QStringList& keys, const std::function<void(const QVariantList&)>& visit) {
    const QStringList selected = columns + keys;  // the keys last: where the next chunk starts
    const QString head = QStringLiteral("SELECT %1 FROM %2 t").arg(selected.join(u','), table);
    const QString tail =
        QStringLiteral(" ORDER BY %1 LIMIT %2").arg(keys.join(u',')).arg(kRowsPerChunk);
    const QString after =
        QStringLiteral(" WHERE (%1) > (%2)")
            .arg(keys.join(u','), QStringList(keys.size(), QStringLiteral("?")).join(u','));
    QVariantList lastKey;
    for (;;) {
        QList<QVariantList> chunk;
        QSqlQuery& query =
            store.exec(head + (lastKey.isEmpty() ? QString() : after) + tail, lastKey);
        while (query.next()) {
            QVariantList row;
            for (int i = 0; i < selected.size(); ++i) {
                row.append(query.value(i));
            }
            chunk.append(row);
        }
        query.finish();
        for (QVariantList& row : chunk) {
            lastKey = row.mid(columns.size());
            row.resize(columns.size());
            visit(row);
        }
        if (chunk.size() < kRowsPerChunk) {
            return;
        }
    }
}

qint64 rowCount(SqlStore& store, const QString& table) {
    QSqlQuery& query = store.exec(QStringLiteral("SELECT COUNT(*) FROM ") + table);
    const qint64 count = query.next() ? query.value(0).toLongLong() : -1;
    query.finish();
    return count;
}

// A value as the checksum and the comparison see it, the same from every driver: a tag keeps
// NULL, "" and neighbouring values apart, and a NULL has no text of its own (drivers render it as
// "" or "0", by the column's type).
QByteArray canonical(const QVariant& value) {
    return value.isNull() ? QByteArrayLiteral("\x01")
                          : QByteArrayLiteral("\x02") + value.toString().toUtf8();
}

TableCopy summarise(SqlStore& store, const TableSpec& spec, const QStringList& columns) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    qint64 rows = 0;
    forEachRow(store, spec.name, columns, spec.primaryKey, [&](const QVariantList& row) {
        ++rows;
        for (const QVariant& value : row) {
            hash.addData(canonical(value));
        }
        hash.addData(QByteArrayView("\x03"));
    });
    return TableCopy{spec.name, rows, QString::fromLatin1(hash.result().toHex())};
}

// Every row of the table in primary-key order (for finding a difference: tables are small enough
// when a copy differs only in a test of this copier, and the difference names just one row).
QList<QVariantList> allRows(SqlStore& store, const TableSpec& spec, const QStringList& columns) {
    QList<QVariantList> rows;
    forEachRow(store, spec.name, columns, spec.primaryKey,
               [&rows](const QVariantList& row) { rows.append(row); });
    return rows;
}

// Where the copy differs: the first row (by its primary key's position) and column. Never the
// values, which may be password or token hashes.
QString firstDifference(SqlStore& source, SqlStore& target, const TableSpec& spec,
                        const QStringList& columns) {
    const QList<QVariantList> from = allRows(source, spec, columns);
    const QList<QVariantList> to = allRows(target, spec, columns);
    for (qsizetype row = 0; row < qMin(from.size(), to.size()); ++row) {
        for (qsizetype column = 0; column < columns.size(); ++column) {
            if (canonical(from.at(row).at(column)) != canonical(to.at(row).at(column))) {
                return QStringLiteral("row %1, column %2").arg(row + 1).arg(columns.at(column));
            }
        }
    }
    return QStringLiteral("%1 rows, %2 copied").arg(from.size()).arg(to.size());
}

// The columns both databases share; anything else differing means the copier is out of date.
QStringList sharedColumns(SqlStore& source, SqlStore& target, const QString& table) {
    const QStringList from = source.columnNames(table);
    QStringList extra = target.columnNames(table);
    for (const QString& column : from) {
        if (!extra.removeOne(column)) {
            fail(QStringLiteral("table %1: the target has no column %2").arg(table, column));
        }
    }
    extra.removeAll(kMemberOrderColumn);
    if (!extra.isEmpty()) {
        fail(QStringLiteral("table %1: the source has no column %2").arg(table, extra.join(u',')));
    }
    return from;
}

void checkTablesKnown(SqlStore& source) {
    QSet<QString> known{kSchemaVersionTable};
    for (const TableSpec& spec : tableSpecs()) {
        known.insert(spec.name);
    }
    for (const QString& table : source.tableNames()) {
        if (!known.contains(table) && !table.startsWith(kSearchIndexPrefix)) {
            fail(QStringLiteral("the source has a table %1 that this copier does not know")
                     .arg(table));
        }
    }
}

void checkTargetEmpty(SqlStore& target) {
    for (const TableSpec& spec : tableSpecs()) {
        if (const qint64 rows = rowCount(target, spec.name); rows != 0) {
            fail(QStringLiteral("the target is not empty (table %1 has %2 rows): copy into a new "
                                "database")
                     .arg(spec.name)
                     .arg(rows));
        }
    }
}

void copyRows(SqlStore& source, SqlStore& target, const QString& table,
              const QStringList& columns) {
    const QString insert = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                               .arg(table, columns.join(u','),
                                    QStringList(columns.size(), QStringLiteral("?")).join(u','));
    // In the order rows were inserted: conversation members keep who joined first.
    const QStringList order{insertionOrder(source.dialect(), QStringLiteral("t"))};
    forEachRow(source, table, columns, order,
               [&](const QVariantList& row) { target.exec(insert, row); });
    if (columns.contains(QStringLiteral("id"))) {
        const QString resync = identityResync(target.dialect(), table);
        if (!resync.isEmpty()) {
            target.exec(resync).finish();
        }
    }
}

// The table's summary on the target, after checking it equals the source's.
TableCopy verified(SqlStore& source, SqlStore& target, const TableSpec& spec,
                   const QStringList& columns) {
    const TableCopy from = summarise(source, spec, columns);
    const TableCopy to = summarise(target, spec, columns);
    if (from.rows != to.rows || from.checksum != to.checksum) {
        fail(QStringLiteral("table %1 differs after the copy (%2)")
                 .arg(spec.name, firstDifference(source, target, spec, columns)));
    }
    return to;
}

}  // namespace

QList<TableCopy> copyDatabase(SqlStore& source, SqlStore& target,
                              const std::function<void(const TableCopy&)>& progress) {
    if (source.schemaVersion() != target.schemaVersion()) {
        fail(QStringLiteral("schema versions differ (source %1, target %2)")
                 .arg(source.schemaVersion())
                 .arg(target.schemaVersion()));
    }
    checkTablesKnown(source);
    checkTargetEmpty(target);
    QList<QStringList> columns;
    for (const TableSpec& spec : tableSpecs()) {
        columns.append(sharedColumns(source, target, spec.name));
    }
    QList<TableCopy> copied;
    // Verified inside the target's transaction (which sees its own rows): a copy that differs is
    // rolled back like one that failed, and the target stays empty.
    target.begin();
    try {
        for (int i = 0; i < tableSpecs().size(); ++i) {
            copyRows(source, target, tableSpecs().at(i).name, columns.at(i));
        }
        for (int i = 0; i < tableSpecs().size(); ++i) {
            copied.append(verified(source, target, tableSpecs().at(i), columns.at(i)));
        }
        target.commit();
    } catch (const StoreError&) {
        target.rollback();
        throw;
    }
    if (progress) {
        for (const TableCopy& table : copied) {
            progress(table);
        }
    }
    return copied;
}

}  // namespace natter
