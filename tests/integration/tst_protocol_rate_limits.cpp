// Rate limits of docs/protocol.md section 2: failed logins per account (burst 5, one more per
// 60 s), failed logins per client address (burst 20, one more per 15 s) and requests per
// connection (burst 40, 20 per second; broken frames too), and that a failed auth.resume is no
// failed login. Each test runs its own server so the buckets start full.
#include <QJsonArray>
#include <QtTest>

#include "protocol_checks.h"
#include "protocol_server.h"

using namespace natter::test;

namespace {

const QString kLogin = QStringLiteral("auth.login");
const QString kWrongPassword = QStringLiteral("definitely wrong");

constexpr int kAccountBurst = 5;
constexpr qint64 kAccountRefillMs = 60'000;
constexpr int kAddressBurst = 20;
constexpr qint64 kAddressRefillMs = 15'000;
constexpr int kRequestBurst = 40;

// Fails the test unless `response` is rate_limited with an integer retry_after_ms in (0, maxMs].
#define NATTER_COMPARE_RATE_LIMITED(response, maxMs)                                  \
    do {                                                                              \
        const QJsonObject limitedResponse_ = (response);                              \
        NATTER_COMPARE_ERROR(limitedResponse_, "rate_limited");                       \
        const QJsonValue retry =                                                      \
            errorOf(limitedResponse_).value(QStringLiteral("retry_after_ms"));        \
        QVERIFY2(retry.isDouble() && retry.toDouble() == double(retry.toInteger()) && \
                     retry.toInteger() > 0 && retry.toInteger() <= (maxMs),           \
                 qPrintable(describe(limitedResponse_)));                             \
    } while (false)

}  // namespace

class TestProtocolRateLimits : public QObject {
    Q_OBJECT

private slots:
    void failedLoginsForOneAccountAreLimited();
    void failedLoginsFromOneAddressAreLimited();
    void requestsBeyondTheBurstAreLimited();
    void brokenFramesTakeFromTheRequestBudgetFirst();
    void failedResumesAreNotLoginFailures();
};

void TestProtocolRateLimits::failedLoginsForOneAccountAreLimited() {
    ProtocolServer server;
    QCOMPARE(server.start(), QString());
    const QString victim = server.fixtureUsername();
    const QJsonObject wrong = loginParams(victim, QStringLiteral("Attacker"), kWrongPassword);
    // The limit is per account, not per connection: spread the attempts over two connections.
    WsTestClient* first = server.connectClient();
    WsTestClient* second = server.connectClient();
    QVERIFY(first && second);
    for (int attempt = 1; attempt <= kAccountBurst; ++attempt) {
        WsTestClient* client = attempt <= 2 ? first : second;
        NATTER_COMPARE_ERROR(client->call(kLogin, wrong), "invalid_credentials");
    }
    NATTER_COMPARE_RATE_LIMITED(second->call(kLogin, wrong), kAccountRefillMs);
    // While limited, even the right password is refused, on any connection.
    NATTER_COMPARE_RATE_LIMITED(first->call(kLogin, loginParams(victim)), kAccountRefillMs);
    NATTER_COMPARE_ERROR(first->call(QStringLiteral("sessions.list")), "unauthenticated");

    // Other accounts are not affected, and existing sessions of the victim keep working.
    WsTestClient* other = server.connectClient();
    QVERIFY(other);
    const QString bystander = uniqueUsername(QStringLiteral("bystander"));
    NATTER_VERIFY_RESULT(other->call(QStringLiteral("auth.register"), registerParams(bystander)));
    WsTestClient* bystanderAgain = server.connectClient();
    QVERIFY(bystanderAgain);
    NATTER_VERIFY_RESULT(bystanderAgain->call(kLogin, loginParams(bystander)));
    QVERIFY(server.connectSignedIn());
    verifyReleaseClients(server);
}

void TestProtocolRateLimits::failedLoginsFromOneAddressAreLimited() {
    ProtocolServer server;
    QCOMPARE(server.start(), QString());
    WsTestClient* client = server.connectClient();
    QVERIFY(client);
    // One failure each for many usernames, so only the per-address limit can trigger.
    for (int attempt = 1; attempt <= kAddressBurst; ++attempt) {
        const QJsonObject params = loginParams(uniqueUsername(QStringLiteral("ghost")),
                                               QStringLiteral("Bot"), kWrongPassword);
        NATTER_COMPARE_ERROR(client->call(kLogin, params), "invalid_credentials");
    }
    const QJsonObject params =
        loginParams(uniqueUsername(QStringLiteral("ghost")), QStringLiteral("Bot"), kWrongPassword);
    NATTER_COMPARE_RATE_LIMITED(client->call(kLogin, params), kAddressRefillMs);
    // Signing in with a token is not a login attempt and keeps working.
    QVERIFY(server.connectSignedIn());
    verifyReleaseClients(server);
}

void TestProtocolRateLimits::requestsBeyondTheBurstAreLimited() {
    ProtocolServer server;
    QCOMPARE(server.start(), QString());
    WsTestClient* client = server.connectClient();
    QVERIFY(client);
    // Far more than the burst plus what can refill while they are sent.
    constexpr int kRequests = 3 * kRequestBurst;
    for (int i = 0; i < kRequests; ++i) {
        client->sendRequest(QStringLiteral("r%1").arg(i), QStringLiteral("sessions.list"));
    }
    int limited = 0;
    qint64 retryAfterMs = 0;
    for (int i = 0; i < kRequests; ++i) {
        const QString id = QStringLiteral("r%1").arg(i);
        const QJsonObject response = client->waitForResponse(id);
        QVERIFY2(!response.isEmpty(), qPrintable(id + QStringLiteral(": no response")));
        if (i < kRequestBurst) {
            // Within the burst every request is served (unauthenticated is its proper answer).
            NATTER_COMPARE_ERROR(response, "unauthenticated");
        } else if (errorCodeOf(response) == QLatin1String("rate_limited")) {
            NATTER_COMPARE_RATE_LIMITED(response, 60'000);
            retryAfterMs = errorOf(response).value(QStringLiteral("retry_after_ms")).toInteger();
            ++limited;
        }
        QCOMPARE(client->responseCount(id), 1);
    }
    QVERIFY2(limited > 0, "no request beyond the burst was rate_limited");
    // The connection stays open and serves again once the bucket refilled.
    QTest::qWait(int(retryAfterMs) + 200);
    QVERIFY(client->isConnected());
    NATTER_VERIFY_RESULT(
        client->call(QStringLiteral("auth.resume"), resumeParams(server.fixture().token)));
    verifyReleaseClients(server);
}

// Section 5: every text frame takes a token before it is parsed, so frames that are not even JSON
// run the bucket dry, and beyond it they are answered rate_limited (not malformed_frame).
void TestProtocolRateLimits::brokenFramesTakeFromTheRequestBudgetFirst() {
    ProtocolServer server;
    QCOMPARE(server.start(), QString());
    WsTestClient* client = server.connectClient();
    QVERIFY(client);
    constexpr int kFrames = 3 * kRequestBurst;
    for (int i = 0; i < kFrames; ++i) {
        client->sendText(QStringLiteral("{not json"));
    }
    QMap<QString, int> answers;
    for (int i = 0; i < kFrames; ++i) {
        const QJsonObject response = client->waitForResponse(QJsonValue::Null);
        QVERIFY2(!response.isEmpty(), "a broken frame got no answer");
        answers[errorCodeOf(response)] += 1;
    }
    qInfo() << "answers to" << kFrames << "broken frames:" << answers;
    QCOMPARE(answers.value(QStringLiteral("malformed_frame")) +
                 answers.value(QStringLiteral("rate_limited")),
             kFrames);
    QVERIFY(answers.value(QStringLiteral("malformed_frame")) >= kRequestBurst);
    QVERIFY2(answers.value(QStringLiteral("rate_limited")) > 0,
             "broken frames did not take from the request budget");
    verifyReleaseClients(server);
}

// Section 5.1: a failed auth.resume is no failed login, so more of them than the per-address
// login burst leave auth.login (and the right password) working.
void TestProtocolRateLimits::failedResumesAreNotLoginFailures() {
    ProtocolServer server;
    QCOMPARE(server.start(), QString());
    WsTestClient* client = server.connectClient();
    QVERIFY(client);
    for (int attempt = 1; attempt <= kAddressBurst + 5; ++attempt) {
        const QString wrongToken = QString(42, u'A') + QString::number(attempt % 10);
        NATTER_COMPARE_ERROR(client->call(QStringLiteral("auth.resume"), resumeParams(wrongToken)),
                             "invalid_token");
    }
    NATTER_VERIFY_RESULT(client->call(kLogin, loginParams(server.fixtureUsername())));
    verifyReleaseClients(server);
}

QTEST_GUILESS_MAIN(TestProtocolRateLimits)
#include "tst_protocol_rate_limits.moc"
