// Spam settings checked at start-up (docs/protocol.md section 2 kBannedWordsMax /
// kBannedWordMaxChars, section 5.6 banned-words and link-policy): the server refuses to start with
// a longer banned-words list, a longer entry or an unknown link policy, and says why in one line; a
// list exactly at the limits (comments and empty lines not counted) is loaded whole.
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "protocol_spec.h"
#include "safety_support.h"
#include "server_process.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::safety;

namespace {

constexpr int kStartTimeoutMs = 15'000;

// A word of `chars` code points that no other entry contains.
QString longWord(int chars) {
    return QString(chars, QChar(0x00e4));  // 'ä': two UTF-8 bytes, one code point
}

// kBannedWordsMax - 1 + extra distinct entries, with comment and empty lines in between.
QStringList bannedList(int extra) {
    QStringList lines{QStringLiteral("# a comment longer than an entry may be: ") + longWord(100),
                      QString(), QStringLiteral("#"), QStringLiteral("# ----")};
    for (int i = 0; i < spec::kBannedWordsMax - 1 + extra; ++i) {
        lines.append(QStringLiteral("banned%1").arg(i));
    }
    return lines;
}

}  // namespace

class TestSafetyStartup : public QObject {
    Q_OBJECT

private:
    // Runs natter-server with `extraArgs` and fails unless it exits non-zero on its own with
    // exactly one line on stderr.
    void verifyRefusesToStart(const QStringList& extraArgs);

private slots:
    void refusesTooManyBannedWords();
    void refusesAnOverlongBannedWord();
    void refusesAnEntryThatCannotMatch();
    void refusesAnUnknownLinkPolicy();
    void loadsAListAtTheLimits();
};

void TestSafetyStartup::verifyRefusesToStart(const QStringList& extraArgs) {
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    QProcess server;
    server.start(ServerProcess::binaryPath(),
                 QStringList{QStringLiteral("--listen"), QStringLiteral("127.0.0.1"),
                             QStringLiteral("--port"), QStringLiteral("0"),
                             QStringLiteral("--data-dir"), dataDir.path()} +
                     extraArgs);
    QVERIFY(server.waitForStarted(kStartTimeoutMs));
    if (!server.waitForFinished(kStartTimeoutMs)) {
        server.kill();
        server.waitForFinished();
        QFAIL(qPrintable(QStringLiteral("natter-server started anyway with ") +
                         extraArgs.join(u' ').left(200) + QStringLiteral("; it said: ") +
                         QString::fromUtf8(server.readAllStandardOutput())));
    }
    // The server's structured log (timestamp level=… event=…) may also go to stderr; the error
    // for people is the rest, and it is one line.
    static const QRegularExpression logRecord(QStringLiteral(R"(^\S+ level=\w+ )"));
    const QStringList errors =
        QString::fromUtf8(server.readAllStandardError()).split(u'\n', Qt::SkipEmptyParts);
    QStringList message;
    for (const QString& line : errors) {
        if (!logRecord.match(line).hasMatch()) {
            message.append(line);
        }
    }
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QVERIFY2(server.exitCode() != 0, qPrintable(errors.join(u'\n')));
    QVERIFY2(message.size() == 1, qPrintable(errors.join(u'\n')));
}

void TestSafetyStartup::refusesTooManyBannedWords() {
    QTemporaryDir dir;
    verifyRefusesToStart(bannedWordsArgs(dir, bannedList(2)));
}

void TestSafetyStartup::refusesAnOverlongBannedWord() {
    QTemporaryDir dir;
    verifyRefusesToStart(bannedWordsArgs(
        dir, {QStringLiteral("spam"), QString(spec::kBannedWordMaxChars + 1, u'x')}));
}

void TestSafetyStartup::refusesAnEntryThatCannotMatch() {
    QTemporaryDir dir;
    verifyRefusesToStart(bannedWordsArgs(dir, {QStringLiteral("spam"), QStringLiteral("!!!")}));
}

void TestSafetyStartup::refusesAnUnknownLinkPolicy() {
    verifyRefusesToStart({QStringLiteral("--link-policy"), QStringLiteral("sometimes")});
}

void TestSafetyStartup::loadsAListAtTheLimits() {
    QTemporaryDir dir;
    QStringList lines = bannedList(0);
    lines.append(longWord(spec::kBannedWordMaxChars));
    ChatServer server(bannedWordsArgs(dir, lines));
    QCOMPARE(server.start(), QString());
    const QList<ChatUser> users = server.registerUsers(QStringLiteral("st"), 2);
    QCOMPARE(users.size(), 2);
    const QJsonObject target = toUser(users.at(1).userId);
    NATTER_COMPARE_ERROR(sendText(*users.at(0).client, target,
                                  QStringLiteral("banned%1").arg(spec::kBannedWordsMax - 2)),
                         "banned_word");
    NATTER_COMPARE_ERROR(sendText(*users.at(0).client, target, longWord(spec::kBannedWordMaxChars)),
                         "banned_word");
    NATTER_VERIFY_RESULT(sendText(*users.at(0).client, target, QStringLiteral("banned")));
    NATTER_VERIFY_NO_PROBLEMS(server.releaseClients());
}

QTEST_GUILESS_MAIN(TestSafetyStartup)
#include "tst_safety_startup.moc"
