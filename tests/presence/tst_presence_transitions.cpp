// Presence transitions (docs/protocol.md section 5.4 "Presence", section 5.7 presence.changed):
// exactly one `online` when a user's first connection signs in, exactly one `offline` (with
// last_seen_at) once the last connection has been gone for kPresenceOfflineGraceMs, nothing for
// further devices, for closing one of several, or for a reconnect within the grace period — and
// nothing at all for a user who shares no conversation. Several users go through these at the
// same time so the grace period is waited out only twice.
#include <QDateTime>
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "presence_support.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;

namespace {

// Room for the reconnecting user's would-be offline to show up if the server wrongly sent it.
constexpr int kReconnectAfterMs = 1'000;
constexpr int kListenPastGraceMs = 1'500;

}  // namespace

class TestPresenceTransitions : public QObject {
    Q_OBJECT

private:
    // a watches with two devices (a.client, a2); b, c, d share a group with a (b also a private
    // conversation); e was in the group but left; s shares only a private conversation with a.
    // After setUp() b, c and d are offline.
    void setUp();
    void signInFirstAndSecondDevices();
    void closeDevicesAndReconnect();
    // Checks the presence.changed about `user` that `watcher` got since `from`.
    void verifyStatuses(const WsTestClient& watcher, const ChatUser& user, qsizetype from,
                        const QStringList& expected);
    void verifyOffline(const QJsonObject& presence, qint64 notBeforeMs, qint64 notAfterMs);
    // Fails unless every offline arrived; one that came before the grace period was over is
    // recorded in timingProblems_ (checked last, so that every other rule is checked too).
    void checkArrivals(const QList<qint64>& arrivals, const QString& what);

    ChatServer server_;
    ChatUser a_, b_, c_, d_, s_, e_;
    WsTestClient* a2_ = nullptr;
    WsTestClient* b1_ = nullptr;
    WsTestClient* b2_ = nullptr;
    WsTestClient* c1_ = nullptr;
    WsTestClient* c2_ = nullptr;
    WsTestClient* d1_ = nullptr;
    qsizetype a1From_ = 0;
    qsizetype a2From_ = 0;
    qint64 signInWallMs_ = 0;
    qsizetype eFrom_ = 0;
    QStringList timingProblems_;

private slots:
    void initTestCase();
    void cleanup();

    void presenceChangesExactlyOncePerUserAndNeverForStrangers();
};

void TestPresenceTransitions::initTestCase() {
    const QString problem = server_.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPresenceTransitions::cleanup() {
    reportServerOnFailure(server_);
    NATTER_VERIFY_NO_PROBLEMS(server_.releaseClients());
}

void TestPresenceTransitions::verifyStatuses(const WsTestClient& watcher, const ChatUser& user,
                                             qsizetype from, const QStringList& expected) {
    const QList<QJsonObject> changes = presenceChangesAbout(watcher, user.userId, from);
    for (const QJsonObject& change : changes) {
        NATTER_VERIFY_NO_PROBLEMS(presenceShapeProblems(change, user.userId));
    }
    QCOMPARE(statusesOf(changes), expected);
}

void TestPresenceTransitions::verifyOffline(const QJsonObject& presence, qint64 notBeforeMs,
                                            qint64 notAfterMs) {
    QCOMPARE(presence.value(QStringLiteral("status")).toString(), spec::status::kOffline);
    const QJsonValue lastSeen = presence.value(QStringLiteral("last_seen_at"));
    QVERIFY2(isInteger(lastSeen), qPrintable(describe(presence)));
    QVERIFY2(lastSeen.toInteger() >= notBeforeMs && lastSeen.toInteger() <= notAfterMs,
             qPrintable(QStringLiteral("last_seen_at %1 is outside [%2, %3]")
                            .arg(lastSeen.toInteger())
                            .arg(notBeforeMs)
                            .arg(notAfterMs)));
}

void TestPresenceTransitions::checkArrivals(const QList<qint64>& arrivals, const QString& what) {
    for (qint64 arrival : arrivals) {
        QVERIFY2(arrival >= 0, qPrintable(what + QStringLiteral(": never arrived")));
        if (arrival < spec::kPresenceOfflineGraceMs) {
            timingProblems_.append(what + QStringLiteral(" announced %1 ms after the close, before "
                                                         "spec::kPresenceOfflineGraceMs (%2 ms)")
                                              .arg(arrival)
                                              .arg(spec::kPresenceOfflineGraceMs));
        }
    }
}

void TestPresenceTransitions::setUp() {
    const qint64 registeredWallMs = nowMs();
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("pt"), 6);
    QCOMPARE(users.size(), 6);
    a_ = users.at(0), b_ = users.at(1), c_ = users.at(2), d_ = users.at(3), s_ = users.at(4);
    e_ = users.at(5);
    a2_ = server_.loginNewDevice(a_, QStringLiteral("Phone"));
    QVERIFY(a2_);
    QString error;
    const QString groupId =
        createGroup(*a_.client, {b_.userId, c_.userId, d_.userId, e_.userId}, &error);
    QVERIFY2(!groupId.isEmpty(), qPrintable(error));
    // e leaves at once: from then on it shares nothing with b, c or d.
    NATTER_VERIFY_RESULT(
        e_.client->call(spec::method::kConversationsLeave, conversationParam(groupId)));
    eFrom_ = positionOf(*e_.client);
    QVERIFY2(!startPrivateConversation(*s_.client, a_.userId, &error).isEmpty(), qPrintable(error));
    // b shares two conversations with a: still one event per transition, not one per conversation.
    QVERIFY2(!startPrivateConversation(*b_.client, a_.userId, &error).isEmpty(), qPrintable(error));

    // b, c and d close their only connection at once: each goes offline exactly once, and only
    // after the grace period.
    const qsizetype from = positionOf(*a_.client);
    QElapsedTimer clock;
    clock.start();
    for (const ChatUser* user : {&b_, &c_, &d_}) {
        user->client->close();
    }
    QList<std::function<bool()>> offline;
    for (const ChatUser* user : {&b_, &c_, &d_}) {
        offline.append([this, user, from] {
            return !presenceChangesAbout(*a_.client, user->userId, from).isEmpty();
        });
    }
    const QList<qint64> arrivals =
        arrivalTimes(offline, clock, spec::kPresenceOfflineGraceMs + kLateToleranceMs);
    qInfo() << "offline of b, c, d arrived after (ms)" << arrivals;
    checkArrivals(arrivals, QStringLiteral("offline of b, c or d (one device each)"));
    for (const ChatUser* user : {&b_, &c_, &d_}) {
        verifyStatuses(*a_.client, *user, from, {spec::status::kOffline});
        verifyOffline(presenceChangesAbout(*a_.client, user->userId, from).constFirst(),
                      registeredWallMs, nowMs());
    }
}

void TestPresenceTransitions::signInFirstAndSecondDevices() {
    a1From_ = positionOf(*a_.client);
    a2From_ = positionOf(*a2_);
    signInWallMs_ = nowMs();
    b1_ = server_.resume(b_.token);
    c1_ = server_.resume(c_.token);
    d1_ = server_.resume(d_.token);
    QVERIFY(b1_ && c1_ && d1_);
    // Every connection of the watcher hears each first sign-in.
    for (const ChatUser* user : {&b_, &c_, &d_}) {
        QVERIFY2(
            QTest::qWaitFor(
                [&] {
                    return !presenceChangesAbout(*a_.client, user->userId, a1From_).isEmpty() &&
                           !presenceChangesAbout(*a2_, user->userId, a2From_).isEmpty();
                },
                WsTestClient::kDefaultTimeoutMs),
            qPrintable(QStringLiteral("no online event for ") + user->username));
    }
    // Second devices, each a session of its own: no event (checked once everything settled).
    b2_ = server_.loginNewDevice(b_, QStringLiteral("Tablet"));
    c2_ = server_.loginNewDevice(c_, QStringLiteral("Tablet"));
    QVERIFY(b2_ && c2_);
}

void TestPresenceTransitions::closeDevicesAndReconnect() {
    QElapsedTimer clock;
    clock.start();
    b1_->close();  // b: both devices go: one offline after the grace period
    b2_->close();
    c1_->close();  // c: one of two devices goes: nothing
    d1_->close();  // d: its only device goes and comes back within the grace period: nothing
    QTest::qWait(kReconnectAfterMs);
    QVERIFY(server_.resume(d_.token));

    const QList<qint64> arrivals = arrivalTimes(
        {[&] { return presenceChangesAbout(*a_.client, b_.userId, a1From_).size() >= 2; },
         [&] { return presenceChangesAbout(*a2_, b_.userId, a2From_).size() >= 2; }},
        clock, spec::kPresenceOfflineGraceMs + kLateToleranceMs);
    qInfo() << "offline of b (two devices) arrived on a's devices after (ms)" << arrivals;
    checkArrivals(arrivals, QStringLiteral("offline of b (two devices)"));
    // Listen past the moment d's and c's offline would have been due.
    const qint64 listenUntil =
        kReconnectAfterMs + spec::kPresenceOfflineGraceMs + kListenPastGraceMs;
    QTest::qWait(int(qMax<qint64>(0, listenUntil - clock.elapsed())));
}

void TestPresenceTransitions::presenceChangesExactlyOncePerUserAndNeverForStrangers() {
    setUp();
    if (QTest::currentTestFailed())
        return;
    signInFirstAndSecondDevices();
    if (QTest::currentTestFailed())
        return;
    closeDevicesAndReconnect();
    if (QTest::currentTestFailed())
        return;

    for (const auto& [watcher, from] : {std::pair{a_.client, a1From_}, std::pair{a2_, a2From_}}) {
        verifyStatuses(*watcher, b_, from, {spec::status::kOnline, spec::status::kOffline});
        verifyStatuses(*watcher, c_, from, {spec::status::kOnline});
        verifyStatuses(*watcher, d_, from, {spec::status::kOnline});
        verifyOffline(presenceChangesAbout(*watcher, b_.userId, from).constLast(), signInWallMs_,
                      nowMs());
    }
    // s never shared a conversation with b, c or d, and e stopped sharing one: they hear
    // nothing about them, and asking gives `unknown`.
    for (const ChatUser* user : {&b_, &c_, &d_}) {
        QCOMPARE(statusesOf(presenceChangesAbout(*s_.client, user->userId)), QStringList());
        QCOMPARE(statusesOf(presenceChangesAbout(*e_.client, user->userId, eFrom_)), QStringList());
    }
    const QJsonObject formerAnswer = presenceGet(*e_.client, {c_.userId});
    QCOMPARE(resultOf(formerAnswer)
                 .value(QStringLiteral("presence"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             spec::status::kUnknown);
    // And what the watcher is told matches what it can ask.
    const QJsonObject answer = presenceGet(*a_.client, {b_.userId, c_.userId, d_.userId});
    NATTER_VERIFY_RESULT(answer);
    QList<QJsonObject> presences;
    for (const QJsonValue& presence :
         resultOf(answer).value(QStringLiteral("presence")).toArray()) {
        presences.append(presence.toObject());
    }
    QCOMPARE(statusesOf(presences),
             (QStringList{spec::status::kOffline, spec::status::kOnline, spec::status::kOnline}));
    NATTER_VERIFY_NO_PROBLEMS(timingProblems_);
}

QTEST_GUILESS_MAIN(TestPresenceTransitions)
#include "tst_presence_transitions.moc"
