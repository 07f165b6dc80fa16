// The login throttle (docs/protocol.md section 5.1) and the token buckets under it, on a manual
// clock: per account and address, per address, and the slower per-account limit that holds back
// only addresses the account has not signed in from before.
#include <QtTest>

#include "auth/login_gate.h"
#include "auth/login_throttle.h"
#include "fake_shared_limits.h"
#include "protocol_limits.h"

using namespace natter;

namespace {

const QString kAlice = QStringLiteral("alice");
const QString kOwnerAddress = QStringLiteral("10.0.0.1");
const QString kStranger = QStringLiteral("10.6.6.6");

// What LoginGate::admit decided (it answers at once with the fake or with no shared limits).
LoginVerdict admitThrough(LoginGate& gate, const QString& username, const QString& address) {
    LoginVerdict verdict{0, RateLimit::RequestBudget};  // replaced by the answer
    gate.admit(username, address, 0, [&verdict](const LoginVerdict& answer) { verdict = answer; });
    return verdict;
}

// Admits and fails `count` attempts for username from address at nowMs; false when one was not
// admitted.
bool failAttempts(LoginThrottle& throttle, const QString& username, const QString& address,
                  int count, qint64 nowMs) {
    for (int i = 0; i < count; ++i) {
        if (!throttle.admit(username, address, nowMs).admitted()) {
            return false;
        }
    }
    return true;
}

// One failed attempt each from `count` addresses 10.1.x.y, so neither per-address limit triggers.
void failFromManyAddresses(LoginThrottle& throttle, const QString& username, int count,
                           qint64 nowMs) {
    for (int i = 0; i < count; ++i) {
        const QString address = QStringLiteral("10.1.%1.%2").arg(i / 200).arg(i % 200 + 1);
        QVERIFY(throttle.admit(username, address, nowMs).admitted());
    }
}

}  // namespace

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
        bucket.refund(1000);
        QCOMPARE(bucket.msUntilAvailable(1000), 0);
        QVERIFY(bucket.isFull(10'000));
        bucket.refund(10'000);  // never above the burst
        QVERIFY(bucket.tryTake(10'000) && bucket.tryTake(10'000) && !bucket.tryTake(10'000));
    }

    void bucketMapPrunesOnlyFullBuckets() {
        TokenBucketMap map(1, 1.0);
        QCOMPARE(map.msUntilAvailable(QStringLiteral("a"), 0), 0);  // never seen: full
        QVERIFY(map.at(QStringLiteral("a"), 0).tryTake(0));
        map.at(QStringLiteral("b"), 0);
        map.prune(0);
        QCOMPARE(map.size(), 1);
        QCOMPARE(map.msUntilAvailable(QStringLiteral("a"), 0), 1000);
        map.prune(1000);
        QCOMPARE(map.size(), 0);
    }

    void accountFromOneAddressIsLimitedAfterItsBurst() {
        LoginThrottle throttle;
        const int burst = int(limits::kLoginFailureBurstPerAccountAddress);
        QVERIFY(failAttempts(throttle, kAlice, kStranger, burst, 0));
        const LoginVerdict verdict = throttle.admit(kAlice, kStranger, 0);
        QVERIFY(verdict.limit == RateLimit::LoginAccountAddress);
        QCOMPARE(verdict.retryAfterMs,
                 qint64(limits::kLoginFailureRefillSecondsPerAccountAddress * 1000));
        QVERIFY(throttle.admit(kAlice, kStranger, verdict.retryAfterMs).admitted());
    }

    // The lockout of issue 14: a stranger's failures do not keep the owner out elsewhere.
    void strangerCannotLockTheOwnerOut() {
        LoginThrottle throttle;
        QVERIFY(!failAttempts(throttle, kAlice, kStranger, 100, 0));
        QVERIFY(!throttle.admit(kAlice, kStranger, 0).admitted());
        // A new address, and an address that signed in before, both get in.
        QVERIFY(throttle.admit(kAlice, QStringLiteral("10.0.0.2"), 0).admitted());
        throttle.passwordAccepted(kAlice, QStringLiteral("10.0.0.2"), 0);
        QVERIFY(throttle.admit(kAlice, kOwnerAddress, 0).admitted());
    }

    void addressIsLimitedAcrossAccounts() {
        LoginThrottle throttle;
        for (int i = 0; i < int(limits::kLoginFailureBurstPerAddress); ++i) {
            QVERIFY(throttle.admit(QStringLiteral("user%1").arg(i), kStranger, 0).admitted());
        }
        const LoginVerdict verdict = throttle.admit(QStringLiteral("fresh"), kStranger, 0);
        QVERIFY(verdict.limit == RateLimit::LoginAddress);
        QCOMPARE(verdict.retryAfterMs, qint64(limits::kLoginFailureRefillSecondsPerAddress * 1000));
        QVERIFY(throttle.admit(QStringLiteral("fresh"), QStringLiteral("10.0.0.9"), 0).admitted());
    }

    // Distributed guessing: many addresses, a few attempts each.
    void manyAddressesHoldBackOnlyNewAddresses() {
        LoginThrottle throttle;
        throttle.rememberAddress(kAlice, kOwnerAddress, 0);  // e.g. a resumed session
        failFromManyAddresses(throttle, kAlice, int(limits::kLoginFailureBurstPerAccount), 0);
        const LoginVerdict verdict = throttle.admit(kAlice, QStringLiteral("10.2.0.1"), 0);
        QVERIFY(verdict.limit == RateLimit::LoginAccount);
        QCOMPARE(verdict.retryAfterMs, qint64(limits::kLoginFailureRefillSecondsPerAccount * 1000));
        QVERIFY(throttle.isKnownAddress(kAlice, kOwnerAddress));
        QVERIFY(throttle.admit(kAlice, kOwnerAddress, 0).admitted());
        throttle.passwordAccepted(kAlice, kOwnerAddress, 0);
        // Other accounts are not affected.
        QVERIFY(throttle.admit(QStringLiteral("bob"), QStringLiteral("10.2.0.1"), 0).admitted());
        // The account limit refills slowly, one new-address attempt per refill period.
        const qint64 later = verdict.retryAfterMs;
        QVERIFY(throttle.admit(kAlice, QStringLiteral("10.2.0.1"), later).admitted());
        QVERIFY(!throttle.admit(kAlice, QStringLiteral("10.2.0.2"), later).admitted());
    }

    // One stranger at the per-account-and-address pace never drains the per-account bucket.
    void oneStrangerCannotTripTheAccountLimit() {
        LoginThrottle throttle;
        const auto refillMs = qint64(limits::kLoginFailureRefillSecondsPerAccountAddress * 1000);
        qint64 now = 0;
        for (int minute = 0; minute < 24 * 60; ++minute, now += refillMs) {
            failAttempts(throttle, kAlice, kStranger, 10, now);  // as many as it lets through
        }
        QVERIFY(throttle.admit(kAlice, QStringLiteral("10.2.0.1"), now).admitted());
    }

    void rightPasswordGivesTheAttemptBack() {
        LoginThrottle throttle;
        const int burst = int(limits::kLoginFailureBurstPerAccountAddress);
        QVERIFY(failAttempts(throttle, kAlice, kOwnerAddress, burst - 1, 0));
        QVERIFY(throttle.admit(kAlice, kOwnerAddress, 0).admitted());
        throttle.passwordAccepted(kAlice, kOwnerAddress, 0);
        // Earlier misses from here are forgiven: a whole burst is available again.
        QVERIFY(failAttempts(throttle, kAlice, kOwnerAddress, burst, 0));
    }

    void withdrawnAttemptsDoNotCount() {
        LoginThrottle throttle;
        for (int i = 0; i < 50; ++i) {
            QVERIFY(throttle.admit(kAlice, kStranger, 0).admitted());
            throttle.withdraw(kAlice, kStranger, 0);
        }
    }

    // A resume or a registration makes an address known but gives no attempts back.
    void rememberingGivesNothingBack() {
        LoginThrottle throttle;
        for (int i = 0; i < int(limits::kLoginFailureBurstPerAddress); ++i) {
            QVERIFY(throttle.admit(QStringLiteral("user%1").arg(i), kStranger, 0).admitted());
            throttle.rememberAddress(QStringLiteral("mine"), kStranger, 0);
        }
        QVERIFY(throttle.admit(QStringLiteral("fresh"), kStranger, 0).limit ==
                RateLimit::LoginAddress);
    }

    void ipv6IsCountedPerSlash64() {
        QCOMPARE(LoginThrottle::addressKey(QStringLiteral("2001:db8:1:2:aaaa::1")),
                 LoginThrottle::addressKey(QStringLiteral("2001:db8:1:2:bbbb::2")));
        QVERIFY(LoginThrottle::addressKey(QStringLiteral("2001:db8:1:2::1")) !=
                LoginThrottle::addressKey(QStringLiteral("2001:db8:1:3::1")));
        QCOMPARE(LoginThrottle::addressKey(QStringLiteral("::ffff:192.0.2.7")),
                 QStringLiteral("192.0.2.7"));
        QCOMPARE(LoginThrottle::addressKey(QStringLiteral("192.0.2.7")),
                 QStringLiteral("192.0.2.7"));
    }

    void knownAddressesAreCappedAndForgotten() {
        LoginThrottle throttle;
        for (int i = 0; i <= limits::kKnownAddressesPerAccount; ++i) {
            throttle.rememberAddress(kAlice, QStringLiteral("10.3.0.%1").arg(i + 1), i);
        }
        QVERIFY(!throttle.isKnownAddress(kAlice, QStringLiteral("10.3.0.1")));  // the oldest
        QVERIFY(throttle.isKnownAddress(kAlice, QStringLiteral("10.3.0.2")));
        const qint64 forgetMs = qint64(limits::kKnownAddressForgetDays) * 24 * 3600 * 1000;
        throttle.prune(limits::kKnownAddressesPerAccount + forgetMs);
        QVERIFY(!throttle.isKnownAddress(kAlice, QStringLiteral("10.3.0.2")));
        QVERIFY(throttle.isKnownAddress(
            kAlice, QStringLiteral("10.3.0.%1").arg(limits::kKnownAddressesPerAccount + 1)));
    }

    // In a cluster the shared buckets decide: the node's own are not charged, and a refusal
    // names the bucket's limit with the shared wait.
    void gateFollowsTheSharedVerdict() {
        test::FakeSharedLimits shared;
        LoginGate gate;
        gate.share(&shared);
        shared.answer = SharedVerdict{};
        for (int i = 0; i < int(limits::kLoginFailureBurstPerAccountAddress) + 1; ++i) {
            QVERIFY(admitThrough(gate, kAlice, kStranger).admitted());
        }
        const SharedAttempt attempt = shared.taken.constLast();
        QCOMPARE(attempt.buckets.size(), 3);
        QCOMPARE(attempt.buckets.at(2).mode, SharedBucket::Mode::EnforceUnlessKnown);
        QCOMPARE(attempt.knownMember, kStranger.toUtf8());
        shared.answer = SharedVerdict{1, 1'234};
        const LoginVerdict refused = admitThrough(gate, kAlice, kStranger);
        QCOMPARE(refused.limit, std::optional(RateLimit::LoginAddress));
        QCOMPARE(refused.retryAfterMs, 1'234);
        gate.passwordAccepted(kAlice, kStranger, 0);
        QCOMPARE(shared.forgotten, QList<QByteArray>{attempt.buckets.at(0).name});
        QCOMPARE(shared.refunded.size(), 2);
        QCOMPARE(shared.remembered.size(), 1);
    }

    // Redis unreachable: the node's own buckets decide, as on one node.
    void gateFallsBackToTheNodeBuckets() {
        test::FakeSharedLimits shared;  // answer: nullopt
        LoginGate gate;
        gate.share(&shared);
        for (int i = 0; i < int(limits::kLoginFailureBurstPerAccountAddress); ++i) {
            QVERIFY(admitThrough(gate, kAlice, kStranger).admitted());
        }
        QCOMPARE(admitThrough(gate, kAlice, kStranger).limit,
                 std::optional(RateLimit::LoginAccountAddress));
    }

    void pruneKeepsOnlyActiveBuckets() {
        LoginThrottle throttle;
        const int burst = int(limits::kLoginFailureBurstPerAccountAddress);
        QVERIFY(failAttempts(throttle, kAlice, kStranger, burst, 0));
        throttle.prune(1);  // not refilled yet: must survive pruning
        QVERIFY(!throttle.admit(kAlice, kStranger, 1).admitted());
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_login_throttle.moc"
