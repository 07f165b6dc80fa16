// Rate limits of docs/protocol.md sections 2 and 5.1: failed logins per account and address
// (burst 5, one more per 60 s), failed logins per client address (burst 20, one more per 15 s),
// registrations per address, requests per connection (burst 40, 20 per second), the message
// each limit answers with, and that a failed auth.resume is no failed login. Each test runs its own
// server so the buckets start full. A second client address is 127.0.0.2 (all of 127.0.0.0/8 is
// this machine), reached with a raw socket bound to it.
#include <QJsonArray>
#include <QSet>
#include <QtTest>

#include "protocol_checks.h"
#include "protocol_server.h"
#include "protocol_spec.h"
#include "raw_ws_connection.h"

using namespace natter::test;
using natter::test::presence::RawWsConnection;

namespace {

const QString kWrongPassword = QStringLiteral("definitely wrong");

// The waits section 2's buckets announce once they are empty.
constexpr qint64 kAccountRefillMs = spec::kLoginFailureRefillSecondsPerAccountAddress * 1'000;
constexpr qint64 kAddressRefillMs = spec::kLoginFailureRefillSecondsPerAddress * 1'000;
constexpr qint64 kRegisterRefillMs = 3'600'000 / spec::kRegistrationsPerHourPerAddress;

const QHostAddress kStrangerAddress(QStringLiteral("127.0.0.2"));

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

QString messageOf(const QJsonObject& response) {
    return errorOf(response).value(QStringLiteral("message")).toString();
}

// True when the server's log has an event line naming this client address.
bool logShowsAddress(const TestServer& server, const char* event, const QString& address) {
    const QString needle =
        QStringLiteral("event=%1 addr=%2").arg(QLatin1StringView(event), address);
    return server.logTail(100'000).contains(needle);
}

// Sends `count` requests at once and returns the first response that is rate_limited (empty when
// none was); every response must arrive.
QJsonObject firstRateLimited(WsTestClient& client, const QString& method, const QJsonObject& params,
                             int count) {
    const QString prefix = method + u'-';
    for (int i = 0; i < count; ++i) {
        client.sendRequest(QString(prefix + QString::number(i)), method, params);
    }
    QJsonObject first;
    for (int i = 0; i < count; ++i) {
        const QJsonObject response = client.waitForResponse(QString(prefix + QString::number(i)));
        if (first.isEmpty() && errorCodeOf(response) == QLatin1String("rate_limited")) {
            first = response;
        }
    }
    return first;
}

}  // namespace

class TestProtocolRateLimits : public QObject {
    Q_OBJECT

private slots:
    void failedLoginsForOneAccountAreLimited();
    void failedLoginsFromOneAddressAreLimited();
    void requestsBeyondTheBurstAreLimited();
    void requestBudgetIsASettingAndCountsEveryFrame();
    void registrationsFromOneAddressAreLimited();
    void strangerCannotLockTheOwnerOut();
    void eachLimitSaysWhichItIs();
    void failedResumesAreNotLoginFailures();
};

void TestProtocolRateLimits::failedLoginsForOneAccountAreLimited() {
    ProtocolServer server;
    QCOMPARE(server.start(), QString());
    const QString victim = server.fixtureUsername();
    const QJsonObject wrong = loginParams(victim, QStringLiteral("Attacker"), kWrongPassword);
    // The limit is per account and address, not per connection: spread the attempts over two
    // connections from the same address.
    WsTestClient* first = server.connectClient();
    WsTestClient* second = server.connectClient();
    QVERIFY(first && second);
    for (int attempt = 1; attempt <= spec::kLoginFailureBurstPerAccountAddress; ++attempt) {
        WsTestClient* client = attempt <= 2 ? first : second;
        NATTER_COMPARE_ERROR(client->call(spec::method::kAuthLogin, wrong), "invalid_credentials");
    }
    const QJsonObject limited = second->call(spec::method::kAuthLogin, wrong);
    NATTER_COMPARE_RATE_LIMITED(limited, kAccountRefillMs);
    QCOMPARE(messageOf(limited), spec::rate_limited_message::kLoginFailuresPerAccountAddress);
    // While limited, even the right password is refused from this address, on any connection.
    NATTER_COMPARE_RATE_LIMITED(first->call(spec::method::kAuthLogin, loginParams(victim)),
                                kAccountRefillMs);
    NATTER_COMPARE_ERROR(first->call(spec::method::kSessionsList), "unauthenticated");

    // Other accounts are not affected, and existing sessions of the victim keep working.
    WsTestClient* other = server.connectClient();
    QVERIFY(other);
    const QString bystander = uniqueUsername(QStringLiteral("bystander"));
    NATTER_VERIFY_RESULT(other->call(spec::method::kAuthRegister, registerParams(bystander)));
    WsTestClient* bystanderAgain = server.connectClient();
    QVERIFY(bystanderAgain);
    NATTER_VERIFY_RESULT(bystanderAgain->call(spec::method::kAuthLogin, loginParams(bystander)));
    QVERIFY(server.connectSignedIn());
    verifyReleaseClients(server);
}

void TestProtocolRateLimits::failedLoginsFromOneAddressAreLimited() {
    ProtocolServer server;
    QCOMPARE(server.start(), QString());
    WsTestClient* client = server.connectClient();
    QVERIFY(client);
    // One failure each for many usernames, so only the per-address limit can trigger.
    for (int attempt = 1; attempt <= spec::kLoginFailureBurstPerAddress; ++attempt) {
        const QJsonObject params = loginParams(uniqueUsername(QStringLiteral("ghost")),
                                               QStringLiteral("Bot"), kWrongPassword);
        NATTER_COMPARE_ERROR(client->call(spec::method::kAuthLogin, params), "invalid_credentials");
    }
    const QJsonObject params =
        loginParams(uniqueUsername(QStringLiteral("ghost")), QStringLiteral("Bot"), kWrongPassword);
    const QJsonObject limited = client->call(spec::method::kAuthLogin, params);
    NATTER_COMPARE_RATE_LIMITED(limited, kAddressRefillMs);
    QCOMPARE(messageOf(limited), spec::rate_limited_message::kLoginFailuresPerAddress);
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
    constexpr int kRequests = 3 * spec::kRequestBurst;
    for (int i = 0; i < kRequests; ++i) {
        client->sendRequest(QStringLiteral("r%1").arg(i), spec::method::kSessionsList);
    }
    int limited = 0;
    qint64 retryAfterMs = 0;
    for (int i = 0; i < kRequests; ++i) {
        const QString id = QStringLiteral("r%1").arg(i);
        const QJsonObject response = client->waitForResponse(id);
        QVERIFY2(!response.isEmpty(), qPrintable(id + QStringLiteral(": no response")));
        if (i < spec::kRequestBurst) {
            // Within the burst every request is served (unauthenticated is its proper answer).
            NATTER_COMPARE_ERROR(response, "unauthenticated");
        } else if (errorCodeOf(response) == QLatin1String("rate_limited")) {
            NATTER_COMPARE_RATE_LIMITED(response, 60'000);
            QCOMPARE(messageOf(response), spec::rate_limited_message::kRequestBudget);
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
        client->call(spec::method::kAuthResume, resumeParams(server.fixture().token)));
    verifyReleaseClients(server);
}

// Section 5: every text frame counts, broken ones too; request-rate / request-burst set the budget.
void TestProtocolRateLimits::requestBudgetIsASettingAndCountsEveryFrame() {
    constexpr int kBurst = 4;
    ProtocolServer server({QStringLiteral("--request-burst"), QString::number(kBurst),
                           QStringLiteral("--request-rate"), QStringLiteral("0.1")});
    QCOMPARE(server.start(), QString());
    WsTestClient* client = server.connectClient();
    QVERIFY(client);
    client->sendText(QStringLiteral("not json"));
    NATTER_COMPARE_ERROR(client->waitForResponse(QJsonValue::Null), "malformed_frame");
    client->sendText(QStringLiteral(R"({"id":"b1"})"));
    NATTER_COMPARE_ERROR(client->waitForResponse(QStringLiteral("b1")), "bad_request");
    NATTER_COMPARE_ERROR(client->call(QStringLiteral("no.such.method")), "unknown_method");
    NATTER_COMPARE_ERROR(
        client->call(spec::method::kAuthResume, resumeParams(QString(spec::kTokenChars, u'A'))),
        "invalid_token");
    // The burst is spent: the next frame, broken or not, is refused (one token per 10 s).
    client->sendText(QStringLiteral("still not json"));
    const QJsonObject refused = client->waitForResponse(QJsonValue::Null);
    NATTER_COMPARE_RATE_LIMITED(refused, 10'000);
    QCOMPARE(messageOf(refused), spec::rate_limited_message::kRequestBudget);
    const QJsonObject limited =
        client->call(spec::method::kAuthResume, resumeParams(server.fixture().token));
    NATTER_COMPARE_RATE_LIMITED(limited, 10'000);
    QVERIFY(client->isConnected());
    verifyReleaseClients(server);
}

void TestProtocolRateLimits::registrationsFromOneAddressAreLimited() {
    // The default burst, at the default rate (6 per hour); naming the rate keeps the test
    // harness from lifting the limit.
    ProtocolServer server({QStringLiteral("--register-rate"), QStringLiteral("6")});
    QCOMPARE(server.start(), QString());  // registered the fixture: one of the burst
    for (int i = 1; i < spec::kRegistrationBurstPerAddress; ++i) {
        WsTestClient* client = server.connectClient();
        QVERIFY(client);
        NATTER_VERIFY_RESULT(client->call(spec::method::kAuthRegister,
                                          registerParams(uniqueUsername(QStringLiteral("flood")))));
    }
    WsTestClient* flooder = server.connectClient();
    QVERIFY(flooder);
    const QString refusedName = uniqueUsername(QStringLiteral("flood"));
    const QJsonObject refused =
        flooder->call(spec::method::kAuthRegister, registerParams(refusedName));
    NATTER_COMPARE_RATE_LIMITED(refused, kRegisterRefillMs);
    QCOMPARE(messageOf(refused), spec::rate_limited_message::kRegistrations);
    // Nothing was created: the name is unknown, and the connection is still not signed in.
    NATTER_COMPARE_ERROR(flooder->call(spec::method::kAuthLogin, loginParams(refusedName)),
                         "invalid_credentials");
    NATTER_COMPARE_ERROR(flooder->call(spec::method::kSessionsList), "unauthenticated");

    // Another address can still register, and the flooding address can still sign in.
    RawWsConnection other;
    QVERIFY(other.open(server.url(), WsTestClient::kDefaultTimeoutMs, kStrangerAddress));
    const QJsonObject registered =
        other.call(QStringLiteral("r1"), spec::method::kAuthRegister,
                   registerParams(uniqueUsername(QStringLiteral("neighbour"))),
                   WsTestClient::kDefaultTimeoutMs);
    NATTER_VERIFY_RESULT(registered);
    QVERIFY2(logShowsAddress(server, "auth.register_throttled", QStringLiteral("127.0.0.1")),
             "the server did not log the refused address");
    QVERIFY(server.connectSignedIn());
    verifyReleaseClients(server);
}

// Issue 14: a stranger hammering wrong passwords from one address must not keep the owner out.
void TestProtocolRateLimits::strangerCannotLockTheOwnerOut() {
    ProtocolServer server;
    QCOMPARE(server.start(), QString());
    const QString owner = server.fixtureUsername();
    RawWsConnection stranger;
    QVERIFY(stranger.open(server.url(), WsTestClient::kDefaultTimeoutMs, kStrangerAddress));
    const QJsonObject wrong = loginParams(owner, QStringLiteral("Attacker"), kWrongPassword);
    constexpr int kAttempts = 3 * spec::kLoginFailureBurstPerAccountAddress;
    int refused = 0;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        const QJsonObject response =
            stranger.call(QStringLiteral("a%1").arg(attempt), spec::method::kAuthLogin, wrong,
                          WsTestClient::kDefaultTimeoutMs);
        if (attempt <= spec::kLoginFailureBurstPerAccountAddress) {
            NATTER_COMPARE_ERROR(response, "invalid_credentials");
        } else {
            NATTER_COMPARE_RATE_LIMITED(response, kAccountRefillMs);
            QCOMPARE(messageOf(response),
                     spec::rate_limited_message::kLoginFailuresPerAccountAddress);
            ++refused;
        }
    }
    QCOMPARE(refused, kAttempts - spec::kLoginFailureBurstPerAccountAddress);
    // The stranger is limited, even with the right password...
    NATTER_COMPARE_RATE_LIMITED(stranger.call(QStringLiteral("right"), spec::method::kAuthLogin,
                                              loginParams(owner), WsTestClient::kDefaultTimeoutMs),
                                kAccountRefillMs);
    // ...while the owner's right password from 127.0.0.1 works, and so does a known device.
    WsTestClient* ownerClient = server.connectClient();
    QVERIFY(ownerClient);
    NATTER_VERIFY_RESULT(
        ownerClient->call(spec::method::kAuthLogin, loginParams(owner, QStringLiteral("Phone"))));
    QVERIFY(server.connectSignedIn());
    // The server told the addresses apart (this is what the limit is keyed on).
    QVERIFY(logShowsAddress(server, "auth.login_failed", kStrangerAddress.toString()));
    QVERIFY(!logShowsAddress(server, "auth.login_failed", QStringLiteral("127.0.0.1")));
    QVERIFY(!logShowsAddress(server, "auth.login_throttled", QStringLiteral("127.0.0.1")));
    verifyReleaseClients(server);
}

// Every limit answers rate_limited with its own message (section 2, "Which limit answered").
void TestProtocolRateLimits::eachLimitSaysWhichItIs() {
    ProtocolServer server({QStringLiteral("--register-rate"), QStringLiteral("1"),
                           QStringLiteral("--register-burst"), QStringLiteral("2"),
                           QStringLiteral("--message-rate"), QStringLiteral("0.1"),
                           QStringLiteral("--message-burst"), QStringLiteral("1")});
    QCOMPARE(server.start(), QString());
    QSet<QString> seen;
    const auto expectLimited = [&seen](const QJsonObject& response, const QString& message) {
        NATTER_COMPARE_RATE_LIMITED(response, 3'600'000);
        QCOMPARE(messageOf(response), message);
        seen.insert(message);
    };
    // Registration: the fixture and one more fill the burst of 2.
    const QString peer = uniqueUsername(QStringLiteral("peer"));
    WsTestClient* peerClient = server.connectClient();
    QVERIFY(peerClient);
    NATTER_VERIFY_RESULT(peerClient->call(spec::method::kAuthRegister, registerParams(peer)));
    WsTestClient* third = server.connectClient();
    QVERIFY(third);
    expectLimited(third->call(spec::method::kAuthRegister,
                              registerParams(uniqueUsername(QStringLiteral("third")))),
                  spec::rate_limited_message::kRegistrations);
    if (QTest::currentTestFailed()) {
        return;
    }
    WsTestClient* me = server.connectSignedIn();
    QVERIFY(me);
    // The message rate: a burst of 1 per user.
    const auto send = [&](const QString& clientId) {
        return me->call(spec::method::kMessagesSend,
                        {{QStringLiteral("to_username"), peer},
                         {QStringLiteral("client_message_id"), clientId},
                         {QStringLiteral("type"), QStringLiteral("text")},
                         {QStringLiteral("body"), QStringLiteral("hello")}});
    };
    NATTER_VERIFY_RESULT(send(QStringLiteral("m1")));
    expectLimited(send(QStringLiteral("m2")), spec::rate_limited_message::kMessageRate);
    // The search budget (10) and the typing budget (3) are checked before the params. Sent all at
    // once, well beyond the burst, so refills while they travel cannot hide the limit.
    expectLimited(
        firstRateLimited(*me, spec::method::kUsersSearch, {{QStringLiteral("query"), peer}}, 20),
        spec::rate_limited_message::kUserSearch);
    expectLimited(firstRateLimited(*me, spec::method::kTypingSet, {}, 10),
                  spec::rate_limited_message::kTypingSet);
    if (QTest::currentTestFailed()) {
        return;
    }
    // The login limits and the request budget are checked with their messages above; none of
    // these may say the same as another, or the generic text.
    seen.unite({spec::rate_limited_message::kLoginFailuresPerAccountAddress,
                spec::rate_limited_message::kLoginFailuresPerAddress,
                spec::rate_limited_message::kRequestBudget});
    QCOMPARE(seen.size(), 7);
    QVERIFY(!seen.contains(QStringLiteral("Too many attempts; try again later.")));
    verifyReleaseClients(server);
}

// Section 5.1: a failed auth.resume is no failed login, so more of them than the per-address
// login burst leave auth.login (and the right password) working.
void TestProtocolRateLimits::failedResumesAreNotLoginFailures() {
    ProtocolServer server;
    QCOMPARE(server.start(), QString());
    WsTestClient* client = server.connectClient();
    QVERIFY(client);
    for (int attempt = 1; attempt <= spec::kLoginFailureBurstPerAddress + 5; ++attempt) {
        const QString wrongToken = QString(42, u'A') + QString::number(attempt % 10);
        NATTER_COMPARE_ERROR(client->call(spec::method::kAuthResume, resumeParams(wrongToken)),
                             "invalid_token");
    }
    NATTER_VERIFY_RESULT(
        client->call(spec::method::kAuthLogin, loginParams(server.fixtureUsername())));
    verifyReleaseClients(server);
}

QTEST_GUILESS_MAIN(TestProtocolRateLimits)
#include "tst_protocol_rate_limits.moc"
