#include "storage_executor.h"

#include <QMetaObject>
#include <chrono>

#include "util/log.h"
#include "util/metrics.h"

namespace natter {

StorageExecutor::~StorageExecutor() {
    stop();
}

QString StorageExecutor::start(StoreFactory factory) {
    std::promise<QString> started;
    auto result = started.get_future();
    thread_ =
        std::thread([this, factory = std::move(factory), &started] { run(factory, &started); });
    const QString error = result.get();
    if (!error.isEmpty()) {
        thread_.join();
    }
    return error;
}

void StorageExecutor::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void StorageExecutor::submit(QObject* context, Job job, FailureHandler onFailure) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(Task{context, std::move(job), std::move(onFailure)});
    }
    wake_.notify_one();
}

quint64 StorageExecutor::commitCount() const {
    std::lock_guard lock(mutex_);
    return commits_;
}

qsizetype StorageExecutor::queueDepth() const {
    std::lock_guard lock(mutex_);
    return qsizetype(queue_.size());
}

void StorageExecutor::run(StoreFactory factory, std::promise<QString>* started) {
    try {
        store_ = factory();
        store_->migrate();
        log::info("store.ready", {{"schema_version", QString::number(store_->schemaVersion())}});
    } catch (const StoreError& e) {
        store_.reset();
        started->set_value(QString::fromStdString(e.what()));
        return;
    }
    started->set_value({});
    for (;;) {
        std::deque<Task> batch = takeBatch();
        if (batch.empty()) {
            break;  // stopping and drained
        }
        runBatch(batch);
    }
    store_.reset();
}

std::deque<StorageExecutor::Task> StorageExecutor::takeBatch() {
    std::unique_lock lock(mutex_);
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    std::deque<Task> batch;
    while (!queue_.empty() && batch.size() < size_t(kMaxJobsPerCommit)) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
    }
    return batch;
}

void StorageExecutor::runBatch(std::deque<Task>& batch) {
    std::vector<Outcome> outcomes;
    outcomes.reserve(batch.size());
    for (int attempt = 1;; ++attempt) {
        try {
            const auto began = std::chrono::steady_clock::now();
            attemptBatch(batch, outcomes);
            if (metrics_) {
                const std::chrono::duration<double> took = std::chrono::steady_clock::now() - began;
                metrics_->observeCommit(int(batch.size()), took.count());
            }
            std::lock_guard lock(mutex_);
            ++commits_;
            break;
        } catch (const StoreError& e) {
            const QString error = QString::fromStdString(e.what());
            if (e.isRetryable() && attempt < kMaxBatchAttempts) {
                log::warning("store.batch_retry",
                             {{"attempt", QString::number(attempt)}, {"error", error}});
                std::this_thread::sleep_for(std::chrono::milliseconds(kRetryBackoffMs * attempt));
                continue;
            }
            log::error("store.commit_failed", {{"error", error}});
            outcomes.clear();
            for (const Task& task : batch) {
                outcomes.push_back(Outcome{task.context, nullptr, task.onFailure, error});
            }
            break;
        }
    }
    for (Outcome& outcome : outcomes) {
        deliver(std::move(outcome));
    }
}

void StorageExecutor::attemptBatch(std::deque<Task>& batch, std::vector<Outcome>& outcomes) {
    // Continuations of an earlier, rolled-back run are dropped unrun: only this run's count.
    outcomes.clear();
    try {
        store_->begin();
        for (Task& task : batch) {
            outcomes.push_back(runOne(task));
        }
        store_->commit();
    } catch (const StoreError&) {
        try {
            store_->rollback();
        } catch (const StoreError&) {
            // The transaction is already gone; nothing more to undo.
        }
        throw;
    }
}

StorageExecutor::Outcome StorageExecutor::runOne(Task& task) {
    for (int run = 1;; ++run) {
        try {
            return Outcome{task.context, runInSavepoint(task), task.onFailure, {}};
        } catch (const StoreError& e) {
            if (e.isRetryable()) {
                throw;  // the whole batch runs again
            }
            const QString error = QString::fromStdString(e.what());
            if (e.isConflict() && run < kRunsOnConflict) {
                log::info("store.job_rerun", {{"error", error}});
                continue;
            }
            // A conflict is the request's own (e.g. a duplicate key): expected, not a server fault.
            const auto report = e.isConflict() ? log::warning : log::error;
            report("store.job_failed", {{"error", error}});
            return Outcome{task.context, nullptr, task.onFailure, error};
        }
    }
}

StorageExecutor::Continuation StorageExecutor::runInSavepoint(Task& task) {
    // One name serves every job: each savepoint is released or rolled back before the next.
    const QString savepoint = QStringLiteral("job");
    store_->savepoint(savepoint);
    try {
        Continuation continuation = task.job(*store_);
        store_->releaseSavepoint(savepoint);
        return continuation;
    } catch (const StoreError& e) {
        if (!e.isRetryable()) {
            store_->rollbackToSavepoint(savepoint);
            store_->releaseSavepoint(savepoint);
        }
        throw;
    }
}

void StorageExecutor::deliver(Outcome outcome) {
    QObject* context = outcome.context.data();
    if (!context) {
        return;
    }
    QMetaObject::invokeMethod(
        context,
        [outcome = std::move(outcome)] {
            if (outcome.error.isEmpty()) {
                if (outcome.continuation) {
                    outcome.continuation();
                }
            } else if (outcome.onFailure) {
                outcome.onFailure(outcome.error);
            }
        },
        Qt::QueuedConnection);
}

}  // namespace natter
