// The pure text rules of docs/protocol.md section 5.6: words, the banned-words list (file format,
// limits, whole-word and phrase matching) and link detection.
#include <QTemporaryDir>
#include <QtTest>

#include "protocol_limits.h"
#include "safety/spam_rules.h"

using namespace natter;
using namespace natter::safety;

namespace {

BannedWords listOf(const QString& fileText) {
    auto parsed = BannedWords::parse(fileText.toUtf8());
    if (const auto* error = std::get_if<QString>(&parsed)) {
        qFatal("unexpected parse error: %s", qPrintable(*error));
    }
    return std::get<BannedWords>(parsed);
}

QString parseError(const QByteArray& fileBytes) {
    const auto parsed = BannedWords::parse(fileBytes);
    const auto* error = std::get_if<QString>(&parsed);
    return error ? *error : QString();
}

}  // namespace

class TestSpamRules : public QObject {
    Q_OBJECT
private slots:
    void wordsAreRunsOfLettersAndDigits_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("words");
        QTest::addRow("punctuation")
            << QStringLiteral("Hello, World!")
            << QStringList{QStringLiteral("hello"), QStringLiteral("world")};
        QTest::addRow("digits") << QStringLiteral("abc123 4x 2026")
                                << QStringList{QStringLiteral("abc123"), QStringLiteral("4x"),
                                               QStringLiteral("2026")};
        QTest::addRow("apostrophe splits")
            << QStringLiteral("don't") << QStringList{QStringLiteral("don"), QStringLiteral("t")};
        QTest::addRow("umlauts folded")
            << QStringLiteral("ÄPFEL und Öl")
            << QStringList{QStringLiteral("äpfel"), QStringLiteral("und"), QStringLiteral("öl")};
        QTest::addRow("cyrillic") << QStringLiteral("Привет, МИР")
                                  << QStringList{QStringLiteral("привет"), QStringLiteral("мир")};
        QTest::addRow("decomposed accent is one word")
            << QStringLiteral("nai\u0308ve") << QStringList{QStringLiteral("na\u00efve")};
        QTest::addRow("emoji separates") << QStringLiteral("a\U0001F600b")
                                         << QStringList{QStringLiteral("a"), QStringLiteral("b")};
        QTest::addRow("no words") << QStringLiteral(" ...!? ") << QStringList{};
    }
    void wordsAreRunsOfLettersAndDigits() {
        QFETCH(QString, text);
        QFETCH(QStringList, words);
        QCOMPARE(wordsOf(text), words);
    }

    void bannedWordsMatchWholeWordsCaseInsensitively_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("banned");
        QTest::addRow("exact") << QStringLiteral("spam") << true;
        QTest::addRow("upper case") << QStringLiteral("SPAM!") << true;
        QTest::addRow("in a sentence") << QStringLiteral("no more (spam), please.") << true;
        QTest::addRow("next to digits is another word") << QStringLiteral("spam2") << false;
        QTest::addRow("longer word") << QStringLiteral("spammer") << false;
        QTest::addRow("word inside") << QStringLiteral("antispam") << false;
        QTest::addRow("split") << QStringLiteral("sp am") << false;
        QTest::addRow("unicode entry, other case") << QStringLiteral("So ein ÄRGER.") << true;
        QTest::addRow("unicode entry inside a word") << QStringLiteral("verärgert") << false;
        QTest::addRow("decomposed spelling") << QStringLiteral("a\u0308rger") << true;
        QTest::addRow("cyrillic") << QStringLiteral("Это ПЛОХО") << true;
        QTest::addRow("innocent") << QStringLiteral("Hello there") << false;
    }
    void bannedWordsMatchWholeWordsCaseInsensitively() {
        QFETCH(QString, text);
        QFETCH(bool, banned);
        const BannedWords list = listOf(QStringLiteral("spam\närger\nплохо\n"));
        QCOMPARE(list.matches(text), banned);
    }

    void phrasesMatchRunsOfWholeWords_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("banned");
        QTest::addRow("exact") << QStringLiteral("buy now") << true;
        QTest::addRow("across punctuation") << QStringLiteral("Buy... NOW!!") << true;
        QTest::addRow("across line breaks") << QStringLiteral("buy\n\tnow") << true;
        QTest::addRow("inside a sentence") << QStringLiteral("please buy now, ok") << true;
        QTest::addRow("word between") << QStringLiteral("buy it now") << false;
        QTest::addRow("longer last word") << QStringLiteral("buy nowhere") << false;
        QTest::addRow("joined") << QStringLiteral("buynow") << false;
        QTest::addRow("reversed") << QStringLiteral("now buy") << false;
        QTest::addRow("first word alone") << QStringLiteral("buy") << false;
        QTest::addRow("entry with punctuation") << QStringLiteral("free money") << true;
        QTest::addRow("entry with punctuation, joined by it")
            << QStringLiteral("free-money") << true;
    }
    void phrasesMatchRunsOfWholeWords() {
        QFETCH(QString, text);
        QFETCH(bool, banned);
        const BannedWords list = listOf(QStringLiteral("buy now\nFree-Money\n"));
        QCOMPARE(list.matches(text), banned);
    }

    void fileFormatSkipsCommentsBlanksAndWhitespace() {
        // A byte-order mark, CRLF line ends, blank and indented lines.
        const auto parsed = BannedWords::parse(
            QByteArray("\xEF\xBB\xBF# a comment: spam\r\n\r\n   \n  eggs  \r\n#ham\nbacon"));
        const BannedWords list = std::get<BannedWords>(parsed);
        QCOMPARE(list.size(), 2);
        QVERIFY(list.matches(QStringLiteral("Eggs!")));
        QVERIFY(list.matches(QStringLiteral("bacon")));
        QVERIFY(!list.matches(QStringLiteral("spam and ham")));
        QVERIFY(!list.matches(QStringLiteral("a comment")));
    }

    void emptyListMatchesNothing() {
        const BannedWords none;
        QCOMPARE(none.size(), 0);
        QVERIFY(!none.matches(QStringLiteral("anything at all")));
        QCOMPARE(listOf(QStringLiteral("# only comments\n\n")).size(), 0);
    }

    void entryLengthIsLimitedInCodePoints() {
        const QString longest = QString(limits::kBannedWordMaxChars / 2, QChar(u'a')) +
                                QString(limits::kBannedWordMaxChars / 2, QChar(u'é'));
        QVERIFY(parseError(longest.toUtf8()).isEmpty());
        // Characters outside the BMP count once each.
        QString emojiWord = QStringLiteral("x");
        for (int i = 1; i < limits::kBannedWordMaxChars; ++i) {
            emojiWord += QStringLiteral("\U0001F600");
        }
        QVERIFY(parseError(emojiWord.toUtf8()).isEmpty());
        const QString error =
            parseError(QByteArray("ok\n# fine\n") + (longest + u'a').toUtf8() + "\n");
        QVERIFY2(error.contains(QLatin1StringView("line 3")), qPrintable(error));
        QVERIFY2(error.contains(QString::number(limits::kBannedWordMaxChars)), qPrintable(error));
    }

    void entryCountIsLimited() {
        QByteArray file("# many words\n");
        for (int i = 0; i < limits::kBannedWordsMax; ++i) {
            file += "word" + QByteArray::number(i) + "\n";
        }
        const auto parsed = BannedWords::parse(file);
        QVERIFY(std::holds_alternative<BannedWords>(parsed));
        QCOMPARE(std::get<BannedWords>(parsed).size(), limits::kBannedWordsMax);
        QVERIFY(std::get<BannedWords>(parsed).matches(QStringLiteral("WORD9999")));
        const QString error = parseError(file + "one-too-many\n");
        QVERIFY2(error.contains(QString::number(limits::kBannedWordsMax)), qPrintable(error));
    }

    void unusableFilesAreRefused() {
        QVERIFY(!parseError(QByteArray("spam\n\xC3\x28\n")).isEmpty());  // not UTF-8
        QVERIFY(parseError("spam\n--- !!! ---\n").contains(QLatin1StringView("line 2")));
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.txt"));
        const auto notThere = BannedWords::load(missing);
        QVERIFY(std::get<QString>(notThere).contains(missing));
        const QString path = dir.filePath(QStringLiteral("words.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("spam\n" + QByteArray(limits::kBannedWordMaxChars + 1, 'x') + "\n");
        file.close();
        const auto tooLong = BannedWords::load(path);
        QVERIFY(std::get<QString>(tooLong).contains(path));
        QVERIFY(std::get<QString>(tooLong).contains(QLatin1StringView("line 2")));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("spam\n");
        file.close();
        const auto loaded = BannedWords::load(path);
        QVERIFY(std::get<BannedWords>(loaded).matches(QStringLiteral("Spam")));
    }

    void linksAreDetected_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("link");
        QTest::addRow("https") << QStringLiteral("see https://example.com") << true;
        QTest::addRow("scheme upper case") << QStringLiteral("HTTPS://EXAMPLE.COM") << true;
        QTest::addRow("other scheme") << QStringLiteral("ftp://files.example") << true;
        QTest::addRow("scheme with plus") << QStringLiteral("git+ssh://host/repo") << true;
        QTest::addRow("scheme only") << QStringLiteral("type https:// then") << true;
        QTest::addRow("www") << QStringLiteral("www.example.com") << true;
        QTest::addRow("www upper case") << QStringLiteral("go to WWW.Example.com") << true;
        QTest::addRow("www in brackets") << QStringLiteral("(www.example.com)") << true;
        QTest::addRow("www after a line break") << QStringLiteral("look:\nwww.x.org") << true;
        QTest::addRow("plain domain") << QStringLiteral("example.com") << false;
        QTest::addRow("email") << QStringLiteral("mail bob@example.com") << false;
        QTest::addRow("www inside a word") << QStringLiteral("awww.com") << false;
        QTest::addRow("www without a dot") << QStringLiteral("www example") << false;
        QTest::addRow("longer word") << QStringLiteral("wwwexample.com") << false;
        QTest::addRow("no scheme") << QStringLiteral("a ://b") << false;
        QTest::addRow("digits are no scheme") << QStringLiteral("12://34") << false;
        QTest::addRow("single slash") << QStringLiteral("http:/example.com") << false;
        QTest::addRow("time and slashes") << QStringLiteral("at 10:30 // later") << false;
        QTest::addRow("empty") << QString() << false;
    }
    void linksAreDetected() {
        QFETCH(QString, text);
        QFETCH(bool, link);
        QCOMPARE(containsLink(text), link);
    }

    void linkPolicies() {
        QCOMPARE(parseLinkPolicy(QStringLiteral("allow")), LinkPolicy::Allow);
        QCOMPARE(parseLinkPolicy(QStringLiteral("contacts")), LinkPolicy::Contacts);
        QCOMPARE(parseLinkPolicy(QStringLiteral("deny")), LinkPolicy::Deny);
        QVERIFY(!parseLinkPolicy(QStringLiteral("Deny")));
        QVERIFY(!parseLinkPolicy(QString()));
        QVERIFY(linksAllowed(LinkPolicy::Allow, true));
        QVERIFY(linksAllowed(LinkPolicy::Allow, false));
        QVERIFY(!linksAllowed(LinkPolicy::Contacts, true));
        QVERIFY(linksAllowed(LinkPolicy::Contacts, false));
        QVERIFY(!linksAllowed(LinkPolicy::Deny, true));
        QVERIFY(!linksAllowed(LinkPolicy::Deny, false));
    }
};

QTEST_GUILESS_MAIN(TestSpamRules)
#include "tst_spam_rules.moc"
