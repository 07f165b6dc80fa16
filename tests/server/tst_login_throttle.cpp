// Failed-login limits per account and per address, and the token bucket under them.
#include <QtTest>

#include "auth/login_throttle.h"
#include "protocol_limits.h"

using namespace natter;

class TestLoginThrottle : public QObject {
    Q_OBJECT
private slots:
    void bucketRefillsOverTime() {
        TokenBucket bucket(2, 1.0, 0);
        QVERIFY(bucket.tryTake(0));
        QVERIFY(bucket.tryTake(0));
        QVERIFY(!bucket.tryTake(0));
        QCOMPARE(bucket.msUntilAvailable(0), 1000);
        QCOMPARE(bucket.msUntilAvailable(400), 600);
        QVERIFY(bucket.tryTake(1000));
        QVERIFY(!bucket.isFull(1000));
        QVERIFY(bucket.isFull(10'000));
    }

    void accountIsLockedAfterItsBurstOfFailures() {
        LoginThrottle throttle;
        const QString alice = QStringLiteral("alice");
        for (int i = 0; i < int(limits::kLoginFailureBurstPerAccount); ++i) {
            QCOMPARE(throttle.retryAfterMs(alice, QStringLiteral("10.0.0.%1").arg(i), 0), 0);
            throttle.recordFailure(alice, QStringLiteral("10.0.0.%1").arg(i), 0);
        }
        const qint64 wait = throttle.retryAfterMs(alice, QStringLiteral("10.9.9.9"), 0);
        QCOMPARE(wait, qint64(limits::kLoginFailureRefillSecondsPerAccount * 1000));
        QCOMPARE(throttle.retryAfterMs(QStringLiteral("bob"), QStringLiteral("10.9.9.9"), 0), 0);
        QCOMPARE(throttle.retryAfterMs(alice, QStringLiteral("10.9.9.9"), wait), 0);
    }

    void addressIsLockedAcrossAccounts() {
        LoginThrottle throttle;
        const QString address = QStringLiteral("192.0.2.1");
        for (int i = 0; i < int(limits::kLoginFailureBurstPerAddress); ++i) {
            throttle.recordFailure(QStringLiteral("user%1").arg(i), address, 0);
        }
        QVERIFY(throttle.retryAfterMs(QStringLiteral("fresh"), address, 0) > 0);
        QCOMPARE(throttle.retryAfterMs(QStringLiteral("fresh"), QStringLiteral("192.0.2.2"), 0), 0);
    }

    void pruneKeepsOnlyActiveBuckets() {
        LoginThrottle throttle;
        throttle.recordFailure(QStringLiteral("alice"), QStringLiteral("a"), 0);
        throttle.prune(1);
        QVERIFY(throttle.retryAfterMs(QStringLiteral("alice"), QStringLiteral("a"), 1) ==
                0);  // 4 left
        for (int i = 0; i < 5; ++i) {
            throttle.recordFailure(QStringLiteral("alice"), QStringLiteral("a"), 2);
        }
        throttle.prune(3);  // not refilled yet: must survive pruning
        QVERIFY(throttle.retryAfterMs(QStringLiteral("alice"), QStringLiteral("a"), 3) > 0);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_login_throttle.moc"
