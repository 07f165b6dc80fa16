// Where services send their storage work: a job runs against the Store on the storage thread, and
// what it returns (its continuation) runs back on the caller's thread only after the transaction
// that holds the job has committed. store/StorageExecutor is the real one (group commit); tests
// may run jobs inline.
#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <variant>

#include "codec.h"
#include "reply.h"
#include "store.h"

namespace natter {

class JobQueue {
public:
    using Continuation = std::function<void()>;
    using Job = std::function<Continuation(Store&)>;
    using FailureHandler = std::function<void(const QString& error)>;

    virtual ~JobQueue() = default;
    // From any thread. After the commit that includes job, its continuation (or onFailure) runs on
    // context's thread; dropped if context is gone by then. A null continuation does nothing.
    virtual void submit(QObject* context, Job job, FailureHandler onFailure) = 0;
};

// A use case's outcome: its value, or the documented refusal.
template <typename T>
using OrError = std::variant<T, ProtocolError>;

namespace jobs {

// A continuation that answers with an error.
inline JobQueue::Continuation fail(const ReplyRef& reply, const ProtocolError& error) {
    return [reply, error] { reply->fail(error); };
}
inline JobQueue::Continuation fail(const ReplyRef& reply, ErrorCode code) {
    return fail(reply, ProtocolError::of(code));
}

// What to do after the commit with a use case's outcome: answer its refusal, or run `then` with
// its value.
template <typename T, typename Then>
JobQueue::Continuation afterCommit(const ReplyRef& reply, OrError<T> outcome, Then then) {
    if (const auto* error = std::get_if<ProtocolError>(&outcome)) {
        return fail(reply, *error);
    }
    return [then = std::move(then), value = std::get<T>(std::move(outcome))] { then(value); };
}

// The shape of every request's storage work: `job` decides on the storage thread, its continuation
// answers (and announces) after the commit; a storage failure answers internal_error.
inline void forRequest(JobQueue& queue, QObject* context, const ReplyRef& reply,
                       JobQueue::Job job) {
    queue.submit(context, std::move(job),
                 [reply](const QString&) { reply->fail(ErrorCode::InternalError); });
}

// Work no request waits for (bookkeeping): a storage failure is logged by the queue only.
inline void background(JobQueue& queue, QObject* context, JobQueue::Job job) {
    queue.submit(context, std::move(job), {});
}

// Bookkeeping with nothing to do after the commit: `change` only writes.
inline void write(JobQueue& queue, QObject* context, std::function<void(Store&)> change) {
    background(queue, context,
               [change = std::move(change)](Store& store) -> JobQueue::Continuation {
                   change(store);
                   return {};
               });
}

}  // namespace jobs
}  // namespace natter
