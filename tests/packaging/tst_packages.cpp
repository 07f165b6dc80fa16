// The Debian packages as a distribution would take them: built with CPack from this build,
// lintian-clean, installed into a throw-away root (tests/packaging/throwaway_root.h), the server
// started there the way its systemd unit starts it and used by a client, upgraded with its data
// kept, and purged without leaving files behind. Needs root (mounts); elsewhere every case is
// reported as skipped, never as passed.
#include <sys/stat.h>
#include <unistd.h>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include "protocol_checks.h"
#include "throwaway_root.h"
#include "ws_test_client.h"

using natter::test::CommandResult;
using natter::test::runProgram;
using natter::test::ThrowawayRoot;
using natter::test::WsTestClient;

namespace {

// systemd's first DynamicUser= id: the server runs as an id that has no name, as under the unit.
constexpr uint kDynamicUserId = 61184;
// cpack (which strips both programs) and lintian take a while on a busy machine.
constexpr int kPackagingToolTimeoutMs = 300'000;
const QString kUnitFile = QStringLiteral("/lib/systemd/system/natter-server.service");
const QString kStateDir = QStringLiteral("/var/lib/natter-server");

// The [Service] settings of the installed unit that decide how the server runs.
struct UnitSettings {
    QStringList execStart;
    QString stateDirectory;
    int stateDirectoryMode = 0;
    int umask = 0;
};

UnitSettings readUnit(const QString& file) {
    QSettings unit(file, QSettings::IniFormat);
    unit.beginGroup(QStringLiteral("Service"));
    UnitSettings settings;
    settings.execStart = unit.value(QStringLiteral("ExecStart"))
                             .toString()
                             .split(QLatin1Char(' '), Qt::SkipEmptyParts);
    settings.stateDirectory = unit.value(QStringLiteral("StateDirectory")).toString();
    settings.stateDirectoryMode =
        unit.value(QStringLiteral("StateDirectoryMode")).toString().toInt(nullptr, 8);
    settings.umask = unit.value(QStringLiteral("UMask")).toString().toInt(nullptr, 8);
    return settings;
}

}  // namespace

class TstPackages : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void lintianFindsNoErrorOrWarning();
    void packagesInstallIntoAFreshRoot();
    void installedClientStarts();
    void serverRunsAsItsUnitAndServesClients();
    void upgradeKeepsTheData();
    void purgeLeavesNothingBehind();

private:
    QString buildDebs(const QString& version, const QString& components);
    // Skips the current case when packagesInstallIntoAFreshRoot could not make the root.
    void requireRoot();
    QString debFile(const QString& package, const QString& version) const;
    // Starts the installed server as its unit would; returns its ws:// URL or an empty one.
    QUrl startInstalledServer(QProcess& server);
    void stopServer(QProcess& server);

    QTemporaryDir debs_;
    std::unique_ptr<ThrowawayRoot> root_;
    QStringList installedFiles_;
    QString alicesConversation_;
};

QString TstPackages::debFile(const QString& package, const QString& version) const {
    const QStringList found =
        QDir(debs_.path())
            .entryList({package + QLatin1Char('_') + version + QStringLiteral("_*.deb")});
    return found.isEmpty() ? QString() : debs_.filePath(found.first());
}

QString TstPackages::buildDebs(const QString& version, const QString& components) {
    const CommandResult cpack = runProgram(
        QStringLiteral("cpack"),
        {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
         QStringLiteral(NATTER_BUILD_DIR "/CPackConfig.cmake"), QStringLiteral("-B"), debs_.path(),
         QStringLiteral("-D"), QStringLiteral("CPACK_PACKAGE_VERSION=") + version,
         QStringLiteral("-D"), QStringLiteral("CPACK_COMPONENTS_ALL=") + components},
        kPackagingToolTimeoutMs);
    return cpack.exitCode == 0 ? QString() : cpack.output;
}

void TstPackages::initTestCase() {
    QVERIFY(debs_.isValid());
    const QString problem =
        buildDebs(QStringLiteral(NATTER_VERSION), QStringLiteral("server;client"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(!debFile(QStringLiteral("natter-server"), QStringLiteral(NATTER_VERSION)).isEmpty());
    QVERIFY(!debFile(QStringLiteral("natter"), QStringLiteral(NATTER_VERSION)).isEmpty());
}

void TstPackages::requireRoot() {
    if (!root_ || root_->path().isEmpty()) {
        QSKIP("no throw-away root (see packagesInstallIntoAFreshRoot)");
    }
}

void TstPackages::lintianFindsNoErrorOrWarning() {
    const CommandResult lintian =
        runProgram(QStringLiteral("lintian"),
                   {QStringLiteral("--fail-on"), QStringLiteral("error,warning"),
                    debFile(QStringLiteral("natter-server"), QStringLiteral(NATTER_VERSION)),
                    debFile(QStringLiteral("natter"), QStringLiteral(NATTER_VERSION))},
                   kPackagingToolTimeoutMs);
    QVERIFY2(lintian.exitCode == 0, qPrintable(lintian.output));
}

void TstPackages::packagesInstallIntoAFreshRoot() {
    // Without root, or in a container without CAP_SYS_ADMIN, the install cases are reported as
    // skipped (with why), never as passed; tst_packages_lint still runs.
    if (geteuid() != 0) {
        QSKIP("needs root to mount a throw-away root: run `sudo ctest -R tst_packages`");
    }
    root_ = std::make_unique<ThrowawayRoot>();
    if (root_->path().isEmpty()) {
        QSKIP(qPrintable(QStringLiteral("cannot mount a throw-away root here: ") + root_->error()));
    }
    // Copied in, because dpkg inside the root sees only the root.
    for (const QString& package : {QStringLiteral("natter-server"), QStringLiteral("natter")}) {
        const QString deb = debFile(package, QStringLiteral(NATTER_VERSION));
        QVERIFY(
            QFile::copy(deb, root_->hostPath(QStringLiteral("/tmp/") + QFileInfo(deb).fileName())));
    }
    const auto install =
        root_->run({QStringLiteral("sh"), QStringLiteral("-c"),
                    QStringLiteral("dpkg -i /tmp/natter-server_*.deb /tmp/natter_*.deb")});
    QVERIFY2(install.exitCode == 0, qPrintable(install.output));
    const auto listing = root_->run({QStringLiteral("dpkg"), QStringLiteral("-L"),
                                     QStringLiteral("natter-server"), QStringLiteral("natter")});
    QCOMPARE(listing.exitCode, 0);
    for (const QString& path : listing.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        if (QFileInfo(root_->hostPath(path)).isFile()) {
            installedFiles_ << path;
        }
    }
    for (const char* expected :
         {"/usr/bin/natter-server", "/usr/bin/natter", "/usr/share/man/man8/natter-server.8.gz",
          "/usr/share/man/man1/natter.1.gz", "/usr/share/metainfo/org.natter.Natter.metainfo.xml",
          "/usr/share/applications/org.natter.Natter.desktop",
          "/usr/share/icons/hicolor/48x48/apps/natter.png", "/etc/natter/natter-server.conf"}) {
        QVERIFY2(installedFiles_.contains(QLatin1StringView(expected)), expected);
    }
}

void TstPackages::installedClientStarts() {
    requireRoot();
    const auto version =
        root_->run({QStringLiteral("env"), QStringLiteral("QT_QPA_PLATFORM=offscreen"),
                    QStringLiteral("natter"), QStringLiteral("--version")});
    QVERIFY2(version.exitCode == 0, qPrintable(version.output));
    QVERIFY2(version.output.contains(QStringLiteral(NATTER_VERSION)), qPrintable(version.output));
}

QUrl TstPackages::startInstalledServer(QProcess& server) {
    const UnitSettings unit = readUnit(root_->hostPath(kUnitFile));
    const QString stateDir = root_->hostPath(QStringLiteral("/var/lib/") + unit.stateDirectory);
    QDir().mkpath(stateDir);
    if (chown(stateDir.toLocal8Bit().constData(), kDynamicUserId, kDynamicUserId) != 0 ||
        chmod(stateDir.toLocal8Bit().constData(), static_cast<mode_t>(unit.stateDirectoryMode)) !=
            0) {
        return {};
    }
    // The unit's own command, on a free port (it may share the host's network with others).
    root_->prepareAsUser(
        server, unit.execStart + QStringList{QStringLiteral("--port"), QStringLiteral("0")},
        kDynamicUserId, unit.umask);
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start();
    static const QRegularExpression listening(QStringLiteral("listening on ws://[^:]+:(\\d+)"));
    QString output;
    QDeadlineTimer deadline(15'000);
    while (!deadline.hasExpired() && server.state() != QProcess::NotRunning) {
        server.waitForReadyRead(200);
        output += QString::fromLocal8Bit(server.readAll());
        if (const auto match = listening.match(output); match.hasMatch()) {
            return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(match.captured(1)));
        }
    }
    qWarning().noquote() << "installed server did not start:" << output;
    return {};
}

void TstPackages::stopServer(QProcess& server) {
    server.terminate();
    QVERIFY(server.waitForFinished(10'000));
    QCOMPARE(server.exitStatus(), QProcess::NormalExit);
    QCOMPARE(server.exitCode(), 0);
}

void TstPackages::serverRunsAsItsUnitAndServesClients() {
    requireRoot();
    QProcess server;
    const QUrl url = startInstalledServer(server);
    QVERIFY(url.isValid());
    WsTestClient alice;
    WsTestClient bob;
    QVERIFY(alice.connectTo(url));
    QVERIFY(bob.connectTo(url));
    QVERIFY(
        natter::test::signedInFrom(bob.call(QStringLiteral("auth.register"),
                                            natter::test::registerParams(QStringLiteral("bob"))))
            .ok());
    QVERIFY(natter::test::signedInFrom(
                alice.call(QStringLiteral("auth.register"),
                           natter::test::registerParams(QStringLiteral("alice"))))
                .ok());
    const QJsonObject sent =
        alice.call(QStringLiteral("messages.send"),
                   {{QStringLiteral("to_username"), QStringLiteral("bob")},
                    {QStringLiteral("client_message_id"), QStringLiteral("m1")},
                    {QStringLiteral("type"), QStringLiteral("text")},
                    {QStringLiteral("body"), QStringLiteral("Installed and working")}});
    const QJsonObject message =
        sent.value(QStringLiteral("result")).toObject().value(QStringLiteral("message")).toObject();
    alicesConversation_ = message.value(QStringLiteral("conversation_id")).toString();
    QVERIFY2(!alicesConversation_.isEmpty(), QJsonDocument(sent).toJson().constData());
    stopServer(server);

    // The database is the service user's alone: in its state directory, private to it.
    const QFileInfo database(root_->hostPath(kStateDir + QStringLiteral("/natter.sqlite3")));
    QVERIFY(database.exists());
    QCOMPARE(database.ownerId(), kDynamicUserId);
    QCOMPARE(database.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
}

void TstPackages::upgradeKeepsTheData() {
    requireRoot();
    QVERIFY(!alicesConversation_.isEmpty());
    const QString next = QStringLiteral(NATTER_VERSION "+1");
    const QString problem = buildDebs(next, QStringLiteral("server"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QString deb = debFile(QStringLiteral("natter-server"), next);
    QVERIFY(QFile::copy(deb, root_->hostPath(QStringLiteral("/tmp/upgrade.deb"))));
    const auto upgrade = root_->run(
        {QStringLiteral("dpkg"), QStringLiteral("-i"), QStringLiteral("/tmp/upgrade.deb")});
    QVERIFY2(upgrade.exitCode == 0, qPrintable(upgrade.output));

    QProcess server;
    const QUrl url = startInstalledServer(server);
    QVERIFY(url.isValid());
    WsTestClient alice;
    QVERIFY(alice.connectTo(url));
    QVERIFY(
        natter::test::signedInFrom(alice.call(QStringLiteral("auth.login"),
                                              natter::test::loginParams(QStringLiteral("alice"))))
            .ok());
    const QJsonObject history =
        alice.call(QStringLiteral("messages.history"),
                   {{QStringLiteral("conversation_id"), alicesConversation_}});
    const QJsonArray messages = history.value(QStringLiteral("result"))
                                    .toObject()
                                    .value(QStringLiteral("messages"))
                                    .toArray();
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().toObject().value(QStringLiteral("body")).toString(),
             QStringLiteral("Installed and working"));
    stopServer(server);
}

void TstPackages::purgeLeavesNothingBehind() {
    requireRoot();
    QVERIFY(!installedFiles_.isEmpty());
    const auto purge = root_->run({QStringLiteral("dpkg"), QStringLiteral("--purge"),
                                   QStringLiteral("natter"), QStringLiteral("natter-server")});
    QVERIFY2(purge.exitCode == 0, qPrintable(purge.output));
    for (const QString& path : installedFiles_) {
        QVERIFY2(!QFileInfo::exists(root_->hostPath(path)), qPrintable(path));
    }
    QVERIFY(!QFileInfo::exists(root_->hostPath(QStringLiteral("/etc/natter"))));
    QVERIFY2(!QFileInfo::exists(root_->hostPath(kStateDir)), "purge keeps the chat data");
}

QTEST_GUILESS_MAIN(TstPackages)
#include "tst_packages.moc"
