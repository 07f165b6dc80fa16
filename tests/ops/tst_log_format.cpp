// The server's log as a log shipper reads it (--log-format json): every line one JSON object with
// ts, level and event first, every field a string; and in both formats no password, token or
// message text, whatever the clients did.
#include <sys/stat.h>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QtTest>

#include "protocol_checks.h"
#include "protocol_server.h"

using namespace natter::test;

class TestLogFormat : public QObject {
    Q_OBJECT
private slots:
    void noSecretsInEitherFormat_data();
    void noSecretsInEitherFormat();
    void journalGetsEachLinesLevel();
};

namespace {

const QString kSecretBody = QStringLiteral("the \"launch\" code is\n4242-secret");
const QString kWrongPassword = QStringLiteral("not the right \"password\"");
// Logged as net.origin_refused: quotes and a backslash the JSON format must escape.
const QString kOddOrigin = QStringLiteral("https://odd.example/\"quoted\"\\path");

// Problems with line as JSON: empty when it is one object with string ts, level, event (in
// that order) and string fields.
QString jsonLineProblem(const QByteArray& line) {
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (!document.isObject()) {
        return QStringLiteral("not a JSON object: ") + QString::fromUtf8(line);
    }
    // The keys themselves, in this order, before any field (a field's value cannot fake them:
    // its quotes are escaped).
    static const QRegularExpression kHead(QStringLiteral(
        R"re(^\{"ts":"[^"]+","level":"(debug|info|warning|error)","event":"[a-z0-9_.]+"[,}])re"));
    if (!kHead.match(QString::fromUtf8(line)).hasMatch()) {
        return QStringLiteral("ts, level, event are not first: ") + QString::fromUtf8(line);
    }
    const QJsonObject object = document.object();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isString()) {
            return QStringLiteral("field %1 is not a string").arg(it.key());
        }
    }
    return {};
}

}  // namespace

void TestLogFormat::noSecretsInEitherFormat_data() {
    QTest::addColumn<QString>("format");
    QTest::newRow("json") << QStringLiteral("json");
    QTest::newRow("text") << QStringLiteral("text");
}

void TestLogFormat::noSecretsInEitherFormat() {
    QFETCH(QString, format);
    TestServer server({QStringLiteral("--log-format"), format});
    QVERIFY2(server.startProcess().isEmpty(), qPrintable(server.logTail()));
    WsTestClient* alice = server.connectClient();
    WsTestClient* bob = server.connectClient();
    QVERIFY(alice && bob);
    const QString aliceName = uniqueUsername(QStringLiteral("alice"));
    const SignedIn a =
        signedInFrom(alice->call(spec::method::kAuthRegister, registerParams(aliceName)));
    const SignedIn b = signedInFrom(bob->call(
        spec::method::kAuthRegister, registerParams(uniqueUsername(QStringLiteral("bob")))));
    QVERIFY(a.ok() && b.ok());
    NATTER_VERIFY_RESULT(
        alice->call(spec::method::kMessagesSend,
                    {{QStringLiteral("to_user_id"), b.userId},
                     {QStringLiteral("client_message_id"), QStringLiteral("log-1")},
                     {QStringLiteral("type"), QStringLiteral("text")},
                     {QStringLiteral("body"), kSecretBody}}));
    WsTestClient* intruder = server.connectClient();
    QVERIFY(intruder);
    NATTER_COMPARE_ERROR(
        intruder->call(spec::method::kAuthLogin,
                       loginParams(aliceName, QStringLiteral("Phone"), kWrongPassword)),
        "invalid_credentials");
    intruder->sendText(QStringLiteral("{\"id\":\"x\n\\\"y\",\"method\":"));  // not JSON
    NATTER_COMPARE_ERROR(intruder->waitForResponse(QJsonValue::Null), "malformed_frame");
    QVERIFY(!server.addClient({true, kOddOrigin})->connectTo(server.url()));  // refused: logged
    verifyReleaseClients(server);
    QCOMPARE(server.process().stop(), 0);

    const QString log = server.process().log();
    QVERIFY2(log.contains(QStringLiteral("server.stopped")), "the log is incomplete");
    for (const QString& secret : {kPassword, kWrongPassword, a.token, b.token,
                                  QStringLiteral("4242-secret"), QStringLiteral("launch")}) {
        QVERIFY2(!log.contains(secret), qPrintable(QStringLiteral("the log holds ") + secret));
    }
    if (format == u"json") {
        int lines = 0;
        QStringList origins;
        for (const QByteArray& line : log.toUtf8().split('\n')) {
            if (!line.isEmpty()) {
                ++lines;
                const QString problem = jsonLineProblem(line);
                QVERIFY2(problem.isEmpty(), qPrintable(problem));
                const QJsonObject object = QJsonDocument::fromJson(line).object();
                if (object.value(QStringLiteral("event")).toString() == u"net.origin_refused") {
                    origins.append(object.value(QStringLiteral("origin")).toString());
                }
            }
        }
        QVERIFY(lines >= 5);
        QCOMPARE(origins, QStringList{kOddOrigin});
    } else {
        QVERIFY(log.contains(QStringLiteral(" level=info event=server.started ")));
    }
}

// Under systemd, stderr is the journal's stream and JOURNAL_STREAM names it (device:inode): each
// line then starts with its sd-daemon priority, which journald turns into the entry's level.
void TestLogFormat::journalGetsEachLinesLevel() {
    QTemporaryDir dir;
    const QString logFile = dir.filePath(QStringLiteral("journal"));
    QFile create(logFile);
    QVERIFY(create.open(QIODevice::WriteOnly));
    create.close();
    struct stat status = {};
    QCOMPARE(::stat(QFile::encodeName(logFile).constData(), &status), 0);
    QProcess server;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(
        QStringLiteral("JOURNAL_STREAM"),
        QStringLiteral("%1:%2").arg(quint64(status.st_dev)).arg(quint64(status.st_ino)));
    server.setProcessEnvironment(environment);
    server.setStandardErrorFile(logFile, QIODevice::Append);
    // A setting it refuses: an error line, after the info lines of the start.
    server.start(ServerProcess::binaryPath(),
                 {QStringLiteral("--data-dir"), dir.filePath(QStringLiteral("data")),
                  QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--banned-words"),
                  dir.filePath(QStringLiteral("missing.txt"))});
    QVERIFY(server.waitForFinished(15'000));
    QVERIFY(server.exitCode() != 0);
    QFile log(logFile);
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = log.readAll().split('\n');
    int structured = 0;
    for (const QByteArray& line : lines) {
        if (line.contains(" level=")) {
            ++structured;
            const QByteArray level = line.mid(line.indexOf(" level=") + 7).split(' ').first();
            const QByteArray prefix = level == "info"      ? "<6>"
                                      : level == "warning" ? "<4>"
                                      : level == "error"   ? "<3>"
                                                           : "<7>";
            QVERIFY2(line.startsWith(prefix), line.constData());
        }
    }
    QVERIFY2(structured >= 1, qPrintable(QString::fromUtf8(lines.join('\n'))));
}

QTEST_GUILESS_MAIN(TestLogFormat)
#include "tst_log_format.moc"
