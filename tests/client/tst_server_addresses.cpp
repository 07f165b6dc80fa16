// Several addresses of one server (docs/scaling.md, "Clients"): how the sign-in field and
// --server are read, the order in which the client tries them (a round of addresses per
// backoff), and profiles written with one address before reading unchanged.
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QUuid>
#include <QtTest>

#include "core/profile.h"
#include "core/server_addresses.h"

using namespace natter;

namespace {

const QUrl kA(QStringLiteral("ws://127.0.0.1:4860/"));
const QUrl kB(QStringLiteral("ws://127.0.0.2:4860/"));
const QUrl kC(QStringLiteral("wss://chat.example.org/"));

}  // namespace

class TestServerAddresses : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void parsesCommasSpacesAndNewlines() {
        const ServerAddresses parsed = ServerAddresses::parse(QStringLiteral(
            " ws://127.0.0.1:4860/,ws://127.0.0.2:4860/\n\n wss://chat.example.org/ "));
        QCOMPARE(parsed.urls(), (QList<QUrl>{kA, kB, kC}));
        QCOMPARE(parsed.primary(), kA);
        QCOMPARE(ServerAddresses::parse(parsed.toText()), parsed);
        QCOMPARE(
            ServerAddresses::parse(QStringLiteral("ws://127.0.0.1:4860/, ws://127.0.0.1:4860/")),
            ServerAddresses(kA));  // a repeat is one address
        QVERIFY(ServerAddresses::parse(QStringLiteral(" , \n")).isEmpty());
    }

    void oneAddressIsJustItsUrl() {
        const ServerAddresses one(kA);
        QCOMPARE(one.toText(), kA.toString());
        QCOMPARE(ServerAddresses::parse(kA.toString()), one);
        QVERIFY(ServerAddresses(QUrl()).isEmpty());
    }

    // Two addresses: a failure moves on at once; two failures in a row end the round (the
    // caller waits its backoff), and the next round starts at the other address.
    void rotationMovesOnWithinARound() {
        AddressRotation rotation;
        rotation.use(ServerAddresses(QList<QUrl>{kA, kB}));
        const QUrl first = rotation.current();
        QVERIFY(first == kA || first == kB);
        const QUrl second = first == kA ? kB : kA;
        rotation.succeeded();
        QVERIFY(rotation.moveOn());  // the connection to `first` was lost: try `second` now
        QCOMPARE(rotation.current(), second);
        QVERIFY(!rotation.moveOn());  // `second` failed too: the round is over, back off
        QCOMPARE(rotation.current(), first);
        QVERIFY(rotation.moveOn());  // the next round goes on at once after one failure
        QCOMPARE(rotation.current(), second);
        rotation.succeeded();
        // The same list again keeps the order and the place (sticky); a new one starts over.
        rotation.use(ServerAddresses(QList<QUrl>{kA, kB}));
        QCOMPARE(rotation.current(), second);
        rotation.use(ServerAddresses(kC));
        QCOMPARE(rotation.current(), kC);
    }

    // One address: every failure is a round of its own, as before several addresses existed.
    void oneAddressBacksOffAfterEachFailure() {
        AddressRotation rotation;
        rotation.use(ServerAddresses(kA));
        QVERIFY(!rotation.moveOn());
        QVERIFY(!rotation.moveOn());
        QCOMPARE(rotation.current(), kA);
    }

    // A profile written with one URL (the format before several addresses) reads unchanged, and
    // several addresses are kept and read back in their order.
    void profileKeepsAddresses() {
        const QString name = QStringLiteral("addr-") + QUuid::createUuid().toString(QUuid::Id128);
        {
            Profile profile(name);
            QSettings(profile.settingsFile(), QSettings::IniFormat)
                .setValue(QStringLiteral("account/last_server"), kC.toString());
        }
        Profile profile(name);
        QCOMPARE(profile.lastServer(), ServerAddresses(kC));
        profile.setLastServer(ServerAddresses(QList<QUrl>{kB, kA}));
        QCOMPARE(Profile(name).lastServer().urls(), (QList<QUrl>{kB, kA}));
        profile.setLastServer(ServerAddresses(kA));
        QCOMPARE(QSettings(profile.settingsFile(), QSettings::IniFormat)
                     .value(QStringLiteral("account/last_server"))
                     .toString(),
                 kA.toString());
        QVERIFY(QDir(profile.dataDir()).removeRecursively());
    }
};

QTEST_GUILESS_MAIN(TestServerAddresses)
#include "tst_server_addresses.moc"
