// The login throttle AuthService asks (docs/security.md). On one node it is the node's own
// LoginThrottle. In a cluster the same three buckets and the known addresses live in Redis
// (SharedLimits), so attempts spread over nodes count as on one node; while Redis cannot be
// reached the node's own LoginThrottle decides, and the limits hold per node (docs/scaling.md,
// "Shared limits"). The node's own throttle also learns known addresses in a cluster, so it knows
// them when it has to decide alone. Service thread only.
#pragma once

#include <functional>

#include "login_throttle.h"
#include "ports/shared_limits.h"

namespace natter {

class LoginGate {
public:
    // From now on the shared buckets decide (null: this node's own).
    void share(SharedLimits* shared) { shared_ = shared; }

    // Admits an attempt (taking its tokens) or refuses it; `done` may run before this returns.
    void admit(const QString& username, const QString& address, qint64 nowMs,
               std::function<void(const LoginVerdict&)> done);
    // As LoginThrottle's; in a cluster they change the shared buckets too (best effort).
    void withdraw(const QString& username, const QString& address, qint64 nowMs);
    void passwordAccepted(const QString& username, const QString& address, qint64 nowMs);
    void rememberAddress(const QString& username, const QString& address, qint64 nowMs);
    void prune(qint64 nowMs) { local_.prune(nowMs); }

private:
    // The shared buckets of an attempt, in the order of kBucketLimits.
    static SharedAttempt sharedAttempt(const QString& username, const QString& address);

    LoginThrottle local_;
    SharedLimits* shared_ = nullptr;
};

}  // namespace natter
