// The storage work of a request that may store a user's message or change (send, create a group,
// edit, delete, react): jobs::forRequest, with the sender's message token taken first when the
// nodes of a cluster share the buckets (SpamGuard::takeSharedToken).
#pragma once

#include <functional>

#include "ports/job_queue.h"
#include "safety/spam_guard.h"

namespace natter::jobs {

// A job that is handed the sender's shared token (null: it uses this node's bucket).
using MessageJob = std::function<JobQueue::Continuation(Store&, safety::SharedToken*)>;

// Runs `job` as jobs::forRequest does, once the sender's shared token is known. After the commit,
// a granted token the job did not spend (a duplicate, a refusal) goes back; so does it when the
// storage fails.
void forMessageRequest(JobQueue& queue, QObject* context, safety::SpamGuard& guard, qint64 senderId,
                       const ReplyRef& reply, MessageJob job);

}  // namespace natter::jobs
