// The storage work of a request that may store a user's message or change (send, create a group,
// edit, delete, react): jobs::forRequest, with the sender's message token taken first when the
// nodes of a cluster share the buckets (SpamGuard::takeSharedToken).
#pragma once

#include <functional>

#include "ports/job_queue.h"
#include "safety/spam_guard.h"

namespace natter::jobs {

// `makeJob` builds the job with the sender's shared token (null: the job uses this node's
// bucket). After the commit, a granted token the job did not spend (a duplicate, a refusal)
// goes back; so does it when the storage fails.
void forMessageRequest(JobQueue& queue, QObject* context, safety::SpamGuard& guard, qint64 senderId,
                       const ReplyRef& reply,
                       std::function<JobQueue::Job(safety::SharedToken*)> makeJob);

}  // namespace natter::jobs
