#include "migrate_command.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <cstdio>

#include "server_config.h"
#include "store/database_copy.h"
#include "store/sql_dialect.h"
#include "store/sql_store.h"

namespace natter {
namespace {

// Why the pair of databases cannot be copied, or empty. Opening a missing SQLite file would
// create an empty one, so its existence is checked first.
QString problemWith(const ServerConfig& config) {
    const DatabaseUrl from = parseDatabaseUrl(config.migrateFrom);
    if (from.dialect != SqlDialect::Sqlite) {
        return QStringLiteral("--migrate-from takes a SQLite database (sqlite:<path>)");
    }
    if (!QFileInfo(from.databaseName).isFile()) {
        return QStringLiteral("--migrate-from: no such file: ") + from.databaseName;
    }
    if (parseDatabaseUrl(config.database).dialect != SqlDialect::Postgres) {
        return QStringLiteral("--migrate-from needs a PostgreSQL --database (postgres://...)");
    }
    return {};
}

void printTable(const TableCopy& table) {
    std::printf("%-22s %10lld rows  sha256 %s  verified\n", qPrintable(table.table),
                static_cast<long long>(table.rows), qPrintable(table.checksum));
    std::fflush(stdout);
}

}  // namespace

int runMigrateCommand(const ServerConfig& config) {
    try {
        if (const QString problem = problemWith(config); !problem.isEmpty()) {
            std::fprintf(stderr, "natter-server: %s\n", qPrintable(problem));
            return 2;
        }
        QElapsedTimer timer;
        timer.start();
        auto source = SqlStore::open(config.migrateFrom);
        source->migrate();  // as this version's server would on start
        auto target = SqlStore::open(config.database);
        target->migrate();
        const QList<TableCopy> tables = copyDatabase(*source, *target, printTable);
        qint64 rows = 0;
        for (const TableCopy& table : tables) {
            rows += table.rows;
        }
        std::printf(
            "copied %lld rows into %s in %.1f s; start natter-server with this --database\n",
            static_cast<long long>(rows),
            qPrintable(describeLocation(parseDatabaseUrl(config.database))),
            double(timer.elapsed()) / 1000.0);
        return 0;
    } catch (const StoreError& e) {
        std::fprintf(stderr, "natter-server: migration failed: %s\n", e.what());
        return 1;
    }
}

}  // namespace natter
