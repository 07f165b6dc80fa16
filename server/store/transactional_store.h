// What the storage executor holds: the Store plus the controls only it may use. Services receive a
// plain Store& in their jobs, so they cannot commit, roll back or migrate behind the executor's
// back (that would break group commit and "nothing acknowledged before it is durable").
#pragma once

#include <QString>

#include "ports/store.h"

namespace natter {

// Transactions and savepoints, used by the storage executor's group commit.
class StoreTransactions {
public:
    virtual ~StoreTransactions() = default;

    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual void savepoint(const QString& name) = 0;
    virtual void releaseSavepoint(const QString& name) = 0;
    virtual void rollbackToSavepoint(const QString& name) = 0;
};

class TransactionalStore : public Store, public StoreTransactions {
public:
    // Brings the schema to the newest version (each migration in its own transaction).
    virtual void migrate() = 0;
    virtual int schemaVersion() = 0;
};

}  // namespace natter
