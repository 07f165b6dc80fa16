// The storage thread. It alone owns the Store (Qt Sql connections are per thread). Callers submit
// jobs from any thread; the thread drains everything queued, runs it inside ONE transaction (each
// job under its own savepoint, so one failure does not undo the others) and commits once: group
// commit. Only after that commit are the jobs' continuations posted back to their callers' threads,
// so nothing is acknowledged before it is durable.
//
// Errors (ports/store_error.h): a job that throws a Conflict or Fatal StoreError fails alone (its
// savepoint rolls back). A Conflict first runs the job once more (kRunsOnConflict): another node
// may have committed the row the job was about to create (the same client_message_id resent
// through two nodes, two people opening the same private chat), and the new run sees that row and
// answers as the rules say. A Retryable error, from a job's statement or from the commit, rolls the
// whole batch back and runs it again, up to kMaxBatchAttempts times; only then do the batch's
// failure handlers run. So a job may run more than once: it must only touch the store and keep
// every other effect in its continuation, which runs exactly once.
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "ports/job_queue.h"
#include "transactional_store.h"

namespace natter {

class Metrics;

class StorageExecutor final : public JobQueue {
public:
    using StoreFactory = std::function<std::unique_ptr<TransactionalStore>()>;

    // Up to this many jobs share one transaction.
    static constexpr int kMaxJobsPerCommit = 512;
    // A batch failing Retryable runs at most this many times, waiting kRetryBackoffMs times the
    // attempt number before each new run (the database is busy: give the other writer time).
    static constexpr int kMaxBatchAttempts = 3;
    static constexpr int kRetryBackoffMs = 20;
    // A job whose write conflicts runs at most this many times (see above).
    static constexpr int kRunsOnConflict = 2;

    // metrics, when given, hears of every commit (jobs and duration) and must outlive stop().
    explicit StorageExecutor(Metrics* metrics = nullptr) : metrics_(metrics) {}
    ~StorageExecutor() override;
    StorageExecutor(const StorageExecutor&) = delete;
    StorageExecutor& operator=(const StorageExecutor&) = delete;

    // Opens the store on the storage thread and migrates it; returns an error text on failure.
    QString start(StoreFactory factory);
    // Runs what is queued, then stops the thread and closes the store.
    void stop();

    // From any thread. job runs on the storage thread; after the commit that includes it, its
    // continuation (or onFailure) runs on context's thread. Dropped if context is gone by then.
    void submit(QObject* context, Job job, FailureHandler onFailure) override;

    quint64 commitCount() const;   // how many transactions were committed (for benchmarks)
    qsizetype queueDepth() const;  // jobs submitted and not yet taken into a transaction

private:
    struct Task {
        QPointer<QObject> context;
        Job job;
        FailureHandler onFailure;
    };
    struct Outcome {
        QPointer<QObject> context;
        Continuation continuation;
        FailureHandler onFailure;
        QString error;
    };

    void run(StoreFactory factory, std::promise<QString>* started);
    std::deque<Task> takeBatch();
    void runBatch(std::deque<Task>& batch);
    // One run of the batch in one transaction; fills outcomes and returns normally when it
    // committed, throws the StoreError that stopped it (after rolling back) otherwise.
    void attemptBatch(std::deque<Task>& batch, std::vector<Outcome>& outcomes);
    Outcome runOne(Task& task);
    // The job under its own savepoint, rolled back when it throws anything but Retryable.
    Continuation runInSavepoint(Task& task);
    static void deliver(Outcome outcome);

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Task> queue_;
    bool stopping_ = false;
    quint64 commits_ = 0;
    Metrics* const metrics_;
    std::unique_ptr<TransactionalStore> store_;
    std::thread thread_;
};

}  // namespace natter
