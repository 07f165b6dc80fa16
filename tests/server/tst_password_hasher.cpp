// argon2id hashing: the stored format, verification, the pool's callbacks and its busy cap.
#include <sodium.h>
#include <QSignalSpy>
#include <QtTest>

#include "auth/password_hasher.h"

using namespace natter;

class TestPasswordHasher : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(sodium_init() >= 0); }

    void storesArgon2idWithOwaspParameters() {
        const QString hash =
            PasswordHasher::hashNow(QStringLiteral("correct horse"), Argon2Params{});
        QVERIFY2(hash.startsWith(QStringLiteral("$argon2id$v=19$m=19456,t=2,p=1$")),
                 qPrintable(hash));
        QVERIFY(!hash.contains(QStringLiteral("correct horse")));
    }

    void verifiesOnlyTheRightPassword() {
        const QString hash =
            PasswordHasher::hashNow(QStringLiteral("correct horse"), Argon2Params{});
        QVERIFY(PasswordHasher::verifyNow(QStringLiteral("correct horse"), hash));
        QVERIFY(!PasswordHasher::verifyNow(QStringLiteral("correct horsE"), hash));
        QVERIFY(
            !PasswordHasher::verifyNow(QStringLiteral("correct horse"), QStringLiteral("garbage")));
    }

    void samePasswordHashesDifferently() {
        const QString a = PasswordHasher::hashNow(QStringLiteral("same password"), Argon2Params{});
        const QString b = PasswordHasher::hashNow(QStringLiteral("same password"), Argon2Params{});
        QVERIFY(a != b);  // random salt
    }

    void asyncHashThenVerifyOnTheCallersThread() {
        PasswordHasher hasher(2, 8);
        std::optional<QString> stored;
        hasher.hash(QStringLiteral("pässwörd ✓"), [&](std::optional<QString> hash) {
            QCOMPARE(QThread::currentThread(), hasher.thread());
            stored = hash;
        });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 10'000);
        std::optional<bool> right, wrong, unknownUser;
        hasher.verify(QStringLiteral("pässwörd ✓"), *stored,
                      [&](std::optional<bool> r) { right = r; });
        hasher.verify(QStringLiteral("passwort"), *stored,
                      [&](std::optional<bool> r) { wrong = r; });
        hasher.verify(QStringLiteral("pässwörd ✓"), QString(),
                      [&](std::optional<bool> r) { unknownUser = r; });
        QTRY_VERIFY_WITH_TIMEOUT(right && wrong && unknownUser, 10'000);
        QCOMPARE(*right, true);
        QCOMPARE(*wrong, false);
        QCOMPARE(*unknownUser, false);  // no account: checked against a dummy hash, never matches
    }

    void refusesBeyondThePendingCap() {
        PasswordHasher hasher(1, 2);
        int busy = 0;
        int done = 0;
        for (int i = 0; i < 4; ++i) {
            hasher.hash(QStringLiteral("password%1").arg(i),
                        [&](std::optional<QString> hash) { hash ? ++done : ++busy; });
        }
        QCOMPARE(busy, 2);  // answered at once, without queueing
        QTRY_COMPARE_WITH_TIMEOUT(done, 2, 10'000);
        std::optional<QString> later;
        hasher.hash(QStringLiteral("password"), [&](std::optional<QString> hash) { later = hash; });
        QTRY_VERIFY_WITH_TIMEOUT(later.has_value() && !later->isEmpty(),
                                 10'000);  // capacity is back
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "tst_password_hasher.moc"
