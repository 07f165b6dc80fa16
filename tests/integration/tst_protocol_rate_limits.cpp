// Rate limits of docs/protocol.md section 2: failed logins per account (burst 5, one more per
// 60 s), failed logins per client address (burst 20, one more per 15 s) and requests per
// connection (burst 40, 20 per second). Each test runs its own server so the buckets start full.
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

QTEST_GUILESS_MAIN(TestProtocolRateLimits)
#include "tst_protocol_rate_limits.moc"
