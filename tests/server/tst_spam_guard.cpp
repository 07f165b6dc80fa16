// SpamGuard: the spam rules after `blocked` in their documented order (banned_word, then
// link_not_allowed, then rate_limited), and the per-user message bucket: burst, refill,
// retry_after_ms, and refused messages taking no token. Time is passed in, so nothing sleeps.
#include <QtTest>

#include "fake_shared_limits.h"
#include "safety/spam_guard.h"

using namespace natter;
using namespace natter::safety;

namespace {

constexpr qint64 kAlice = 1;
constexpr qint64 kBob = 2;
const QString kPlain = QStringLiteral("hello");

SpamGuard guardWith(LinkPolicy policy, double perSecond = 1.0, double burst = 5.0) {
    SpamSettings settings;
    settings.bannedWords = std::get<BannedWords>(BannedWords::parse("spam\nbuy now\n"));
    settings.linkPolicy = policy;
    settings.messageRatePerSecond = perSecond;
    settings.messageBurst = burst;
    return SpamGuard(std::move(settings));
}

// The error code of an admission, or "ok".
QString outcome(const std::optional<ProtocolError>& refusal) {
    return refusal ? QString(errorCodeName(refusal->code)) : QStringLiteral("ok");
}

}  // namespace

class TestSpamGuard : public QObject {
    Q_OBJECT
private slots:
    void bannedWordNamesTheField() {
        const SpamGuard guard = guardWith(LinkPolicy::Allow);
        const auto name = guard.checkWords(QStringLiteral("Spam club"), QStringLiteral("name"));
        QVERIFY(name);
        QCOMPARE(name->code, ErrorCode::BannedWord);
        QCOMPARE(name->field, QStringLiteral("name"));
        QVERIFY(!guard.checkWords(QStringLiteral("Spammers anonymous"), QStringLiteral("name")));
    }

    void rulesApplyInTheDocumentedOrder() {
        SpamGuard guard = guardWith(LinkPolicy::Deny, 1.0, 1.0);
        const QString bannedWithLink = QStringLiteral("buy now at https://x.example");
        const auto banned = guard.admitMessage(kAlice, bannedWithLink, false, 0);
        QCOMPARE(outcome(banned), QStringLiteral("banned_word"));
        QCOMPARE(banned->field, QStringLiteral("body"));
        const auto link = guard.admitMessage(kAlice, QStringLiteral("https://x.example"), false, 0);
        QCOMPARE(outcome(link), QStringLiteral("link_not_allowed"));
        QCOMPARE(link->field, QStringLiteral("body"));
        // Neither refusal took the only token.
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 0)), QStringLiteral("ok"));
        // With the bucket empty, content refusals still come first.
        QCOMPARE(outcome(guard.admitMessage(kAlice, bannedWithLink, false, 0)),
                 QStringLiteral("banned_word"));
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 0)),
                 QStringLiteral("rate_limited"));
    }

    void linkPolicyDecidesWhereLinksGo_data() {
        QTest::addColumn<int>("policy");
        QTest::addColumn<bool>("inRequest");
        QTest::addColumn<QString>("expected");
        QTest::addRow("allow, request") << int(LinkPolicy::Allow) << true << QStringLiteral("ok");
        QTest::addRow("contacts, request")
            << int(LinkPolicy::Contacts) << true << QStringLiteral("link_not_allowed");
        QTest::addRow("contacts, established")
            << int(LinkPolicy::Contacts) << false << QStringLiteral("ok");
        QTest::addRow("deny, established")
            << int(LinkPolicy::Deny) << false << QStringLiteral("link_not_allowed");
    }
    void linkPolicyDecidesWhereLinksGo() {
        QFETCH(int, policy);
        QFETCH(bool, inRequest);
        QFETCH(QString, expected);
        SpamGuard guard = guardWith(LinkPolicy(policy));
        QCOMPARE(outcome(guard.admitMessage(kAlice, QStringLiteral("see www.example.com"),
                                            inRequest, 0)),
                 expected);
        // Text without a link passes under every policy.
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, inRequest, 0)), QStringLiteral("ok"));
    }

    void burstThenOnePerSecond() {
        SpamGuard guard = guardWith(LinkPolicy::Allow);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 1000)),
                     QStringLiteral("ok"));
        }
        const auto limited = guard.admitMessage(kAlice, kPlain, false, 1000);
        QCOMPARE(outcome(limited), QStringLiteral("rate_limited"));
        QCOMPARE(limited->retryAfterMs, 1000);
        // A refused attempt takes nothing: the wait only shrinks with time.
        const auto later = guard.admitMessage(kAlice, kPlain, false, 1600);
        QCOMPARE(outcome(later), QStringLiteral("rate_limited"));
        QCOMPARE(later->retryAfterMs, 400);
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 2000)), QStringLiteral("ok"));
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 2000)),
                 QStringLiteral("rate_limited"));
        // After a long pause the burst is back, but not more than the burst.
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 60'000)),
                     QStringLiteral("ok"));
        }
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 60'000)),
                 QStringLiteral("rate_limited"));
    }

    void configuredRateSetsTheWait() {
        SpamGuard guard = guardWith(LinkPolicy::Allow, 0.5, 2.0);
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 0)), QStringLiteral("ok"));
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 0)), QStringLiteral("ok"));
        const auto limited = guard.admitMessage(kAlice, kPlain, false, 0);
        QCOMPARE(outcome(limited), QStringLiteral("rate_limited"));
        QCOMPARE(limited->retryAfterMs, 2000);
    }

    // The storage executor re-runs a batch after a retryable database error: the same message
    // admitted again must not take a second token, or a busy database would rate-limit senders.
    void reRunMessageTakesNoSecondToken() {
        SpamGuard guard = guardWith(LinkPolicy::Allow, 1.0, 2.0);
        const QString first = QStringLiteral("c-1");
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 0, first)),
                 QStringLiteral("ok"));
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 0, first)),
                 QStringLiteral("ok"));
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 0, QStringLiteral("c-2"))),
                 QStringLiteral("ok"));
        // Burst of two: c-1 (once) and c-2 took it; a third message must wait.
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 0, QStringLiteral("c-3"))),
                 QStringLiteral("rate_limited"));
    }

    // In a cluster the token comes from the shared bucket before the job: a refused one answers
    // rate_limited only after the other rules, a granted one is spent when the message passes,
    // and one not spent goes back.
    void sharedTokenDecidesAfterTheOtherRules() {
        SpamGuard guard = guardWith(LinkPolicy::Allow);
        test::FakeSharedLimits shared;
        guard.shareBuckets(&shared);
        shared.answer = SharedVerdict{0, 700};
        SharedTokenRef token;
        guard.takeSharedToken(kAlice, [&token](SharedTokenRef taken) { token = taken; });
        QVERIFY(token && !token->granted);
        QCOMPARE(
            outcome(guard.admitMessage(kAlice, QStringLiteral("spam"), false, 0, {}, token.get())),
            QStringLiteral("banned_word"));
        const auto refused = guard.admitMessage(kAlice, kPlain, false, 0, {}, token.get());
        QCOMPARE(outcome(refused), QStringLiteral("rate_limited"));
        QCOMPARE(refused->retryAfterMs, 700);

        shared.answer = SharedVerdict{};
        guard.takeSharedToken(kAlice, [&token](SharedTokenRef taken) { token = taken; });
        QVERIFY(token && token->granted);
        QCOMPARE(
            outcome(guard.admitMessage(kAlice, QStringLiteral("spam"), false, 0, {}, token.get())),
            QStringLiteral("banned_word"));
        guard.settleSharedToken(kAlice, token);  // not spent: back
        QCOMPARE(shared.refunded, QList<QByteArray>{"msg:1"});
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 0, {}, token.get())),
                 QStringLiteral("ok"));
        QVERIFY(token->spent);
        guard.settleSharedToken(kAlice, token);
        QCOMPARE(shared.refunded.size(), 1);
    }

    // Redis unreachable: no token, the job uses the node's own bucket.
    void unreachableSharedBucketsLeaveItToTheNode() {
        SpamGuard guard = guardWith(LinkPolicy::Allow);
        test::FakeSharedLimits shared;
        guard.shareBuckets(&shared);
        bool ran = false;
        guard.takeSharedToken(kAlice, [&ran](const SharedTokenRef& token) { ran = !token; });
        QVERIFY(ran);
    }

    void eachUserHasTheirOwnBucket() {
        SpamGuard guard = guardWith(LinkPolicy::Allow, 1.0, 1.0);
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 0)), QStringLiteral("ok"));
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 0)),
                 QStringLiteral("rate_limited"));
        QCOMPARE(outcome(guard.admitMessage(kBob, kPlain, false, 0)), QStringLiteral("ok"));
    }

    void forgettingIdleSendersKeepsLimitsOfActiveOnes() {
        SpamGuard guard = guardWith(LinkPolicy::Allow, 1.0, 1.0);
        // Many senders at t=0; by t=10 s their buckets are full again and can be forgotten.
        for (qint64 user = 100; user < 1100; ++user) {
            QCOMPARE(outcome(guard.admitMessage(user, kPlain, false, 0)), QStringLiteral("ok"));
        }
        QVERIFY(guard.trackedUsers() >= 1000);
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 10'000)), QStringLiteral("ok"));
        for (qint64 user = 2000; user < 2100; ++user) {
            guard.admitMessage(user, kPlain, false, 10'000);
        }
        QVERIFY2(guard.trackedUsers() < 200, qPrintable(QString::number(guard.trackedUsers())));
        // Alice, just limited, is still limited.
        QCOMPARE(outcome(guard.admitMessage(kAlice, kPlain, false, 10'000)),
                 QStringLiteral("rate_limited"));
    }
};

QTEST_GUILESS_MAIN(TestSpamGuard)
#include "tst_spam_guard.moc"
