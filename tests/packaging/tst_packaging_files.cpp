// The files a distribution checks before it accepts the packages: man pages that describe every
// command-line option the programs accept and render without groff warnings, a desktop entry
// that desktop-file-validate accepts, AppStream data that appstreamcli accepts.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include "server_process.h"

using natter::test::CommandResult;
using natter::test::runProgram;

namespace {

QString readText(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The long options `program --help` lists, e.g. "--data-dir".
QStringList longOptionsOf(const QString& program) {
    const CommandResult help = runProgram(program, {QStringLiteral("--help")});
    static const QRegularExpression option(QStringLiteral("^\\s+(?:-\\w, )?(--[a-z][a-z-]*)"),
                                           QRegularExpression::MultilineOption);
    QStringList options;
    for (auto it = option.globalMatch(help.output); it.hasNext();) {
        options << it.next().captured(1);
    }
    return options;
}

}  // namespace

class TstPackagingFiles : public QObject {
    Q_OBJECT
private slots:
    void manPageDescribesEveryOption_data();
    void manPageDescribesEveryOption();
    void manPageRendersWithoutWarnings_data();
    void manPageRendersWithoutWarnings();
    void desktopEntryIsValid();
    void appStreamDataIsValid();
};

void TstPackagingFiles::manPageDescribesEveryOption_data() {
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("manPage");
    QTest::newRow("natter-server")
        << QStringLiteral(NATTER_SERVER_BINARY)
        << QStringLiteral(NATTER_SOURCE_DIR "/packaging/man/natter-server.8");
    QTest::newRow("natter") << QStringLiteral(NATTER_CLIENT_BINARY)
                            << QStringLiteral(NATTER_SOURCE_DIR "/packaging/man/natter.1");
}

void TstPackagingFiles::manPageDescribesEveryOption() {
    QFETCH(QString, program);
    QFETCH(QString, manPage);
    const QStringList options = longOptionsOf(program);
    QVERIFY2(options.size() >= 5, qPrintable(options.join(QLatin1Char(' '))));
    const QString page = readText(manPage);
    QVERIFY(!page.isEmpty());
    QStringList missing;
    for (const QString& option : options) {
        // In roff source every dash of an option is written "\-".
        QString escaped = option;
        escaped.replace(QLatin1Char('-'), QStringLiteral("\\-"));
        if (!page.contains(escaped)) {
            missing << option;
        }
    }
    QVERIFY2(
        missing.isEmpty(),
        qPrintable(QStringLiteral("not in %1: %2").arg(manPage, missing.join(QLatin1Char(' ')))));
}

void TstPackagingFiles::manPageRendersWithoutWarnings_data() {
    QTest::addColumn<QString>("manPage");
    QTest::newRow("natter-server.8")
        << QStringLiteral(NATTER_SOURCE_DIR "/packaging/man/natter-server.8");
    QTest::newRow("natter.1") << QStringLiteral(NATTER_SOURCE_DIR "/packaging/man/natter.1");
}

void TstPackagingFiles::manPageRendersWithoutWarnings() {
    QFETCH(QString, manPage);
    const CommandResult groff =
        runProgram(QStringLiteral("groff"),
                   {QStringLiteral("-man"), QStringLiteral("-ww"), QStringLiteral("-z"), manPage});
    QVERIFY2(groff.exitCode == 0 && groff.output.isEmpty(), qPrintable(groff.output));
}

void TstPackagingFiles::desktopEntryIsValid() {
    const CommandResult validate =
        runProgram(QStringLiteral("desktop-file-validate"),
                   {QStringLiteral(NATTER_SOURCE_DIR "/packaging/org.natter.Natter.desktop")});
    QVERIFY2(validate.exitCode == 0 && validate.output.isEmpty(), qPrintable(validate.output));
}

void TstPackagingFiles::appStreamDataIsValid() {
    const CommandResult validate =
        runProgram(QStringLiteral("appstreamcli"),
                   {QStringLiteral("validate"), QStringLiteral("--no-net"),
                    QStringLiteral("--pedantic"), QStringLiteral(NATTER_METAINFO_FILE)});
    QVERIFY2(validate.exitCode == 0, qPrintable(validate.output));
}

QTEST_GUILESS_MAIN(TstPackagingFiles)
#include "tst_packaging_files.moc"
