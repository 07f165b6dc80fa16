// A vanished device (docs/protocol.md section 5.4 "Presence", section 2 kPingIntervalMs,
// kMissedPongsBeforeDrop, kPresenceOfflineGraceMs): a connection that signed in and then never
// answers a ping again is dropped, and its user is announced offline at most
// (kMissedPongsBeforeDrop + 1) × ping interval + kPresenceOfflineGraceMs after its last sign of
// life — while a connection that is idle but answers pings stays. The server runs with a
// one-second ping interval (setting `ping-interval`, seconds) so this takes seconds, not a minute.
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "presence_support.h"
#include "protocol_checks.h"
#include "protocol_spec.h"
#include "raw_ws_connection.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;

namespace {

constexpr int kPingIntervalSeconds = 1;
constexpr int kPingIntervalMs = kPingIntervalSeconds * 1'000;
// The documented bound after the last sign of life (section 5.4).
constexpr int kOfflineBoundMs =
    (spec::kMissedPongsBeforeDrop + 1) * kPingIntervalMs + spec::kPresenceOfflineGraceMs;
// Nothing may happen earlier: silence of kMissedPongsBeforeDrop intervals, then the grace period.
constexpr int kEarliestOfflineMs =
    spec::kMissedPongsBeforeDrop * kPingIntervalMs + spec::kPresenceOfflineGraceMs;

}  // namespace

class TestPresenceDeadConnection : public QObject {
    Q_OBJECT

private:
    // Times in ms after the last sign of life (-1: never): the offline and the drop.
    void verifyTimings(qint64 offlineAt, qint64 droppedAt);
    // The idle user and the watcher were kept; asking confirms who is online.
    void verifyStillThere(const ChatUser& watcher, const ChatUser& idle, const ChatUser& silent,
                          qsizetype from);

    ChatServer server_{{QStringLiteral("--ping-interval"), QString::number(kPingIntervalSeconds)}};

private slots:
    void initTestCase();
    void cleanup();

    void silentConnectionIsDroppedAndAnnouncedOfflineInTime();
};

void TestPresenceDeadConnection::initTestCase() {
    const QString problem = server_.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPresenceDeadConnection::cleanup() {
    reportServerOnFailure(server_);
    NATTER_VERIFY_NO_PROBLEMS(server_.releaseClients());
}

void TestPresenceDeadConnection::verifyTimings(qint64 offlineAt, qint64 droppedAt) {
    qInfo() << "after the last sign of life (ms): offline" << offlineAt << "TCP closed" << droppedAt
            << "documented bound" << kOfflineBoundMs;
    QVERIFY2(offlineAt >= 0, "the silent connection's user was never announced offline");
    QVERIFY2(offlineAt <= kOfflineBoundMs + kLateToleranceMs,
             qPrintable(
                 QStringLiteral("offline came %1 ms after the last sign of life").arg(offlineAt)));
    // A connection is dropped only once it has been silent for kMissedPongsBeforeDrop intervals,
    // and the grace period starts only then.
    QVERIFY2(
        offlineAt >= kEarliestOfflineMs,
        qPrintable(
            QStringLiteral("offline came only %1 ms after the last sign of life").arg(offlineAt)));
    QVERIFY2(droppedAt < 0 || droppedAt >= spec::kMissedPongsBeforeDrop * kPingIntervalMs,
             qPrintable(QStringLiteral("dropped after only %1 ms of silence").arg(droppedAt)));
    QVERIFY2(droppedAt >= 0, "the server never closed the silent connection");
}

void TestPresenceDeadConnection::verifyStillThere(const ChatUser& watcher, const ChatUser& idle,
                                                  const ChatUser& silent, qsizetype from) {
    // The idle connection answered every ping by itself (QWebSocket does): it is still there,
    // usable, and its user was never announced offline — nor was the watcher's own.
    QCOMPARE(statusesOf(presenceChangesAbout(*watcher.client, idle.userId, from)), QStringList());
    QVERIFY(idle.client->isConnected());
    QVERIFY(watcher.client->isConnected());
    const QJsonObject answer = presenceGet(*idle.client, {watcher.userId, silent.userId});
    NATTER_VERIFY_RESULT(answer);
    const QJsonArray presence = resultOf(answer).value(QStringLiteral("presence")).toArray();
    QCOMPARE(presence.size(), 2);
    QCOMPARE(presence.at(0).toObject().value(QStringLiteral("status")).toString(),
             spec::status::kOnline);
    QCOMPARE(presence.at(1).toObject().value(QStringLiteral("status")).toString(),
             spec::status::kOffline);
}

void TestPresenceDeadConnection::silentConnectionIsDroppedAndAnnouncedOfflineInTime() {
    // watcher shares a group with `silent` (which will vanish) and `idle` (which stays, quietly).
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("pd"), 3);
    QCOMPARE(users.size(), 3);
    const ChatUser& watcher = users.at(0);
    const ChatUser& silent = users.at(1);
    const ChatUser& idle = users.at(2);
    QString error;
    const QString groupId = createGroup(*watcher.client, {silent.userId, idle.userId}, &error);
    QVERIFY2(!groupId.isEmpty(), qPrintable(error));

    // silent's hand-made connection signs in; then its well-behaved one goes, so the silent one is
    // the user's only connection and the user never was without one (no event so far).
    RawWsConnection raw;
    QVERIFY(raw.open(server_.url(), WsTestClient::kDefaultTimeoutMs));
    const qsizetype from = positionOf(*watcher.client);
    // Started before the request is written, so the measured time is never less than the time
    // since the server last heard from the connection.
    QElapsedTimer sinceLastSignOfLife;
    sinceLastSignOfLife.start();
    const QJsonObject resumed =
        raw.call(QStringLiteral("r1"), spec::method::kAuthResume, resumeParams(silent.token),
                 WsTestClient::kDefaultTimeoutMs);
    NATTER_VERIFY_RESULT(resumed);
    silent.client->close();

    const QList<qint64> arrivals = arrivalTimes(
        {[&] { return !presenceChangesAbout(*watcher.client, silent.userId, from).isEmpty(); },
         [&] { return raw.isClosedByPeer(); }},
        sinceLastSignOfLife, kOfflineBoundMs + kLateToleranceMs);
    verifyTimings(arrivals.at(0), arrivals.at(1));
    if (QTest::currentTestFailed())
        return;
    // Section 5.4 / 6: a dead peer could not answer a close handshake, so none is started: what
    // the client's library sees is 1006, a connection ended without a close frame.
    QVERIFY2(!raw.receivedCloseFrame(), "the dropped connection was sent a close frame");

    const QList<QJsonObject> changes = presenceChangesAbout(*watcher.client, silent.userId, from);
    QCOMPARE(statusesOf(changes), QStringList{spec::status::kOffline});
    NATTER_VERIFY_NO_PROBLEMS(presenceShapeProblems(changes.constFirst(), silent.userId));
    QVERIFY(isInteger(changes.constFirst().value(QStringLiteral("last_seen_at"))));

    verifyStillThere(watcher, idle, silent, from);
}

QTEST_GUILESS_MAIN(TestPresenceDeadConnection)
#include "tst_presence_dead_connection.moc"
