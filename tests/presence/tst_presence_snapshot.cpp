// presence.snapshot and presence.get (docs/protocol.md section 5.4 "Presence" and presence.get,
// section 5.7, section 2 kPresenceQueryMax): a snapshot of exactly the users who share a
// conversation, right after every successful auth.* on every connection (and never after a
// failed one); presence.get answers co-members truthfully and everyone else `unknown`.
#include <QSet>
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

QList<QJsonObject> presencesIn(const QJsonObject& holder) {
    QList<QJsonObject> presences;
    for (const QJsonValue& presence : holder.value(QStringLiteral("presence")).toArray()) {
        presences.append(presence.toObject());
    }
    return presences;
}

QHash<QString, QJsonObject> byUserId(const QList<QJsonObject>& presences) {
    QHash<QString, QJsonObject> result;
    for (const QJsonObject& presence : presences) {
        result.insert(presence.value(QStringLiteral("user_id")).toString(), presence);
    }
    return result;
}

// True when the connection's first message is the response to its auth request and the first
// snapshot comes after it ("right after any auth.* request succeeds").
bool snapshotFollowsAuthResponse(const WsTestClient& client) {
    const QList<QJsonObject>& all = client.received();
    qsizetype snapshotAt = -1;
    for (qsizetype i = 0; i < all.size() && snapshotAt < 0; ++i) {
        if (all.at(i).value(QStringLiteral("event")).toString() == spec::event::kPresenceSnapshot) {
            snapshotAt = i;
        }
    }
    return snapshotAt > 0 && isResult(all.constFirst());
}

QStringList madeUpUserIds(int count) {
    QStringList ids;
    for (int i = 1; i <= count; ++i) {
        ids.append(madeUpUserId(quint32(i)));
    }
    return ids;
}

}  // namespace

class TestPresenceSnapshot : public QObject {
    Q_OBJECT

private:
    // Waits for the connection's snapshots since `from`; fails unless there is exactly one.
    QList<QJsonObject> takeOnlySnapshot(const WsTestClient& client, qsizetype from);
    // Fails unless the snapshot of a's view holds exactly b (online) and c (offline).
    void verifyWatcherSnapshot(const QList<QJsonObject>& snapshot);

    ChatServer server_;
    // a shares a private conversation with b (online) and a group with b and c (offline), so b
    // is a co-member twice over and must still be listed once; s shares nothing with anyone.
    ChatUser a_, b_, c_, s_;
    QJsonValue cLastSeenAt_;  // from the offline event about c

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void registrationGetsAnEmptySnapshot();
    void everyNewConnectionGetsExactlyTheCoMembers();
    void failedAuthGetsNoSnapshot();
    void presenceGetAnswersCoMembersAndUnknownForOthers();
    void presenceGetTakesOneToHundredIds();
};

void TestPresenceSnapshot::initTestCase() {
    QString problem = server_.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("ps"), 4);
    QCOMPARE(users.size(), 4);
    a_ = users.at(0), b_ = users.at(1), c_ = users.at(2), s_ = users.at(3);
    QVERIFY2(!startPrivateConversation(*a_.client, b_.userId, &problem).isEmpty(),
             qPrintable(problem));
    QVERIFY2(!createGroup(*a_.client, {b_.userId, c_.userId}, &problem).isEmpty(),
             qPrintable(problem));
    const qsizetype from = positionOf(*a_.client);
    c_.client->close();
    QVERIFY2(QTest::qWaitFor(
                 [&] { return !presenceChangesAbout(*a_.client, c_.userId, from).isEmpty(); },
                 spec::kPresenceOfflineGraceMs + kLateToleranceMs),
             "c was not announced offline");
    cLastSeenAt_ = presenceChangesAbout(*a_.client, c_.userId, from)
                       .constFirst()
                       .value(QStringLiteral("last_seen_at"));
    QVERIFY(isInteger(cLastSeenAt_));
}

void TestPresenceSnapshot::cleanup() {
    reportServerOnFailure(server_);
}

void TestPresenceSnapshot::cleanupTestCase() {
    NATTER_VERIFY_NO_PROBLEMS(server_.releaseClients());
}

QList<QJsonObject> TestPresenceSnapshot::takeOnlySnapshot(const WsTestClient& client,
                                                          qsizetype from) {
    if (!waitForEventCount(client, spec::event::kPresenceSnapshot, 1, from)) {
        return {};
    }
    listenQuietly();
    const QList<QJsonObject> snapshots = eventData(client, spec::event::kPresenceSnapshot, from);
    return snapshots.size() == 1 ? presencesIn(snapshots.constFirst()) : QList<QJsonObject>{};
}

void TestPresenceSnapshot::verifyWatcherSnapshot(const QList<QJsonObject>& snapshot) {
    const QHash<QString, QJsonObject> presence = byUserId(snapshot);
    QCOMPARE(snapshot.size(), 2);
    QCOMPARE(QSet<QString>(presence.keyBegin(), presence.keyEnd()),
             (QSet<QString>{b_.userId, c_.userId}));
    for (const QJsonObject& entry : snapshot) {
        NATTER_VERIFY_NO_PROBLEMS(
            presenceShapeProblems(entry, entry.value(QStringLiteral("user_id")).toString()));
    }
    QCOMPARE(presence.value(b_.userId).value(QStringLiteral("status")).toString(),
             spec::status::kOnline);
    QCOMPARE(presence.value(c_.userId).value(QStringLiteral("status")).toString(),
             spec::status::kOffline);
    // The same fact as the offline event told.
    QCOMPARE(presence.value(c_.userId).value(QStringLiteral("last_seen_at")), cLastSeenAt_);
}

void TestPresenceSnapshot::registrationGetsAnEmptySnapshot() {
    // Each registration connection shared nothing yet when it signed in.
    for (const ChatUser* user : {&a_, &b_, &s_}) {
        QVERIFY2(waitForEventCount(*user->client, spec::event::kPresenceSnapshot, 1),
                 "no snapshot");
        const QList<QJsonObject> snapshots =
            eventData(*user->client, spec::event::kPresenceSnapshot);
        QCOMPARE(snapshots.size(), 1);
        QCOMPARE(presencesIn(snapshots.constFirst()).size(), 0);
    }
}

void TestPresenceSnapshot::everyNewConnectionGetsExactlyTheCoMembers() {
    // A new device (auth.login) and a further connection of a's first session (auth.resume).
    WsTestClient* loggedIn = server_.loginNewDevice(a_, QStringLiteral("Phone"));
    QVERIFY(loggedIn);
    verifyWatcherSnapshot(takeOnlySnapshot(*loggedIn, 0));
    if (QTest::currentTestFailed())
        return;
    QVERIFY(snapshotFollowsAuthResponse(*loggedIn));
    WsTestClient* resumed = server_.resume(a_.token);
    QVERIFY(resumed);
    verifyWatcherSnapshot(takeOnlySnapshot(*resumed, 0));
    if (QTest::currentTestFailed())
        return;
    QVERIFY(snapshotFollowsAuthResponse(*resumed));

    // b's view: a (online) and c (offline, through the group), never s.
    WsTestClient* bResumed = server_.resume(b_.token);
    QVERIFY(bResumed);
    const QHash<QString, QJsonObject> bSees = byUserId(takeOnlySnapshot(*bResumed, 0));
    QCOMPARE(QSet<QString>(bSees.keyBegin(), bSees.keyEnd()),
             (QSet<QString>{a_.userId, c_.userId}));
    QCOMPARE(bSees.value(a_.userId).value(QStringLiteral("status")).toString(),
             spec::status::kOnline);
    QCOMPARE(bSees.value(c_.userId).value(QStringLiteral("status")).toString(),
             spec::status::kOffline);

    // s shares nothing: an empty snapshot, but a snapshot all the same.
    WsTestClient* sResumed = server_.resume(s_.token);
    QVERIFY(sResumed);
    QVERIFY(waitForEventCount(*sResumed, spec::event::kPresenceSnapshot, 1));
    QCOMPARE(eventData(*sResumed, spec::event::kPresenceSnapshot).size(), 1);
    QCOMPARE(presencesIn(eventData(*sResumed, spec::event::kPresenceSnapshot).constFirst()).size(),
             0);
}

void TestPresenceSnapshot::failedAuthGetsNoSnapshot() {
    WsTestClient* client = server_.connect();
    QVERIFY(client);
    NATTER_COMPARE_ERROR(
        client->call(spec::method::kAuthLogin, loginParams(a_.username, QStringLiteral("Phone"),
                                                           QStringLiteral("not the password"))),
        "invalid_credentials");
    NATTER_COMPARE_ERROR(
        client->call(spec::method::kAuthResume, resumeParams(QString(spec::kTokenChars, u'A'))),
        "invalid_token");
    listenQuietly();
    QCOMPARE(eventData(*client, spec::event::kPresenceSnapshot).size(), 0);

    const qsizetype from = positionOf(*client);
    NATTER_VERIFY_RESULT(client->call(spec::method::kAuthResume, resumeParams(a_.token)));
    verifyWatcherSnapshot(takeOnlySnapshot(*client, from));
}

void TestPresenceSnapshot::presenceGetAnswersCoMembersAndUnknownForOthers() {
    const QString madeUp = madeUpUserId(7);
    const QStringList asked{c_.userId, s_.userId, b_.userId, madeUp};
    const QJsonObject answer = presenceGet(*a_.client, asked);
    NATTER_VERIFY_RESULT(answer);
    const QList<QJsonObject> presences = presencesIn(resultOf(answer));
    QCOMPARE(presences.size(), asked.size());
    for (qsizetype i = 0; i < asked.size(); ++i) {
        NATTER_VERIFY_NO_PROBLEMS(presenceShapeProblems(presences.at(i), asked.at(i)));
    }
    QCOMPARE(statusesOf(presences), (QStringList{spec::status::kOffline, spec::status::kUnknown,
                                                 spec::status::kOnline, spec::status::kUnknown}));
    QCOMPARE(presences.at(0).value(QStringLiteral("last_seen_at")), cLastSeenAt_);
    // Not a directory: nothing about strangers leaks, not even when they were last seen.
    QVERIFY(presences.at(1).value(QStringLiteral("last_seen_at")).isNull());
    QVERIFY(presences.at(3).value(QStringLiteral("last_seen_at")).isNull());

    // s shares nothing with a or b, even though both are online.
    const QJsonObject strangerAnswer = presenceGet(*s_.client, {a_.userId, b_.userId});
    NATTER_VERIFY_RESULT(strangerAnswer);
    QCOMPARE(statusesOf(presencesIn(resultOf(strangerAnswer))),
             (QStringList{spec::status::kUnknown, spec::status::kUnknown}));
}

void TestPresenceSnapshot::presenceGetTakesOneToHundredIds() {
    QStringList hundred = madeUpUserIds(spec::kPresenceQueryMax - 1);
    hundred.prepend(b_.userId);
    const QJsonObject answer = presenceGet(*a_.client, hundred);
    NATTER_VERIFY_RESULT(answer);
    const QList<QJsonObject> presences = presencesIn(resultOf(answer));
    QCOMPARE(presences.size(), spec::kPresenceQueryMax);
    QCOMPARE(presences.constFirst().value(QStringLiteral("status")).toString(),
             spec::status::kOnline);
    QCOMPARE(presences.constLast().value(QStringLiteral("user_id")).toString(),
             hundred.constLast());

    NATTER_COMPARE_INVALID_PARAM(
        presenceGet(*a_.client, madeUpUserIds(spec::kPresenceQueryMax + 1)), "user_ids");
    NATTER_COMPARE_INVALID_PARAM(presenceGet(*a_.client, {}), "user_ids");
    QCOMPARE(presencesIn(resultOf(presenceGet(*a_.client, {b_.userId}))).size(), 1);
}

QTEST_GUILESS_MAIN(TestPresenceSnapshot)
#include "tst_presence_snapshot.moc"
