// SharedRateLimit (server/safety): the bucket a cluster shares decides when it answers, this
// node's own bucket when there is none or the shared store cannot be reached, and a token given
// back goes to the bucket it came from (docs/scaling.md, "Shared limits").
#include <QtTest>

#include "fake_shared_limits.h"
#include "safety/shared_rate_limit.h"

using namespace natter;
using natter::test::FakeSharedLimits;

namespace {

constexpr double kBurst = 2;
constexpr double kPerSecond = 0.5;
constexpr qint64 kNow = 1'000'000;

// take() of a limit whose answers come at once (one node, or the fake).
RateVerdict takeNow(SharedRateLimit& limit, const QString& key, qint64 nowMs = kNow) {
    std::optional<RateVerdict> answer;
    limit.take(key, nowMs, [&answer](const RateVerdict& verdict) { answer = verdict; });
    return answer.value_or(RateVerdict{false, -1, false});
}

}  // namespace

class TestSharedRateLimit : public QObject {
    Q_OBJECT

private slots:
    void oneNodeCountsPerKey() {
        SharedRateLimit limit("register", kBurst, kPerSecond);
        QVERIFY(takeNow(limit, QStringLiteral("a")).admitted);
        QVERIFY(takeNow(limit, QStringLiteral("a")).admitted);
        const RateVerdict refused = takeNow(limit, QStringLiteral("a"));
        QVERIFY(!refused.admitted);
        QVERIFY(!refused.shared);
        QCOMPARE(refused.retryAfterMs, qint64(1000 / kPerSecond));
        QVERIFY(takeNow(limit, QStringLiteral("b")).admitted);  // another key, its own bucket
        QVERIFY(takeNow(limit, QStringLiteral("a"), kNow + qint64(1000 / kPerSecond)).admitted);
    }

    void sharedBucketDecides() {
        FakeSharedLimits shared;
        SharedRateLimit limit("search", kBurst, kPerSecond);
        limit.share(&shared);
        shared.answer = SharedVerdict{0, 700};
        const RateVerdict refused = takeNow(limit, QStringLiteral("42"));
        QVERIFY(!refused.admitted && refused.shared);
        QCOMPARE(refused.retryAfterMs, qint64(700));
        QCOMPARE(shared.taken.size(), 1);
        const SharedBucket bucket = shared.taken.constFirst().buckets.constFirst();
        QCOMPARE(bucket.name, QByteArray("search:42"));
        QCOMPARE(bucket.burst, kBurst);
        QCOMPARE(bucket.perSecond, kPerSecond);
        // This node's bucket was not touched: with the shared store gone, it has its full burst.
        shared.answer.reset();
        QVERIFY(takeNow(limit, QStringLiteral("42")).admitted);
        QVERIFY(takeNow(limit, QStringLiteral("42")).admitted);
        QVERIFY(!takeNow(limit, QStringLiteral("42")).admitted);
    }

    void refundGoesWhereTheTokenCameFrom() {
        FakeSharedLimits shared;
        SharedRateLimit limit("register", kBurst, kPerSecond);
        limit.share(&shared);
        shared.answer = SharedVerdict{};
        const RateVerdict fromShared = takeNow(limit, QStringLiteral("a"));
        QVERIFY(fromShared.admitted && fromShared.shared);
        limit.refund(QStringLiteral("a"), fromShared, kNow);
        QCOMPARE(shared.refunded, QList<QByteArray>{"register:a"});
        // Unreachable: two local tokens taken, one given back locally, not to the shared store.
        shared.answer.reset();
        const RateVerdict local = takeNow(limit, QStringLiteral("a"));
        QVERIFY(local.admitted && !local.shared);
        QVERIFY(takeNow(limit, QStringLiteral("a")).admitted);
        limit.refund(QStringLiteral("a"), local, kNow);
        QCOMPARE(shared.refunded.size(), 1);
        QVERIFY(takeNow(limit, QStringLiteral("a")).admitted);
        QVERIFY(!takeNow(limit, QStringLiteral("a")).admitted);
        // A refused attempt took nothing, so gives nothing back.
        limit.refund(QStringLiteral("a"), RateVerdict{false, 5, true}, kNow);
        QCOMPARE(shared.refunded.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSharedRateLimit)
#include "tst_shared_rate_limit.moc"
