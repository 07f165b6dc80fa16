// Closes this node's connections of sessions the operator revoked (natter-server admin, which
// writes session_revocations in the shared database; docs/operations.md). Polling the database
// works the same for a single SQLite node, whose admin command runs in another process, and for
// several nodes sharing PostgreSQL, each of which polls and closes its own connections. Service
// thread only.
#pragma once

#include <QObject>
#include <QTimer>
#include <functional>

#include "ports/job_queue.h"

namespace natter {

class RevocationWatcher : public QObject {
    Q_OBJECT
public:
    // How often the database is asked: revoked connections close within about this long.
    static constexpr int kPollIntervalMs = 250;
    // After a failed poll (the database is away): ask less often, not to fill the log.
    static constexpr int kPollIntervalAfterFailureMs = 5'000;

    using CloseSession = std::function<void(qint64 sessionId)>;

    RevocationWatcher(JobQueue& storage, CloseSession closeSession, QObject* parent = nullptr);

private:
    void poll();
    void pollDone(bool succeeded);

    JobQueue& storage_;
    CloseSession closeSession_;
    QTimer timer_;
    qint64 lastSeenId_ = -1;  // -1: not read yet (revocations from before the start are done)
    bool polling_ = false;    // one poll at a time: a slow database is not flooded
};

}  // namespace natter
