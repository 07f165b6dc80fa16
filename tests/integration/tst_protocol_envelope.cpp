// Bad envelopes, unauthenticated calls and bad tokens (docs/protocol.md sections 3, 4 and 5):
// each gets its documented error, the same connection keeps working, and the server keeps
// serving other clients.
#include <QJsonArray>
#include <QtTest>

#include "fresh_connection_test.h"
#include "protocol_checks.h"
#include "protocol_server.h"
#include "protocol_spec.h"

using namespace natter::test;

namespace {

// 2^53 − 1, the largest id the document allows.
constexpr qint64 kMaxId = (qint64(1) << 53) - 1;

}  // namespace

class TestProtocolEnvelope : public FreshConnectionTest {
    Q_OBJECT

private:
    // Sends `text` on a fresh unauthenticated connection and returns the response with id null.
    QJsonObject sendOnFreshConnection(const QString& text);
    // Sends `text` on the fresh connection; the answer must be the error `code` with id null.
    void verifyNullIdError(const QString& text, const QString& code);

private slots:
    void textThatIsNotJsonIsMalformed_data();
    void textThatIsNotJsonIsMalformed();
    void badIdIsBadRequestWithNullId_data();
    void badIdIsBadRequestWithNullId();
    void goodIdsAreEchoedVerbatim_data();
    void goodIdsAreEchoedVerbatim();
    void badMethodOrParamsIsBadRequestWithId_data();
    void badMethodOrParamsIsBadRequestWithId();
    void unknownMembersAreIgnored();
    void unknownMethodIsRefused();
    void protectedMethodsNeedAuthentication_data();
    void protectedMethodsNeedAuthentication();
    void authOnSignedInConnectionIsRefused_data();
    void authOnSignedInConnectionIsRefused();
    void badTokensAreInvalid_data();
    void badTokensAreInvalid();
    void revokedTokenIsInvalid();
};

QJsonObject TestProtocolEnvelope::sendOnFreshConnection(const QString& text) {
    client_->sendText(text);
    return client_->waitForResponse(QJsonValue::Null);
}

void TestProtocolEnvelope::verifyNullIdError(const QString& text, const QString& code) {
    const QJsonObject response = sendOnFreshConnection(text);
    QCOMPARE(errorCodeOf(response), code);
    QCOMPARE(response.value(QStringLiteral("id")), QJsonValue(QJsonValue::Null));
}

void TestProtocolEnvelope::textThatIsNotJsonIsMalformed_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("not JSON") << QStringLiteral("hello, server");
    QTest::newRow("truncated object") << QStringLiteral("{\"id\": \"a\", \"method\": ");
    QTest::newRow("array") << QStringLiteral("[{\"id\":\"a\",\"method\":\"sessions.list\"}]");
    QTest::newRow("string") << QStringLiteral("\"auth.login\"");
    QTest::newRow("number") << QStringLiteral("42");
    QTest::newRow("null") << QStringLiteral("null");
    QTest::newRow("empty") << QString();
}

void TestProtocolEnvelope::textThatIsNotJsonIsMalformed() {
    QFETCH(QString, text);
    verifyNullIdError(text, QStringLiteral("malformed_frame"));
}

void TestProtocolEnvelope::badIdIsBadRequestWithNullId_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("missing") << QStringLiteral(R"({"method":"sessions.list"})");
    QTest::newRow("null") << QStringLiteral(R"({"id":null,"method":"sessions.list"})");
    QTest::newRow("empty string") << QStringLiteral(R"({"id":"","method":"sessions.list"})");
    QTest::newRow("65 characters")
        << QStringLiteral(R"({"id":"%1","method":"sessions.list"})").arg(QString(65, u'x'));
    QTest::newRow("65 code points of 2 UTF-16 units")
        << QStringLiteral(R"({"id":"%1","method":"sessions.list"})")
               .arg(QString(65, u'x').replace(u'x', QStringLiteral("\U0001F600")));
    QTest::newRow("boolean") << QStringLiteral(R"({"id":true,"method":"sessions.list"})");
    QTest::newRow("object") << QStringLiteral(R"({"id":{"n":1},"method":"sessions.list"})");
    QTest::newRow("array") << QStringLiteral(R"({"id":["a"],"method":"sessions.list"})");
    QTest::newRow("negative") << QStringLiteral(R"({"id":-1,"method":"sessions.list"})");
    QTest::newRow("fraction") << QStringLiteral(R"({"id":1.5,"method":"sessions.list"})");
    QTest::newRow("2^53") << QStringLiteral(R"({"id":9007199254740992,"method":"sessions.list"})");
}

void TestProtocolEnvelope::badIdIsBadRequestWithNullId() {
    QFETCH(QString, text);
    verifyNullIdError(text, QStringLiteral("bad_request"));
}

void TestProtocolEnvelope::goodIdsAreEchoedVerbatim_data() {
    QTest::addColumn<QJsonValue>("id");
    QTest::newRow("1 character") << QJsonValue(QStringLiteral("a"));
    QTest::newRow("64 characters") << QJsonValue(QString(64, u'y'));
    QTest::newRow("64 code points of 2 UTF-16 units")
        << QJsonValue(QString(64, u'y').replace(u'y', QStringLiteral("\U0001F600")));
    QTest::newRow("zero") << QJsonValue(0);
    QTest::newRow("2^53-1") << QJsonValue(kMaxId);
}

void TestProtocolEnvelope::goodIdsAreEchoedVerbatim() {
    QFETCH(QJsonValue, id);
    client_->sendRequest(id, spec::method::kSessionsList);
    const QJsonObject response = client_->waitForResponse(id);
    // The request itself is fine but this connection is not signed in yet.
    NATTER_COMPARE_ERROR(response, "unauthenticated");
    QCOMPARE(response.value(QStringLiteral("id")), id);
    QCOMPARE(client_->responseCount(id), 1);
}

void TestProtocolEnvelope::badMethodOrParamsIsBadRequestWithId_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("method missing") << QStringLiteral(R"({"id":"m1"})");
    QTest::newRow("method null") << QStringLiteral(R"({"id":"m1","method":null})");
    QTest::newRow("method number") << QStringLiteral(R"({"id":"m1","method":7})");
    QTest::newRow("method object")
        << QStringLiteral(R"({"id":"m1","method":{"name":"auth.login"}})");
    QTest::newRow("params array") << QStringLiteral(
        R"({"id":"m1","method":"auth.resume","params":["x"]})");
    QTest::newRow("params string")
        << QStringLiteral(R"({"id":"m1","method":"auth.resume","params":"token"})");
    QTest::newRow("params number")
        << QStringLiteral(R"({"id":"m1","method":"auth.resume","params":3})");
    QTest::newRow("params boolean")
        << QStringLiteral(R"({"id":"m1","method":"auth.resume","params":true})");
}

void TestProtocolEnvelope::badMethodOrParamsIsBadRequestWithId() {
    QFETCH(QString, text);
    client_->sendText(text);
    const QJsonObject response = client_->waitForResponse(QStringLiteral("m1"));
    NATTER_COMPARE_ERROR(response, "bad_request");
}

void TestProtocolEnvelope::unknownMembersAreIgnored() {
    const QString text = QStringLiteral(R"({"id":"u1","method":"auth.resume","future":[1,2],)"
                                        R"("params":{"token":"%1","also_future":{"x":true}}})")
                             .arg(server_.fixture().token);
    client_->sendText(text);
    const QJsonObject response = client_->waitForResponse(QStringLiteral("u1"));
    NATTER_VERIFY_RESULT(response);
    QCOMPARE(signedInFrom(response).sessionId, server_.fixture().sessionId);
    // params absent means {}: sessions.list takes none.
    client_->sendText(QStringLiteral(R"({"id":"u2","method":"sessions.list"})"));
    NATTER_VERIFY_RESULT(client_->waitForResponse(QStringLiteral("u2")));
    clientSignedIn_ = true;
}

void TestProtocolEnvelope::unknownMethodIsRefused() {
    NATTER_VERIFY_RESULT(
        client_->call(spec::method::kAuthResume, resumeParams(server_.fixture().token)));
    clientSignedIn_ = true;
    NATTER_COMPARE_ERROR(client_->call(QStringLiteral("sessions.delete_everything")),
                         "unknown_method");
    NATTER_COMPARE_ERROR(client_->call(QStringLiteral("")), "unknown_method");
    NATTER_COMPARE_ERROR(client_->call(QStringLiteral("AUTH.LOGOUT")), "unknown_method");
}

void TestProtocolEnvelope::protectedMethodsNeedAuthentication_data() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("params");
    QTest::newRow("auth.logout") << spec::method::kAuthLogout << QJsonObject();
    QTest::newRow("sessions.list") << spec::method::kSessionsList << QJsonObject();
    QTest::newRow("sessions.revoke")
        << spec::method::kSessionsRevoke
        << QJsonObject{{QStringLiteral("session_id"), server_.fixture().sessionId}};
    QTest::newRow("sessions.revoke_others") << spec::method::kSessionsRevokeOthers << QJsonObject();
}

void TestProtocolEnvelope::protectedMethodsNeedAuthentication() {
    QFETCH(QString, method);
    QFETCH(QJsonObject, params);
    NATTER_COMPARE_ERROR(client_->call(method, params), "unauthenticated");
    // Nothing happened to the fixture's session.
    QVERIFY(server_.connectSignedIn());
}

void TestProtocolEnvelope::authOnSignedInConnectionIsRefused_data() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("params");
    QTest::newRow("auth.register")
        << spec::method::kAuthRegister << registerParams(uniqueUsername(QStringLiteral("second")));
    QTest::newRow("auth.login") << spec::method::kAuthLogin
                                << loginParams(server_.fixtureUsername());
    QTest::newRow("auth.resume") << spec::method::kAuthResume
                                 << resumeParams(server_.fixture().token);
}

void TestProtocolEnvelope::authOnSignedInConnectionIsRefused() {
    QFETCH(QString, method);
    QFETCH(QJsonObject, params);
    NATTER_VERIFY_RESULT(
        client_->call(spec::method::kAuthResume, resumeParams(server_.fixture().token)));
    clientSignedIn_ = true;
    NATTER_COMPARE_ERROR(client_->call(method, params), "already_authenticated");
    // Still the same session: the refused request did not switch or add one.
    const QJsonArray sessions = resultOf(client_->call(spec::method::kSessionsList))
                                    .value(QStringLiteral("sessions"))
                                    .toArray();
    for (const QJsonValue& session : sessions) {
        const bool isFixture = session.toObject().value(QStringLiteral("id")).toString() ==
                               server_.fixture().sessionId;
        QCOMPARE(session.toObject().value(QStringLiteral("current")).toBool(), isFixture);
    }
}

void TestProtocolEnvelope::badTokensAreInvalid_data() {
    QTest::addColumn<QString>("token");
    QTest::newRow("empty") << QString();
    QTest::newRow("short") << QStringLiteral("abc");
    QTest::newRow("42 characters") << server_.fixture().token.left(42);
    QTest::newRow("44 characters") << server_.fixture().token + u'A';
    QTest::newRow("43 non-base64url characters") << QString(43, u'!');
    QTest::newRow("43 characters with a space") << u' ' + server_.fixture().token.mid(1);
    QTest::newRow("unknown well-formed")
        << QStringLiteral("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    QTest::newRow("a session id") << server_.fixture().sessionId;
    QTest::newRow("very long") << QString(10'000, u'A');
}

void TestProtocolEnvelope::badTokensAreInvalid() {
    QFETCH(QString, token);
    NATTER_COMPARE_ERROR(client_->call(spec::method::kAuthResume, resumeParams(token)),
                         "invalid_token");
    NATTER_COMPARE_ERROR(client_->call(spec::method::kSessionsList), "unauthenticated");
}

void TestProtocolEnvelope::revokedTokenIsInvalid() {
    WsTestClient* leaving = server_.connectClient();
    QVERIFY(leaving);
    const SignedIn session = signedInFrom(
        leaving->call(spec::method::kAuthLogin,
                      loginParams(server_.fixtureUsername(), QStringLiteral("Old phone"))));
    QVERIFY2(session.ok(), qPrintable(describe(session.response)));
    NATTER_VERIFY_RESULT(leaving->call(spec::method::kAuthLogout));
    NATTER_COMPARE_ERROR(client_->call(spec::method::kAuthResume, resumeParams(session.token)),
                         "invalid_token");
    NATTER_COMPARE_ERROR(client_->call(spec::method::kSessionsList), "unauthenticated");
}

QTEST_GUILESS_MAIN(TestProtocolEnvelope)
#include "tst_protocol_envelope.moc"
