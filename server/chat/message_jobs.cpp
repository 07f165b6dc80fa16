#include "message_jobs.h"

#include <QPointer>

namespace natter::jobs {

void forMessageRequest(JobQueue& queue, QObject* context, safety::SpamGuard& guard, qint64 senderId,
                       const ReplyRef& reply, MessageJob job) {
    guard.takeSharedToken(senderId, [&queue, context = QPointer<QObject>(context), &guard, senderId,
                                     reply, job = std::move(job)](safety::SharedTokenRef token) {
        if (!context) {
            return;  // shutting down
        }
        const auto settle = [&guard, senderId, token] { guard.settleSharedToken(senderId, token); };
        queue.submit(
            context,
            [job, token, settle](Store& store) -> JobQueue::Continuation {
                if (token) {
                    token->spent = false;  // a batch run again decides again
                }
                JobQueue::Continuation then = job(store, token.get());
                return [then = std::move(then), settle] {
                    if (then) {
                        then();
                    }
                    settle();
                };
            },
            [reply, settle](const QString&) {
                settle();
                reply->fail(ErrorCode::InternalError);
            });
    });
}

}  // namespace natter::jobs
