#include "revocation_watcher.h"

#include "util/log.h"

namespace natter {

RevocationWatcher::RevocationWatcher(JobQueue& storage, CloseSession closeSession, QObject* parent)
    : QObject(parent), storage_(storage), closeSession_(std::move(closeSession)) {
    timer_.setInterval(kPollIntervalMs);
    connect(&timer_, &QTimer::timeout, this, &RevocationWatcher::poll);
    timer_.start();
    poll();
}

void RevocationWatcher::poll() {
    if (polling_) {
        return;
    }
    polling_ = true;
    const qint64 after = lastSeenId_;
    storage_.submit(
        this,
        [this, after](Store& store) -> JobQueue::Continuation {
            if (after < 0) {
                const qint64 latest = store.latestRevocationId();
                return [this, latest] {
                    lastSeenId_ = latest;
                    pollDone(true);
                };
            }
            const QList<SessionRevocation> revocations = store.revocationsAfter(after);
            return [this, revocations] {
                for (const SessionRevocation& revocation : revocations) {
                    closeSession_(revocation.sessionId);
                    lastSeenId_ = qMax(lastSeenId_, revocation.id);
                }
                if (!revocations.isEmpty()) {
                    log::info("admin.sessions_closed",
                              {{"count", QString::number(revocations.size())}});
                }
                pollDone(true);
            };
        },
        [this](const QString&) { pollDone(false); });  // the queue logged why
}

void RevocationWatcher::pollDone(bool succeeded) {
    polling_ = false;
    timer_.setInterval(succeeded ? kPollIntervalMs : kPollIntervalAfterFailureMs);
}

}  // namespace natter
