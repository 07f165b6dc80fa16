#include "storage_executor.h"

#include <QMetaObject>

#include "util/log.h"

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
    QString commitError;
    try {
        store_->begin();
        for (Task& task : batch) {
            outcomes.push_back(runOne(task));
        }
        store_->commit();
    } catch (const StoreError& e) {
        commitError = QString::fromStdString(e.what());
        try {
            store_->rollback();
        } catch (const StoreError&) {
            // The transaction is already gone; nothing more to undo.
        }
    }
    if (!commitError.isEmpty()) {
        log::error("store.commit_failed", {{"error", commitError}});
        for (Outcome& outcome : outcomes) {
            outcome.continuation = nullptr;
            outcome.error = commitError;
        }
        for (size_t i = outcomes.size(); i < batch.size(); ++i) {
            outcomes.push_back(Outcome{batch[i].context, nullptr, batch[i].onFailure, commitError});
        }
    } else {
        std::lock_guard lock(mutex_);
        ++commits_;
    }
    for (Outcome& outcome : outcomes) {
        deliver(std::move(outcome));
    }
}

StorageExecutor::Outcome StorageExecutor::runOne(Task& task) {
    // One name serves every job: each savepoint is released or rolled back before the next.
    const QString savepoint = QStringLiteral("job");
    store_->savepoint(savepoint);
    try {
        Continuation continuation = task.job(*store_);
        store_->releaseSavepoint(savepoint);
        return Outcome{task.context, std::move(continuation), std::move(task.onFailure), {}};
    } catch (const StoreError& e) {
        store_->rollbackToSavepoint(savepoint);
        store_->releaseSavepoint(savepoint);
        log::error("store.job_failed", {{"error", QString::fromStdString(e.what())}});
        return Outcome{task.context, nullptr, std::move(task.onFailure),
                       QString::fromStdString(e.what())};
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
