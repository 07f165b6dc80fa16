// PresenceService in-process (docs/protocol.md 5.4): online on a user's first connection only, to
// the people who share a conversation with them; a snapshot for every new connection; offline once
// the last connection has stayed gone for the grace period (kTestOfflineGraceMs here, the only
// real wait of the services layer), with last_seen_at from the clock when it went; presence.get
// answers unknown for strangers.
#include <QtTest>

#include "method_names.h"
#include "service_harness.h"

using namespace natter;
using namespace natter::test;

namespace {

// Bounds the wait for the grace timer: generous, it normally fires after kTestOfflineGraceMs.
constexpr int kGraceWaitMs = 5'000;

QJsonObject status(const QString& userId, const QString& state, qint64 lastSeenAt = 0) {
    return {
        {QStringLiteral("user_id"), userId},
        {QStringLiteral("status"), state},
        {QStringLiteral("last_seen_at"), lastSeenAt > 0 ? QJsonValue(lastSeenAt) : QJsonValue()}};
}

QJsonArray snapshotOf(const QList<QJsonObject>& snapshots) {
    return snapshots.isEmpty() ? QJsonArray()
                               : snapshots.last().value(QStringLiteral("presence")).toArray();
}

}  // namespace

class TestServicesPresence : public ServiceTest {
    Q_OBJECT

private:
    // Offline users `a` and `b` who share a private conversation.
    void makeCoMembers(const TestUser& a, const TestUser& b) {
        QVERIFY(world().send(a, toUser(b, QStringLiteral("hi-") + b.publicId()))->isOk());
        world().bus.clear();
    }
    QJsonArray query(const TestUser& asker, const QStringList& userIds) {
        auto reply = replyFrom(asker.device);
        world().presence.query(asker.identity, userIds, reply);
        return reply->result().value(QStringLiteral("presence")).toArray();
    }

private slots:
    void firstConnectionIsAnnouncedToCoMembersOnly();
    void everyNewConnectionGetsASnapshot();
    void offlineAfterTheLastConnectionAndTheGracePeriod();
    void returningWithinTheGracePeriodIsNotAnnounced();
    void queryAnswersUnknownForStrangers();
};

void TestServicesPresence::firstConnectionIsAnnouncedToCoMembersOnly() {
    ServiceWorld& w = world();
    const TestUser alice = w.offlineUser(QStringLiteral("alice"));
    const TestUser bob = w.offlineUser(QStringLiteral("bob"));
    const TestUser eve = w.offlineUser(QStringLiteral("eve"));
    makeCoMembers(alice, bob);

    w.signIn(bob.identity);
    const auto changed = w.bus.toUser(alice.id(), event::kPresenceChanged);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first(), status(bob.publicId(), QStringLiteral("online")));
    QVERIFY(w.bus.toUser(eve.id(), event::kPresenceChanged).isEmpty());
    QVERIFY(w.bus.toUser(bob.id(), event::kPresenceChanged).isEmpty());

    // More connections, of the same or another session, are not news.
    w.signIn(bob.identity);
    w.signIn(w.newSession(bob));
    QCOMPARE(w.bus.published(event::kPresenceChanged).size(), 1);
}

void TestServicesPresence::everyNewConnectionGetsASnapshot() {
    ServiceWorld& w = world();
    const TestUser alice = w.offlineUser(QStringLiteral("alice"));
    const TestUser bob = w.offlineUser(QStringLiteral("bob"));
    const TestUser carol = w.offlineUser(QStringLiteral("carol"));
    makeCoMembers(alice, bob);
    makeCoMembers(carol, bob);
    w.signIn(alice.identity);

    const ConnectionRef first = w.signIn(bob.identity);
    const QJsonArray snapshot = snapshotOf(w.bus.atConnection(first, event::kPresenceSnapshot));
    QCOMPARE(snapshot.size(), 2);
    QVERIFY(snapshot.contains(status(alice.publicId(), QStringLiteral("online"))));
    QVERIFY(snapshot.contains(status(carol.publicId(), QStringLiteral("offline"))));
    const ConnectionRef second = w.signIn(bob.identity);
    QCOMPARE(snapshotOf(w.bus.atConnection(second, event::kPresenceSnapshot)).size(), 2);
    // Only to the new connection.
    QCOMPARE(w.bus.atConnection(first, event::kPresenceSnapshot).size(), 1);
}

void TestServicesPresence::offlineAfterTheLastConnectionAndTheGracePeriod() {
    ServiceWorld& w = world();
    const TestUser alice = w.offlineUser(QStringLiteral("alice"));
    const TestUser bob = w.offlineUser(QStringLiteral("bob"));
    makeCoMembers(alice, bob);
    const ConnectionRef phone = w.signIn(bob.identity);
    const Identity laptopSession = w.newSession(bob);
    const ConnectionRef laptop = w.signIn(laptopSession);
    w.bus.clear();

    w.signOut(bob.identity, phone);
    QVERIFY(!w.bus.names().contains(QStringLiteral("presence.changed")));
    w.clock.advance(60'000);
    const qint64 goneAt = w.clock.nowMs();
    w.signOut(laptopSession, laptop);
    QVERIFY(w.bus.names().isEmpty());  // the grace period has only begun
    QCOMPARE(query(alice, {bob.publicId()}),
             QJsonArray{status(bob.publicId(), QStringLiteral("online"))});
    w.clock.advance(5'000);  // last_seen_at is when the last connection went, not when announced

    QTRY_COMPARE_WITH_TIMEOUT(w.bus.toUser(alice.id(), event::kPresenceChanged).size(), 1,
                              kGraceWaitMs);
    QCOMPARE(w.bus.toUser(alice.id(), event::kPresenceChanged).first(),
             status(bob.publicId(), QStringLiteral("offline"), goneAt));
    QCOMPARE(query(alice, {bob.publicId()}),
             QJsonArray{status(bob.publicId(), QStringLiteral("offline"), goneAt)});
}

void TestServicesPresence::returningWithinTheGracePeriodIsNotAnnounced() {
    ServiceWorld& w = world();
    const TestUser alice = w.offlineUser(QStringLiteral("alice"));
    const TestUser bob = w.offlineUser(QStringLiteral("bob"));
    makeCoMembers(alice, bob);
    w.signOut(bob.identity, w.signIn(bob.identity));
    w.bus.clear();

    const ConnectionRef back = w.signIn(bob.identity);
    QCOMPARE(snapshotOf(w.bus.atConnection(back, event::kPresenceSnapshot)).size(), 1);
    // Wait out several grace periods: the cancelled timer announces nothing.
    QTest::qWait(3 * kTestOfflineGraceMs);
    QVERIFY(w.bus.published(event::kPresenceChanged).isEmpty());
    QCOMPARE(query(alice, {bob.publicId()}),
             QJsonArray{status(bob.publicId(), QStringLiteral("online"))});
}

void TestServicesPresence::queryAnswersUnknownForStrangers() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.offlineUser(QStringLiteral("bob"));
    const TestUser eve = w.offlineUser(QStringLiteral("eve"));
    makeCoMembers(alice, bob);
    w.signIn(eve.identity);  // online, but alice shares nothing with eve

    const QJsonArray answer = query(alice, {bob.publicId(), eve.publicId(), QStringLiteral("u_x")});
    QCOMPARE(answer, (QJsonArray{status(bob.publicId(), QStringLiteral("offline")),
                                 status(eve.publicId(), QStringLiteral("unknown")),
                                 status(QStringLiteral("u_x"), QStringLiteral("unknown"))}));
}

QTEST_GUILESS_MAIN(TestServicesPresence)
#include "tst_services_presence.moc"
