// The words for `rate_limited` (docs/protocol.md section 2, "Which limit answered"): each
// documented limit message gets its own translated sentence, an unknown one the generic sentence,
// and the wait is rounded up to whole seconds or minutes. No server needed.
#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

#include "core/chat_errors.h"
#include "core/rate_limit_messages.h"
#include "core/translations.h"
#include "core/user_error.h"

using namespace natter;

namespace {

ProtocolError rateLimited(const QString& message, qint64 retryAfterMs) {
    return ProtocolError::rateLimited(retryAfterMs, message);
}

// The `message` column of the "Which limit answered" table in docs/protocol.md.
QStringList documentedMessages() {
    QFile doc(QStringLiteral(NATTER_PROTOCOL_DOC));
    if (!doc.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return {};
    }
    const QString text = QString::fromUtf8(doc.readAll());
    // The table's rows: after its header line and rule, up to the blank line.
    const qsizetype start =
        text.indexOf(u"| --- |", text.indexOf(QStringLiteral("**Which limit answered.**")));
    const qsizetype end = text.indexOf(QStringLiteral("\n\n"), start);
    static const QRegularExpression row(QStringLiteral("^\\|[^|]+\\| `([^`]+)` \\|$"),
                                        QRegularExpression::MultilineOption);
    QStringList messages;
    for (const auto& match : row.globalMatch(text.mid(start, end - start))) {
        messages << match.captured(1);
    }
    return messages;
}

}  // namespace

class TestRateLimitMessages : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(!installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)));
    }

    // Every limit the protocol documents is recognised, and no two share a sentence.
    void everyDocumentedLimitHasItsOwnSentence() {
        const QStringList messages = documentedMessages();
        QCOMPARE(messages.size(), 9);
        QSet<RateLimitKind> kinds;
        QSet<QString> sentences{RateLimitMessages::limitSentence(RateLimitKind::Unknown)};
        for (const QString& message : messages) {
            const RateLimitKind kind = rateLimitKind(message);
            QVERIFY2(kind != RateLimitKind::Unknown, qPrintable(message));
            kinds.insert(kind);
            sentences.insert(RateLimitMessages::limitSentence(kind));
        }
        QCOMPARE(kinds.size(), messages.size());
        QCOMPARE(sentences.size(), messages.size() + 1);
    }

    void documentedMessageBecomesItsSentence_data() {
        QTest::addColumn<QString>("serverMessage");
        QTest::addColumn<QString>("shown");
        QTest::newRow("login account+address")
            << QStringLiteral("Too many failed sign-ins to this account from your address.")
            << QStringLiteral(
                   "Too many failed sign-ins to this account from your network "
                   "address. Try again in 40 seconds.");
        QTest::newRow("login address")
            << QStringLiteral("Too many failed sign-ins from your address.")
            << QStringLiteral(
                   "Too many failed sign-ins from your network address. Try again in "
                   "40 seconds.");
        QTest::newRow("login account")
            << QStringLiteral(
                   "Too many failed sign-ins to this account; sign-ins from new "
                   "addresses are paused.")
            << QStringLiteral(
                   "Too many failed sign-ins to this account; sign-ins from new "
                   "network addresses are paused. Try again in 40 seconds.");
        QTest::newRow("registration")
            << QStringLiteral("Too many accounts registered from your address; try again later.")
            << QStringLiteral(
                   "Too many accounts were created from your network address. Try "
                   "again in 40 seconds.");
        QTest::newRow("message rate")
            << QStringLiteral("You are sending messages too fast; wait a moment.")
            << QStringLiteral("You are sending messages too fast. Try again in 40 seconds.");
        QTest::newRow("unknown") << QStringLiteral("Too many attempts; try again later.")
                                 << QStringLiteral("Too many attempts. Try again in 40 seconds.");
        QTest::newRow("no message")
            << QString() << QStringLiteral("Too many attempts. Try again in 40 seconds.");
    }

    void documentedMessageBecomesItsSentence() {
        QFETCH(QString, serverMessage);
        QFETCH(QString, shown);
        QCOMPARE(RateLimitMessages::forError(rateLimited(serverMessage, 39'200)), shown);
    }

    // Rounded up, so the user is never invited to retry before the limit admits it.
    void waitIsRoundedUpToSecondsThenMinutes_data() {
        QTest::addColumn<qint64>("retryAfterMs");
        QTest::addColumn<QString>("shown");
        QTest::newRow("missing") << qint64(-1) << QStringLiteral("Please try again later.");
        QTest::newRow("zero") << qint64(0) << QStringLiteral("Try again in 1 second.");
        QTest::newRow("one second") << qint64(1'000) << QStringLiteral("Try again in 1 second.");
        QTest::newRow("just over") << qint64(1'001) << QStringLiteral("Try again in 2 seconds.");
        QTest::newRow("59 s") << qint64(59'000) << QStringLiteral("Try again in 59 seconds.");
        QTest::newRow("just under a minute")
            << qint64(59'001) << QStringLiteral("Try again in 1 minute.");
        QTest::newRow("a minute") << qint64(60'000) << QStringLiteral("Try again in 1 minute.");
        QTest::newRow("just over a minute")
            << qint64(60'001) << QStringLiteral("Try again in 2 minutes.");
        QTest::newRow("10 min") << qint64(600'000) << QStringLiteral("Try again in 10 minutes.");
        QTest::newRow("absurd") << std::numeric_limits<qint64>::max()
                                << QStringLiteral("Try again in 2147483647 minutes.");
    }

    void waitIsRoundedUpToSecondsThenMinutes() {
        QFETCH(qint64, retryAfterMs);
        QFETCH(QString, shown);
        QCOMPARE(RateLimitMessages::waitSentence(retryAfterMs), shown);
    }

    // Sign-in, registration and chat failures all say which limit answered.
    void failureTextsNameTheLimit() {
        RequestFailure failure;
        failure.error =
            rateLimited(QStringLiteral("Too many user searches; wait a moment."), 5'000);
        const QString expected =
            QStringLiteral("You searched for people too often. Try again in 5 seconds.");
        QCOMPARE(UserMessages::forFailure(failure), expected);
        QCOMPARE(UserError::fromFailure(failure).message, expected);
        QCOMPARE(ChatMessages::forFailure(failure), expected);
    }

    void germanUserSeesGermanWords() {
        QVERIFY(installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)));
        const auto shown = [](const QString& message, qint64 ms) {
            return RateLimitMessages::forError(rateLimited(message, ms));
        };
        QCOMPARE(shown(QStringLiteral("Too many failed sign-ins from your address."), 40'000),
                 QStringLiteral("Zu viele fehlgeschlagene Anmeldungen von Ihrer Netzwerkadresse. "
                                "Versuchen Sie es in 40 Sekunden erneut."));
        QCOMPARE(shown(QStringLiteral("unknown"), 1'000),
                 QStringLiteral("Zu viele Versuche. Versuchen Sie es in 1 Sekunde erneut."));
        QCOMPARE(RateLimitMessages::waitSentence(120'000),
                 QStringLiteral("Versuchen Sie es in 2 Minuten erneut."));
        QVERIFY(!installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)));
    }
};

QTEST_GUILESS_MAIN(TestRateLimitMessages)
#include "tst_rate_limit_messages.moc"
