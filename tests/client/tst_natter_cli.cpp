// The natter executable's command line, run as a user would run it.
#include <QProcess>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// `display` false: as on a server or in an SSH session, no display to open windows on.
Run runNatter(const QStringList& args, const QString& lang = QStringLiteral("C"),
              bool display = true) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANGUAGE", "DISPLAY", "WAYLAND_DISPLAY"}) {
        env.remove(QString::fromLatin1(name));
    }
    env.insert(QStringLiteral("LANG"), lang);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"),
               display ? QStringLiteral("offscreen") : QStringLiteral("xcb"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(NATTER_CLIENT_BINARY), args);
    if (!process.waitForFinished(30'000)) {
        process.kill();
        return {};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

}  // namespace

class TestNatterCli : public QObject {
    Q_OBJECT

private slots:
    void versionPrintsNameAndVersion() {
        const Run run = runNatter({QStringLiteral("--version")});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(run.out, QStringLiteral("natter " NATTER_VERSION "\n"));
    }

    void helpListsTheOptions() {
        const Run run = runNatter({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char* option :
             {"--server <URL>", "--profile <NAME>", "--log-level <LEVEL>", "--version", "--help"}) {
            QVERIFY2(run.out.contains(QLatin1StringView(option)), option);
        }
        QVERIFY(run.out.contains(QStringLiteral("Server address")));
    }

    void germanLocaleGivesGermanHelp() {
        const Run run = runNatter({QStringLiteral("--help")}, QStringLiteral("de_DE.UTF-8"));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(QStringLiteral("Serveradresse")), qPrintable(run.out));
        QVERIFY2(run.out.contains(QStringLiteral("Desktop-Client")), qPrintable(run.out));
    }

    // Issue 11, bug 10: --help, --version and usage errors need no display.
    void helpAndVersionWorkWithoutADisplay() {
        const Run help = runNatter({QStringLiteral("--help")}, QStringLiteral("C"), false);
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.contains(QStringLiteral("--server <URL>")), qPrintable(help.err));
        const Run version = runNatter({QStringLiteral("--version")}, QStringLiteral("C"), false);
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out, QStringLiteral("natter " NATTER_VERSION "\n"));
        const Run wrong = runNatter({QStringLiteral("--log-level"), QStringLiteral("loud")},
                                    QStringLiteral("C"), false);
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY(wrong.err.contains(QStringLiteral("loud")));
    }

    void rejectsAnUnsafeProfileName() {
        const Run run = runNatter({QStringLiteral("--profile"), QStringLiteral("../x")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("Profile names")));
    }

    void rejectsAnUnknownLogLevel() {
        const Run run = runNatter({QStringLiteral("--log-level"), QStringLiteral("loud")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(QStringLiteral("loud")));
    }
};

QTEST_GUILESS_MAIN(TestNatterCli)
#include "tst_natter_cli.moc"
