// Parameter rules of docs/protocol.md sections 2 and 5.1: every missing, mistyped or rule-breaking
// member is invalid_params naming it, values at the limits are accepted, and the server stores the
// documented normalised values (trimmed, ASCII-lowercased usernames, untrimmed passwords).
#include <QJsonArray>
#include <QtTest>
#include <utility>

#include "fresh_connection_test.h"
#include "protocol_checks.h"
#include "protocol_server.h"
#include "protocol_spec.h"

using namespace natter::test;

namespace {

const QString kEmoji = QStringLiteral("\U0001F600");  // one code point, two UTF-16 units

QString repeated(const QString& piece, int times) {
    return piece.repeated(times);
}

// Values that break the rule display names and device names share (section 5.1: 1–64
// characters, no control characters), by row label. Every name member is probed with all.
QList<std::pair<const char*, QString>> badNameValues() {
    return {{"empty", QString()},
            {"only spaces", QStringLiteral("    ")},
            {"only white space", QStringLiteral("  \t ")},
            {"65 characters", QString(65, u'n')},
            {"65 surrogate pairs", repeated(kEmoji, 65)},
            {"with a tab", QStringLiteral("Bo\tb")},
            {"with a newline", QStringLiteral("Bo\nb")},
            {"with NUL", QStringLiteral("Bo\u0000b")},
            {"with a control character", QStringLiteral("a\u0001b")},
            {"with an escape", QStringLiteral("Lap\u001btop")},
            {"with DEL", QStringLiteral("Bo\u007fb")},
            {"with a C1 control", QStringLiteral("Bo\u0085b")}};
}

QJsonObject validRegister() {
    return registerParams(uniqueUsername(QStringLiteral("p")), QStringLiteral("Laptop"));
}

QJsonObject with(QJsonObject params, const QString& member, const QJsonValue& value) {
    if (value.isUndefined()) {
        params.remove(member);
    } else {
        params.insert(member, value);
    }
    return params;
}

// Fails the current test unless `response` refuses the request as invalid_params naming `field`,
// with a message for people.
void verifyInvalidParams(const QJsonObject& response, const QString& field) {
    QCOMPARE(errorCodeOf(response), QStringLiteral("invalid_params"));
    QCOMPARE(errorOf(response).value(QStringLiteral("field")).toString(), field);
    QVERIFY(!errorOf(response).value(QStringLiteral("message")).toString().isEmpty());
}

}  // namespace

class TestProtocolParams : public FreshConnectionTest {
    Q_OBJECT

private slots:
    void invalidRegisterParams_data();
    void invalidRegisterParams();
    void acceptedRegisterParams_data();
    void acceptedRegisterParams();
    void invalidLoginParams_data();
    void invalidLoginParams();
    void invalidResumeParams_data();
    void invalidResumeParams();
    void invalidRevokeParams_data();
    void invalidRevokeParams();
    void passwordIsUsedAsGiven();
};

void TestProtocolParams::invalidRegisterParams_data() {
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("field");
    const QJsonValue absent = QJsonValue(QJsonValue::Undefined);
    const auto row = [&](const char* name, const QString& member, const QJsonValue& value) {
        QTest::newRow(name) << with(validRegister(), member, value) << member;
    };
    const QString username = QStringLiteral("username");
    const QString display = QStringLiteral("display_name");
    const QString password = QStringLiteral("password");
    const QString device = QStringLiteral("device_name");
    for (const QString& member : {username, display, password, device}) {
        QTest::addRow("%s missing", qPrintable(member))
            << with(validRegister(), member, absent) << member;
        QTest::addRow("%s null", qPrintable(member))
            << with(validRegister(), member, QJsonValue::Null) << member;
        QTest::addRow("%s number", qPrintable(member))
            << with(validRegister(), member, 12345678) << member;
        QTest::addRow("%s array", qPrintable(member))
            << with(validRegister(), member, QJsonArray{member}) << member;
    }
    row("username 2 characters", username, QStringLiteral("ab"));
    row("username 2 characters after trimming", username, QStringLiteral("  ab  "));
    row("username 33 characters", username, QString(33, u'a'));
    row("username starts with _", username, QStringLiteral("_abc"));
    row("username starts with .", username, QStringLiteral(".abc"));
    row("username starts with -", username, QStringLiteral("-abc"));
    row("username with a space", username, QStringLiteral("ab cd"));
    row("username with !", username, QStringLiteral("abc!"));
    row("username with @", username, QStringLiteral("abc@example"));
    row("username with a non-ASCII letter", username, QStringLiteral("j\u00f6rg"));
    row("username with an upper-case non-ASCII letter", username, QStringLiteral("\u00c4bc"));
    row("username with NUL", username, QStringLiteral("ab\u0000c"));
    for (const QString& member : {display, device}) {
        for (const auto& [label, value] : badNameValues()) {
            QTest::addRow("%s %s", qPrintable(member), label)
                << with(validRegister(), member, value) << member;
        }
    }
    row("password 7 bytes", password, QStringLiteral("1234567"));
    row("password 7 bytes in 4 characters", password, QStringLiteral("\u00e9\u00e9\u00e9a"));
    row("password 1025 bytes", password, QString(1025, u'p'));
    row("password 1026 bytes in 513 characters", password, repeated(QStringLiteral("\u00e9"), 513));
    row("password empty", password, QString());
}

void TestProtocolParams::invalidRegisterParams() {
    QFETCH(QJsonObject, params);
    QFETCH(QString, field);
    verifyInvalidParams(client_->call(spec::method::kAuthRegister, params), field);
    if (QTest::currentTestFailed()) {
        return;
    }
    // The refused request created nothing: its username is still free.
    if (field != QLatin1String("username")) {
        const QString username = params.value(QStringLiteral("username")).toString();
        NATTER_VERIFY_RESULT(client_->call(spec::method::kAuthRegister, registerParams(username)));
        clientSignedIn_ = true;
    }
}

void TestProtocolParams::acceptedRegisterParams_data() {
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("displayName");
    QTest::addColumn<QString>("deviceName");
    const auto row = [](const char* name, const QString& username, const QString& displayName,
                        const QString& deviceName, const QString& password,
                        const QString& storedName) {
        QJsonObject params = registerParams(username, deviceName, password);
        params.insert(QStringLiteral("display_name"), displayName);
        QTest::newRow(name) << params << storedName << displayName.trimmed()
                            << deviceName.trimmed();
    };
    const QString name3 = uniqueUsername(QStringLiteral("u")).left(3);
    row("username 3 characters", name3, QStringLiteral("Three"), QStringLiteral("Laptop"),
        kPassword, name3);
    const QString name32 =
        QString(uniqueUsername(QStringLiteral("l")) + QString(32, u'x')).left(32);
    row("username 32 characters", name32, QStringLiteral("Long"), QStringLiteral("Laptop"),
        kPassword, name32);
    row("username starting with a digit and using . - _", QStringLiteral("9.lives-cat_a"),
        QStringLiteral("Cat"), QStringLiteral("Laptop"), kPassword,
        QStringLiteral("9.lives-cat_a"));
    row("username trimmed and lowercased", QStringLiteral("  Trim.Me  "), QStringLiteral("T"),
        QStringLiteral("Laptop"), kPassword, QStringLiteral("trim.me"));
    row("display_name 1 character", QStringLiteral("one_char_dn"), QStringLiteral("X"),
        QStringLiteral("Laptop"), kPassword, QStringLiteral("one_char_dn"));
    row("display_name 64 characters, trimmed", QStringLiteral("long_dn"),
        QStringLiteral("  ") + QString(64, u'D') + QStringLiteral("  "), QStringLiteral("Laptop"),
        kPassword, QStringLiteral("long_dn"));
    row("display_name 64 surrogate pairs", QStringLiteral("emoji_dn"), repeated(kEmoji, 64),
        QStringLiteral("Laptop"), kPassword, QStringLiteral("emoji_dn"));
    row("display_name with accents and CJK", QStringLiteral("intl_dn"),
        QStringLiteral("Zo\u00eb \u5f20\u4f1f"), QStringLiteral("Laptop"), kPassword,
        QStringLiteral("intl_dn"));
    row("device_name 64 characters, trimmed", QStringLiteral("long_dev"), QStringLiteral("Dev"),
        QStringLiteral(" ") + QString(64, u'V') + QStringLiteral(" "), kPassword,
        QStringLiteral("long_dev"));
    row("device_name 64 surrogate pairs", QStringLiteral("emoji_dev"), QStringLiteral("Dev"),
        repeated(kEmoji, 64), kPassword, QStringLiteral("emoji_dev"));
    row("password 8 bytes", QStringLiteral("pw_eight"), QStringLiteral("P"),
        QStringLiteral("Laptop"), QStringLiteral("12345678"), QStringLiteral("pw_eight"));
    row("password 8 bytes in 4 characters", QStringLiteral("pw_utf8"), QStringLiteral("P"),
        QStringLiteral("Laptop"), repeated(QStringLiteral("\u00e9"), 4), QStringLiteral("pw_utf8"));
    row("password of 8 spaces", QStringLiteral("pw_spaces"), QStringLiteral("P"),
        QStringLiteral("Laptop"), QString(8, u' '), QStringLiteral("pw_spaces"));
    row("password 1024 bytes", QStringLiteral("pw_long"), QStringLiteral("P"),
        QStringLiteral("Laptop"), QString(1024, u'p'), QStringLiteral("pw_long"));
    row("password 1024 bytes in 512 characters", QStringLiteral("pw_long_utf8"),
        QStringLiteral("P"), QStringLiteral("Laptop"), repeated(QStringLiteral("\u00e9"), 512),
        QStringLiteral("pw_long_utf8"));
}

void TestProtocolParams::acceptedRegisterParams() {
    QFETCH(QJsonObject, params);
    QFETCH(QString, username);
    QFETCH(QString, displayName);
    QFETCH(QString, deviceName);
    const QJsonObject response = client_->call(spec::method::kAuthRegister, params);
    NATTER_VERIFY_RESULT(response);
    clientSignedIn_ = true;
    const QJsonObject user = resultOf(response).value(QStringLiteral("user")).toObject();
    QCOMPARE(user.value(QStringLiteral("username")).toString(), username);
    QCOMPARE(user.value(QStringLiteral("display_name")).toString(), displayName);
    QCOMPARE(resultOf(response)
                 .value(QStringLiteral("session"))
                 .toObject()
                 .value(QStringLiteral("device_name"))
                 .toString(),
             deviceName);

    // The stored password is exactly the one given, and the stored username is the normalised one.
    WsTestClient* other = server_.connectClient();
    QVERIFY(other);
    const QJsonObject login = other->call(
        spec::method::kAuthLogin, loginParams(username, QStringLiteral("Second"),
                                              params.value(QStringLiteral("password")).toString()));
    NATTER_VERIFY_RESULT(login);
    QCOMPARE(signedInFrom(login).userId, signedInFrom(response).userId);
}

void TestProtocolParams::invalidLoginParams_data() {
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("field");
    const QJsonObject valid = loginParams(server_.fixtureUsername());
    for (const char* member : {"username", "password", "device_name"}) {
        const QString name = QString::fromLatin1(member);
        QTest::addRow("%s missing", member)
            << with(valid, name, QJsonValue(QJsonValue::Undefined)) << name;
        QTest::addRow("%s number", member) << with(valid, name, 7) << name;
        QTest::addRow("%s object", member) << with(valid, name, QJsonObject{}) << name;
    }
    for (const auto& [label, value] : badNameValues()) {
        QTest::addRow("device_name %s", label)
            << with(valid, QStringLiteral("device_name"), value) << QStringLiteral("device_name");
    }
}

void TestProtocolParams::invalidLoginParams() {
    QFETCH(QJsonObject, params);
    QFETCH(QString, field);
    verifyInvalidParams(client_->call(spec::method::kAuthLogin, params), field);
}

void TestProtocolParams::invalidResumeParams_data() {
    QTest::addColumn<QJsonObject>("params");
    QTest::newRow("token missing") << QJsonObject();
    QTest::newRow("token null") << QJsonObject{{QStringLiteral("token"), QJsonValue::Null}};
    QTest::newRow("token number") << QJsonObject{{QStringLiteral("token"), 42}};
    QTest::newRow("token array") << QJsonObject{
        {QStringLiteral("token"), QJsonArray{server_.fixture().token}}};
    QTest::newRow("token misspelt")
        << QJsonObject{{QStringLiteral("Token"), server_.fixture().token}};
}

void TestProtocolParams::invalidResumeParams() {
    QFETCH(QJsonObject, params);
    NATTER_COMPARE_INVALID_PARAM(client_->call(spec::method::kAuthResume, params), "token");
}

void TestProtocolParams::invalidRevokeParams_data() {
    QTest::addColumn<QJsonObject>("params");
    QTest::newRow("session_id missing") << QJsonObject();
    QTest::newRow("session_id number") << QJsonObject{{QStringLiteral("session_id"), 1}};
    QTest::newRow("session_id object")
        << QJsonObject{{QStringLiteral("session_id"), QJsonObject{}}};
}

void TestProtocolParams::invalidRevokeParams() {
    QFETCH(QJsonObject, params);
    NATTER_VERIFY_RESULT(
        client_->call(spec::method::kAuthResume, resumeParams(server_.fixture().token)));
    clientSignedIn_ = true;
    NATTER_COMPARE_INVALID_PARAM(client_->call(spec::method::kSessionsRevoke, params),
                                 "session_id");
    // The caller's own session was not revoked by the bad request.
    QVERIFY(client_->isConnected());
}

void TestProtocolParams::passwordIsUsedAsGiven() {
    const QString username = uniqueUsername(QStringLiteral("spaced"));
    const QString password = QStringLiteral("  spaced password  ");
    NATTER_VERIFY_RESULT(client_->call(
        spec::method::kAuthRegister, registerParams(username, QStringLiteral("Laptop"), password)));
    clientSignedIn_ = true;
    WsTestClient* other = server_.connectClient();
    QVERIFY(other);
    NATTER_COMPARE_ERROR(
        other->call(spec::method::kAuthLogin,
                    loginParams(username, QStringLiteral("Phone"), password.trimmed())),
        "invalid_credentials");
    NATTER_VERIFY_RESULT(other->call(spec::method::kAuthLogin,
                                     loginParams(username, QStringLiteral("Phone"), password)));
}

QTEST_GUILESS_MAIN(TestProtocolParams)
#include "tst_protocol_params.moc"
