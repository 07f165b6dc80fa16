// Accounts and sessions (docs/protocol.md section 5.1) as a third-party client sees them.
#include <QDateTime>
#include <QJsonArray>
#include <QtTest>

#include "protocol_checks.h"
#include "protocol_server.h"
#include "protocol_spec.h"

using namespace natter::test;

namespace {

QJsonArray sessionsOf(const QJsonObject& listResponse) {
    return resultOf(listResponse).value(QStringLiteral("sessions")).toArray();
}

QJsonObject sessionWithId(const QJsonArray& sessions, const QString& id) {
    for (const QJsonValue& session : sessions) {
        if (session.toObject().value(QStringLiteral("id")).toString() == id) {
            return session.toObject();
        }
    }
    return {};
}

bool isRecentTimestamp(const QJsonValue& value) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const auto stamp = value.toInteger(-1);
    return value.isDouble() && stamp > now - 3'600'000 && stamp <= now + 60'000;
}

QJsonObject revokeParams(const QString& sessionId) {
    return {{QStringLiteral("session_id"), sessionId}};
}

}  // namespace

class TestProtocolAccounts : public QObject {
    Q_OBJECT

private:
    // A connection that registered a new account (device "Laptop").
    WsTestClient* registerNew(const QString& stem, SignedIn& signedIn);
    // A connection that logged in to `username` as a new session on `device`.
    WsTestClient* loginAs(const QString& username, const QString& device, SignedIn& signedIn);
    // A new connection that tries auth.resume with `token`; returns the response.
    QJsonObject resumeOnNewConnection(const QString& token);

    ProtocolServer server_;

private slots:
    void initTestCase();
    void cleanup();

    void registerReturnsTokenSessionAndUser();
    void twoDevicesAreSignedInAtOnce();
    void resumeWithStoredTokenOnNewConnection();
    void revokeClosesThatSessionAtOnce();
    void revokeUnknownOrForeignSessionIsNotFound();
    void revokeCurrentSessionClosesAfterResponse();
    void revokeOthersKeepsOnlyTheCurrentSession();
    void logoutClosesWith1000AndOtherConnectionsWith4002();
    void tokenSurvivesServerRestart();
    void usernamesAreCaseInsensitive();
    void takenUsernameIsRefused();
    void wrongPasswordAndUnknownUserLookTheSame();
};

WsTestClient* TestProtocolAccounts::registerNew(const QString& stem, SignedIn& signedIn) {
    WsTestClient* client = server_.connectClient();
    if (client) {
        signedIn = signedInFrom(
            client->call(spec::method::kAuthRegister, registerParams(uniqueUsername(stem))));
    }
    return client;
}

WsTestClient* TestProtocolAccounts::loginAs(const QString& username, const QString& device,
                                            SignedIn& signedIn) {
    WsTestClient* client = server_.connectClient();
    if (client) {
        signedIn =
            signedInFrom(client->call(spec::method::kAuthLogin, loginParams(username, device)));
    }
    return client;
}

QJsonObject TestProtocolAccounts::resumeOnNewConnection(const QString& token) {
    WsTestClient* client = server_.connectClient();
    return client ? client->call(spec::method::kAuthResume, resumeParams(token)) : QJsonObject{};
}

void TestProtocolAccounts::initTestCase() {
    QCOMPARE(server_.start(), QString());
}

void TestProtocolAccounts::cleanup() {
    verifyReleaseClients(server_);
}

void TestProtocolAccounts::registerReturnsTokenSessionAndUser() {
    WsTestClient* client = server_.connectClient();
    QVERIFY(client);
    QCOMPARE(client->acceptedSubprotocol(), QStringLiteral("natter.v1"));
    const QString username = uniqueUsername(QStringLiteral("newcomer"));
    const QJsonObject response =
        client->call(spec::method::kAuthRegister, registerParams(username));
    NATTER_VERIFY_RESULT(response);

    const QJsonObject result = resultOf(response);
    QVERIFY2(isWellFormedToken(result.value(QStringLiteral("token")).toString()),
             qPrintable(describe(response)));
    const QJsonObject session = result.value(QStringLiteral("session")).toObject();
    QVERIFY(isPublicId(session.value(QStringLiteral("id")).toString(), QStringLiteral("s_")));
    QCOMPARE(session.value(QStringLiteral("device_name")).toString(), QStringLiteral("Laptop"));
    QVERIFY(isRecentTimestamp(session.value(QStringLiteral("created_at"))));
    QVERIFY(isRecentTimestamp(session.value(QStringLiteral("last_seen_at"))));
    QCOMPARE(session.value(QStringLiteral("current")), QJsonValue(true));
    const QJsonObject user = result.value(QStringLiteral("user")).toObject();
    QVERIFY(isPublicId(user.value(QStringLiteral("id")).toString(), QStringLiteral("u_")));
    QCOMPARE(user.value(QStringLiteral("username")).toString(), username);
    QCOMPARE(user.value(QStringLiteral("display_name")).toString(),
             QStringLiteral("Test ") + username);
    // The connection is now signed in.
    NATTER_VERIFY_RESULT(client->call(spec::method::kSessionsList));
}

void TestProtocolAccounts::twoDevicesAreSignedInAtOnce() {
    SignedIn laptop;
    WsTestClient* laptopClient = registerNew(QStringLiteral("twodev"), laptop);
    QVERIFY2(laptop.ok(), qPrintable(describe(laptop.response)));
    SignedIn phone;
    WsTestClient* phoneClient = loginAs(laptop.username, QStringLiteral("Phone"), phone);
    QVERIFY2(phone.ok(), qPrintable(describe(phone.response)));
    QVERIFY(isWellFormedToken(phone.token));
    QVERIFY(phone.token != laptop.token);
    QVERIFY(phone.sessionId != laptop.sessionId);
    QCOMPARE(phone.userId, laptop.userId);

    // Both connections stay signed in at the same time, each seeing itself as current.
    for (auto [client, own, other] :
         {std::tuple{laptopClient, laptop, phone}, std::tuple{phoneClient, phone, laptop}}) {
        const QJsonObject list = client->call(spec::method::kSessionsList);
        NATTER_VERIFY_RESULT(list);
        const QJsonArray sessions = sessionsOf(list);
        QCOMPARE(sessions.size(), 2);
        QCOMPARE(sessionWithId(sessions, own.sessionId).value(QStringLiteral("current")),
                 QJsonValue(true));
        QCOMPARE(sessionWithId(sessions, other.sessionId).value(QStringLiteral("current")),
                 QJsonValue(false));
        QVERIFY(sessions.at(0).toObject().value(QStringLiteral("last_seen_at")).toInteger() >=
                sessions.at(1).toObject().value(QStringLiteral("last_seen_at")).toInteger());
    }
    const QJsonArray sessions = sessionsOf(laptopClient->call(spec::method::kSessionsList));
    QCOMPARE(
        sessionWithId(sessions, phone.sessionId).value(QStringLiteral("device_name")).toString(),
        QStringLiteral("Phone"));
    QCOMPARE(
        sessionWithId(sessions, laptop.sessionId).value(QStringLiteral("device_name")).toString(),
        QStringLiteral("Laptop"));
}

void TestProtocolAccounts::resumeWithStoredTokenOnNewConnection() {
    SignedIn registered;
    WsTestClient* first = registerNew(QStringLiteral("resumer"), registered);
    QVERIFY2(registered.ok(), qPrintable(describe(registered.response)));
    first->close();
    QVERIFY(first->waitForDisconnected());

    const QJsonObject resumed = resumeOnNewConnection(registered.token);
    NATTER_VERIFY_RESULT(resumed);
    const QJsonObject result = resultOf(resumed);
    QVERIFY2(!result.contains(QStringLiteral("token")), "the token must be returned only once");
    QCOMPARE(signedInFrom(resumed).sessionId, registered.sessionId);
    QCOMPARE(signedInFrom(resumed).userId, registered.userId);
    QCOMPARE(result.value(QStringLiteral("session")).toObject().value(QStringLiteral("current")),
             QJsonValue(true));
    QCOMPARE(result.value(QStringLiteral("user")).toObject(),
             resultOf(registered.response).value(QStringLiteral("user")).toObject());
}

void TestProtocolAccounts::revokeClosesThatSessionAtOnce() {
    SignedIn laptop;
    WsTestClient* laptopClient = registerNew(QStringLiteral("revoker"), laptop);
    QVERIFY2(laptop.ok(), qPrintable(describe(laptop.response)));
    SignedIn tablet;
    WsTestClient* tabletClient = loginAs(laptop.username, QStringLiteral("Tablet"), tablet);
    QVERIFY2(tablet.ok(), qPrintable(describe(tablet.response)));

    const QJsonObject revoke =
        laptopClient->call(spec::method::kSessionsRevoke, revokeParams(tablet.sessionId));
    NATTER_VERIFY_RESULT(revoke);
    QCOMPARE(resultOf(revoke), QJsonObject());
    NATTER_COMPARE_CLOSE(*tabletClient, 4002);
    NATTER_COMPARE_ERROR(resumeOnNewConnection(tablet.token), "invalid_token");

    const QJsonArray sessions = sessionsOf(laptopClient->call(spec::method::kSessionsList));
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.at(0).toObject().value(QStringLiteral("id")).toString(), laptop.sessionId);
    QVERIFY(laptopClient->isConnected());
}

void TestProtocolAccounts::revokeUnknownOrForeignSessionIsNotFound() {
    SignedIn mine;
    WsTestClient* client = registerNew(QStringLiteral("snoop"), mine);
    QVERIFY2(mine.ok(), qPrintable(describe(mine.response)));

    NATTER_COMPARE_ERROR(client->call(spec::method::kSessionsRevoke,
                                      revokeParams(QStringLiteral("s_AAAAAAAAAAAAAAAAAAAAAA"))),
                         "not_found");
    NATTER_COMPARE_ERROR(
        client->call(spec::method::kSessionsRevoke, revokeParams(server_.fixture().sessionId)),
        "not_found");
    // The other account's session was not touched.
    NATTER_VERIFY_RESULT(resumeOnNewConnection(server_.fixture().token));
    NATTER_VERIFY_RESULT(client->call(spec::method::kSessionsList));
}

void TestProtocolAccounts::revokeCurrentSessionClosesAfterResponse() {
    SignedIn self;
    WsTestClient* client = registerNew(QStringLiteral("selfrevoke"), self);
    QVERIFY2(self.ok(), qPrintable(describe(self.response)));

    const QJsonObject revoke =
        client->call(spec::method::kSessionsRevoke, revokeParams(self.sessionId));
    NATTER_VERIFY_RESULT(revoke);
    NATTER_COMPARE_CLOSE(*client, 4002);
    NATTER_COMPARE_ERROR(resumeOnNewConnection(self.token), "invalid_token");
}

void TestProtocolAccounts::revokeOthersKeepsOnlyTheCurrentSession() {
    SignedIn keeper;
    WsTestClient* keeperClient = registerNew(QStringLiteral("keeper"), keeper);
    QVERIFY2(keeper.ok(), qPrintable(describe(keeper.response)));
    SignedIn phone;
    SignedIn desktop;
    WsTestClient* phoneClient = loginAs(keeper.username, QStringLiteral("Phone"), phone);
    WsTestClient* desktopClient = loginAs(keeper.username, QStringLiteral("Desktop"), desktop);
    QVERIFY(phone.ok() && desktop.ok());
    // A second connection of the phone's session (a reconnect overlapping the old socket).
    WsTestClient* phoneAgain = server_.connectClient();
    QVERIFY(phoneAgain);
    NATTER_VERIFY_RESULT(phoneAgain->call(spec::method::kAuthResume, resumeParams(phone.token)));

    const QJsonObject revoke = keeperClient->call(spec::method::kSessionsRevokeOthers);
    NATTER_VERIFY_RESULT(revoke);
    QCOMPARE(resultOf(revoke), (QJsonObject{{QStringLiteral("revoked"), 2}}));
    NATTER_COMPARE_CLOSE(*phoneClient, 4002);
    NATTER_COMPARE_CLOSE(*phoneAgain, 4002);
    NATTER_COMPARE_CLOSE(*desktopClient, 4002);
    NATTER_COMPARE_ERROR(resumeOnNewConnection(phone.token), "invalid_token");
    NATTER_COMPARE_ERROR(resumeOnNewConnection(desktop.token), "invalid_token");

    const QJsonArray sessions = sessionsOf(keeperClient->call(spec::method::kSessionsList));
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.at(0).toObject().value(QStringLiteral("id")).toString(), keeper.sessionId);
    NATTER_VERIFY_RESULT(resumeOnNewConnection(keeper.token));
}

void TestProtocolAccounts::logoutClosesWith1000AndOtherConnectionsWith4002() {
    SignedIn session;
    WsTestClient* client = registerNew(QStringLiteral("leaver"), session);
    QVERIFY2(session.ok(), qPrintable(describe(session.response)));
    WsTestClient* sameSession = server_.connectClient();
    QVERIFY(sameSession);
    NATTER_VERIFY_RESULT(sameSession->call(spec::method::kAuthResume, resumeParams(session.token)));

    const QJsonObject logout = client->call(spec::method::kAuthLogout);
    NATTER_VERIFY_RESULT(logout);
    QCOMPARE(resultOf(logout), QJsonObject());
    NATTER_COMPARE_CLOSE(*client, 1000);
    NATTER_COMPARE_CLOSE(*sameSession, 4002);
    NATTER_COMPARE_ERROR(resumeOnNewConnection(session.token), "invalid_token");
}

void TestProtocolAccounts::tokenSurvivesServerRestart() {
    ProtocolServer restarted;
    QCOMPARE(restarted.start(), QString());
    WsTestClient* connected = restarted.connectSignedIn();
    QVERIFY(connected);

    QCOMPARE(restarted.process().stop(), 0);
    // A shutting-down server says so to its clients (close code 1001).
    NATTER_COMPARE_CLOSE(*connected, 1001);
    QVERIFY2(restarted.process().start(), qPrintable(restarted.logTail()));

    WsTestClient* client = restarted.connectClient();
    QVERIFY(client);
    const QJsonObject resumed =
        client->call(spec::method::kAuthResume, resumeParams(restarted.fixture().token));
    if (!isResult(resumed)) {
        qWarning().noquote() << "restarted server's log:\n" << restarted.logTail();
    }
    NATTER_VERIFY_RESULT(resumed);
    QCOMPARE(signedInFrom(resumed).sessionId, restarted.fixture().sessionId);
    QCOMPARE(signedInFrom(resumed).userId, restarted.fixture().userId);
    // The password still works too.
    QCOMPARE(restarted.checkStillServing(), QString());
    verifyReleaseClients(restarted);
}

void TestProtocolAccounts::usernamesAreCaseInsensitive() {
    const QString lower = uniqueUsername(QStringLiteral("casey"));
    const QString mixed = QStringLiteral("CaSeY") + lower.mid(5);
    WsTestClient* client = server_.connectClient();
    QVERIFY(client);
    const SignedIn registered =
        signedInFrom(client->call(spec::method::kAuthRegister, registerParams(mixed)));
    QVERIFY2(registered.ok(), qPrintable(describe(registered.response)));
    QCOMPARE(registered.username, lower);

    SignedIn upper;
    loginAs(lower.toUpper(), QStringLiteral("Phone"), upper);
    QVERIFY2(upper.ok(), qPrintable(describe(upper.response)));
    QCOMPARE(upper.userId, registered.userId);
    SignedIn plain;
    loginAs(lower, QStringLiteral("Tablet"), plain);
    QCOMPARE(plain.userId, registered.userId);

    WsTestClient* other = server_.connectClient();
    QVERIFY(other);
    NATTER_COMPARE_ERROR(other->call(spec::method::kAuthRegister, registerParams(lower)),
                         "username_taken");
    NATTER_COMPARE_ERROR(other->call(spec::method::kAuthRegister, registerParams(lower.toUpper())),
                         "username_taken");
}

void TestProtocolAccounts::takenUsernameIsRefused() {
    WsTestClient* client = server_.connectClient();
    QVERIFY(client);
    const QJsonObject taken =
        client->call(spec::method::kAuthRegister, registerParams(server_.fixtureUsername()));
    NATTER_COMPARE_ERROR(taken, "username_taken");
    QCOMPARE(errorOf(taken).value(QStringLiteral("field")).toString(), QStringLiteral("username"));
    // The refused connection did not get signed in.
    NATTER_COMPARE_ERROR(client->call(spec::method::kSessionsList), "unauthenticated");
    // The existing account still has its password.
    QCOMPARE(server_.checkStillServing(), QString());
}

void TestProtocolAccounts::wrongPasswordAndUnknownUserLookTheSame() {
    WsTestClient* client = server_.connectClient();
    QVERIFY(client);
    const QJsonObject wrongPassword = client->call(
        spec::method::kAuthLogin, loginParams(server_.fixtureUsername(), QStringLiteral("Laptop"),
                                              QStringLiteral("not the password")));
    NATTER_COMPARE_ERROR(wrongPassword, "invalid_credentials");
    const QJsonObject unknownUser = client->call(
        spec::method::kAuthLogin, loginParams(uniqueUsername(QStringLiteral("nobody"))));
    NATTER_COMPARE_ERROR(unknownUser, "invalid_credentials");
    QCOMPARE(errorOf(unknownUser).value(QStringLiteral("message")),
             errorOf(wrongPassword).value(QStringLiteral("message")));
    NATTER_COMPARE_ERROR(client->call(spec::method::kSessionsList), "unauthenticated");
}

QTEST_GUILESS_MAIN(TestProtocolAccounts)
#include "tst_protocol_accounts.moc"
