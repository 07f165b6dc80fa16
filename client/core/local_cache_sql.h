// Internal to LocalCache (local_cache.cpp, local_cache_rows.cpp): running statements.
#pragma once

#include <QString>

class QSqlDatabase;
class QSqlQuery;

namespace natter::cache_sql {

// Execute a prepared query / a plain statement; failures are logged (never with bound values).
bool run(QSqlQuery& query);
bool run(const QSqlDatabase& db, const QString& statement);

}  // namespace natter::cache_sql
