// The field rules of docs/protocol.md sections 2 and 5.1 (shared/validation.h) at every boundary,
// and the limits of shared/protocol_limits.h against the document's table.
#include <QtTest>

#include "close_codes.h"
#include "protocol_limits.h"
#include "validation.h"

using namespace natter;

namespace {

const QString kEmoji = QStringLiteral("\U0001F600");  // one code point, two UTF-16 units
const QString kEAcute = QStringLiteral("\u00e9");     // one code point, two UTF-8 bytes

// Adds the rows shared by display_name and device_name: both are 1–64 trimmed characters without
// control characters.
void addLabelRows() {
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("stored");  // null: refused
    QTest::newRow("1 character") << QStringLiteral("A") << QStringLiteral("A");
    QTest::newRow("64 characters") << QString(64, u'a') << QString(64, u'a');
    QTest::newRow("64 surrogate pairs") << kEmoji.repeated(64) << kEmoji.repeated(64);
    QTest::newRow("64 after trimming") << u"  " + QString(64, u'a') + u"\t" << QString(64, u'a');
    QTest::newRow("inner spaces kept")
        << QStringLiteral(" Alice  Smith ") << QStringLiteral("Alice  Smith");
    QTest::newRow("accents and CJK")
        << QStringLiteral("Zo\u00eb \u5f20\u4f1f") << QStringLiteral("Zo\u00eb \u5f20\u4f1f");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("only white space") << QStringLiteral(" \t\u00a0 ") << QString();
    QTest::newRow("65 characters") << QString(65, u'a') << QString();
    QTest::newRow("65 surrogate pairs") << kEmoji.repeated(65) << QString();
    QTest::newRow("NUL") << QStringLiteral("a\u0000b") << QString();
    QTest::newRow("tab inside") << QStringLiteral("a\tb") << QString();
    QTest::newRow("newline inside") << QStringLiteral("a\nb") << QString();
    QTest::newRow("escape") << QStringLiteral("a\u001bb") << QString();
    QTest::newRow("DEL") << QStringLiteral("a\u007fb") << QString();
    QTest::newRow("C1 control") << QStringLiteral("a\u0085b") << QString();
    QTest::newRow("line separator") << QStringLiteral("a\u2028b") << QString();
}

void verifyCheck(const FieldCheck& check, const QString& stored) {
    if (stored.isNull()) {
        QVERIFY2(!check.ok(), qPrintable(check.value));
        QVERIFY(!check.problem.isEmpty());
    } else {
        QVERIFY2(check.ok(), qPrintable(check.problem));
        QCOMPARE(check.value, stored);
    }
}

}  // namespace

class TestValidation : public QObject {
    Q_OBJECT

private slots:
    void limitsMatchTheDocument();
    void codePointsAreCounted_data();
    void codePointsAreCounted();
    void username_data();
    void username();
    void displayName_data();
    void displayName();
    void deviceName_data();
    void deviceName();
    void labelNamesTheFieldInItsProblem();
    void password_data();
    void password();
    void token_data();
    void token();
};

void TestValidation::limitsMatchTheDocument() {
    // The table of section 2 and the close codes of section 6.
    QCOMPARE(limits::kMaxFrameBytes, quint64(65'536));
    QCOMPARE(limits::kMaxMessageBytes, quint64(65'536));
    QCOMPARE(limits::kAuthTimeoutMs, 10'000);
    QCOMPARE(limits::kRequestIdMaxChars, 64);
    QCOMPARE(limits::kRequestRatePerSecond, 20.0);
    QCOMPARE(limits::kRequestBurst, 40.0);
    QCOMPARE(limits::kUsernameMinChars, 3);
    QCOMPARE(limits::kUsernameMaxChars, 32);
    QCOMPARE(limits::kDisplayNameMaxChars, 64);
    QCOMPARE(limits::kDeviceNameMaxChars, 64);
    QCOMPARE(limits::kPasswordMinBytes, 8);
    QCOMPARE(limits::kPasswordMaxBytes, 1024);
    QCOMPARE(limits::kTokenChars, 43);
    QCOMPARE(limits::kLoginFailureBurstPerAccountAddress, 5.0);
    QCOMPARE(limits::kLoginFailureRefillSecondsPerAccountAddress, 60.0);
    QCOMPARE(limits::kLoginFailureBurstPerAddress, 20.0);
    QCOMPARE(limits::kLoginFailureRefillSecondsPerAddress, 15.0);
    QCOMPARE(limits::kLoginFailureBurstPerAccount, 50.0);
    QCOMPARE(limits::kLoginFailureRefillSecondsPerAccount, 20.0);
    QCOMPARE(limits::kKnownAddressesPerAccount, 16);
    QCOMPARE(limits::kKnownAddressForgetDays, 30);
    QCOMPARE(limits::kRegistrationBurstPerAddress, 10.0);
    QCOMPARE(limits::kRegistrationsPerHourPerAddress, 6.0);
    QCOMPARE(limits::kMaxConcurrentPasswordHashes, 64);
    QCOMPARE(limits::kSessionIdleTimeoutDays, 90);
    QCOMPARE(limits::kDefaultPort, quint16(4860));
    QCOMPARE(QString::fromLatin1(kSubprotocol), QStringLiteral("natter.v1"));
    QCOMPARE(close_code::kNormal, 1000);
    QCOMPARE(close_code::kGoingAway, 1001);
    QCOMPARE(close_code::kUnsupportedData, 1003);
    QCOMPARE(close_code::kTooBig, 1009);
    QCOMPARE(close_code::kUnsupportedProtocol, 4000);
    QCOMPARE(close_code::kAuthTimeout, 4001);
    QCOMPARE(close_code::kSessionRevoked, 4002);
}

void TestValidation::codePointsAreCounted_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("count");
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("ASCII") << QStringLiteral("abc") << 3;
    QTest::newRow("BMP accents") << kEAcute.repeated(4) << 4;
    QTest::newRow("surrogate pair") << kEmoji << 1;
    QTest::newRow("mixed") << u'a' + kEmoji + u'b' + kEmoji << 4;
    QTest::newRow("lone high surrogate") << QString(QChar(0xD83D)) << 1;
    QTest::newRow("lone low surrogate then letter") << QString(QChar(0xDE00)) + u'a' << 2;
    QTest::newRow("reversed pair") << QString(QChar(0xDE00)) + QChar(0xD83D) << 2;
}

void TestValidation::codePointsAreCounted() {
    QFETCH(QString, text);
    QFETCH(int, count);
    QCOMPARE(codePointCount(text), count);
}

void TestValidation::username_data() {
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("stored");  // null: refused
    QTest::newRow("3 characters") << QStringLiteral("abc") << QStringLiteral("abc");
    QTest::newRow("32 characters") << QString(32, u'z') << QString(32, u'z');
    QTest::newRow("digits and . _ -") << QStringLiteral("a1.b_c-d") << QStringLiteral("a1.b_c-d");
    QTest::newRow("starts with a digit") << QStringLiteral("007bond") << QStringLiteral("007bond");
    QTest::newRow("ends with . _ -") << QStringLiteral("ab._-") << QStringLiteral("ab._-");
    QTest::newRow("ASCII capitals lowercased")
        << QStringLiteral("Alice_SMITH") << QStringLiteral("alice_smith");
    QTest::newRow("trimmed") << QStringLiteral("  bob \t") << QStringLiteral("bob");
    QTest::newRow("32 after trimming") << u' ' + QString(32, u'q') + u' ' << QString(32, u'q');
    QTest::newRow("2 characters") << QStringLiteral("ab") << QString();
    QTest::newRow("2 after trimming") << QStringLiteral(" ab ") << QString();
    QTest::newRow("33 characters") << QString(33, u'z') << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("starts with _") << QStringLiteral("_abc") << QString();
    QTest::newRow("starts with .") << QStringLiteral(".abc") << QString();
    QTest::newRow("starts with -") << QStringLiteral("-abc") << QString();
    QTest::newRow("inner space") << QStringLiteral("ab c") << QString();
    QTest::newRow("@") << QStringLiteral("a@b.c") << QString();
    QTest::newRow("+") << QStringLiteral("a+b") << QString();
    QTest::newRow("non-ASCII lower-case letter") << QStringLiteral("j\u00f6rg") << QString();
    QTest::newRow("non-ASCII capital (not lowercased)") << QStringLiteral("\u00c4bc") << QString();
    QTest::newRow("non-ASCII digit") << QStringLiteral("abc\u0663") << QString();
    QTest::newRow("starts with a non-ASCII letter") << QStringLiteral("\u00e9abc") << QString();
    QTest::newRow("Kelvin sign (lowercases to k outside ASCII)")
        << QStringLiteral("\u212Aab") << QString();
    QTest::newRow("fullwidth letters") << QStringLiteral("\uff41\uff42\uff43") << QString();
    QTest::newRow("emoji") << u"ab" + kEmoji << QString();
    QTest::newRow("NUL") << QStringLiteral("ab\u0000c") << QString();
}

void TestValidation::username() {
    QFETCH(QString, raw);
    QFETCH(QString, stored);
    verifyCheck(checkUsername(raw), stored);
}

void TestValidation::displayName_data() {
    addLabelRows();
}

void TestValidation::displayName() {
    QFETCH(QString, raw);
    QFETCH(QString, stored);
    verifyCheck(checkDisplayName(raw), stored);
}

void TestValidation::deviceName_data() {
    addLabelRows();
}

void TestValidation::deviceName() {
    QFETCH(QString, raw);
    QFETCH(QString, stored);
    verifyCheck(checkDeviceName(raw), stored);
}

void TestValidation::labelNamesTheFieldInItsProblem() {
    QVERIFY(checkDisplayName(QString()).problem.contains(QStringLiteral("display_name")));
    QVERIFY(checkDeviceName(QString()).problem.contains(QStringLiteral("device_name")));
    QVERIFY(checkLabel(QString(11, u'x'), QStringLiteral("name"), 10)
                .problem.contains(QStringLiteral("name")));
    QVERIFY(checkLabel(QString(10, u'x'), QStringLiteral("name"), 10).ok());
}

void TestValidation::password_data() {
    QTest::addColumn<QString>("raw");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("8 bytes") << QStringLiteral("12345678") << true;
    QTest::newRow("1024 bytes") << QString(1024, u'p') << true;
    QTest::newRow("8 bytes in 4 characters") << kEAcute.repeated(4) << true;
    QTest::newRow("1024 bytes in 512 characters") << kEAcute.repeated(512) << true;
    QTest::newRow("8 bytes in 2 emoji") << kEmoji.repeated(2) << true;
    QTest::newRow("8 spaces (not trimmed)") << QString(8, u' ') << true;
    QTest::newRow("7 bytes") << QStringLiteral("1234567") << false;
    QTest::newRow("7 bytes in 4 characters") << kEAcute.repeated(3) + u'a' << false;
    QTest::newRow("1025 bytes") << QString(1025, u'p') << false;
    QTest::newRow("1026 bytes in 513 characters") << kEAcute.repeated(513) << false;
    QTest::newRow("empty") << QString() << false;
}

void TestValidation::password() {
    QFETCH(QString, raw);
    QFETCH(bool, accepted);
    const FieldCheck check = checkPassword(raw);
    QCOMPARE(check.ok(), accepted);
    // Used as given: never trimmed or otherwise changed.
    QCOMPARE(check.value, raw);
    QCOMPARE(check.problem.isEmpty(), accepted);
}

void TestValidation::token_data() {
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("wellFormed");
    const QString alphabet =
        QStringLiteral("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    QTest::newRow("43 base64url characters") << alphabet.left(43) << true;
    QTest::newRow("the rest of the alphabet") << alphabet.right(21) + alphabet.left(22) << true;
    QTest::newRow("42 characters") << alphabet.left(42) << false;
    QTest::newRow("44 characters") << alphabet.left(44) << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("padding") << alphabet.left(42) + u'=' << false;
    QTest::newRow("standard base64 +") << alphabet.left(42) + u'+' << false;
    QTest::newRow("standard base64 /") << alphabet.left(42) + u'/' << false;
    QTest::newRow("space") << u' ' + alphabet.left(42) << false;
    QTest::newRow("non-ASCII letter") << alphabet.left(42) + QChar(0xe9) << false;
}

void TestValidation::token() {
    QFETCH(QString, token);
    QFETCH(bool, wellFormed);
    QCOMPARE(isWellFormedToken(token), wellFormed);
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
