// A SharedLimits for unit tests: take() answers `answer` at once (nullopt: the shared store is
// unreachable), and every call is recorded.
#pragma once

#include "ports/shared_limits.h"

namespace natter::test {

class FakeSharedLimits : public SharedLimits {
public:
    std::optional<SharedVerdict> answer;  // what take() answers
    QList<SharedAttempt> taken;
    QList<QByteArray> refunded;  // bucket names
    QList<QByteArray> forgotten;
    QList<QByteArray> remembered;  // "<set> <member>"

    void take(const SharedAttempt& attempt, Done done) override {
        taken.append(attempt);
        done(answer);
    }
    void refund(const QList<SharedBucket>& buckets) override {
        for (const SharedBucket& bucket : buckets) {
            refunded.append(bucket.name);
        }
    }
    void forget(const QList<QByteArray>& names) override { forgotten += names; }
    void remember(const QByteArray& set, const QByteArray& member, int, qint64) override {
        remembered.append(set + ' ' + member);
    }
};

}  // namespace natter::test
