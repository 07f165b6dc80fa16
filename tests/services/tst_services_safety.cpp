// SafetyService in-process (docs/protocol.md 5.6): the block limit (kBlockedUsersMax) in
// milliseconds instead of registering 1,001 accounts over the network, block.changed on every
// device of the blocker and never to the blocked user, what a block refuses and what it leaves
// alone, and accepting a chat request.
#include <QtTest>

#include "method_names.h"
#include "service_harness.h"

using namespace natter;
using namespace natter::test;

namespace {

QStringList idsOf(const QJsonArray& users) {
    QStringList ids;
    for (const QJsonValue& user : users) {
        ids.append(user.toObject().value(QStringLiteral("id")).toString());
    }
    return ids;
}

}  // namespace

class TestServicesSafety : public ServiceTest {
    Q_OBJECT

private:
    Answer setBlocked(const TestUser& blocker, const QString& userId, bool blocked) {
        return ask(blocker, [&](const ReplyRef& reply) {
            world().safety.setBlocked(blocker.identity, userId, blocked, reply);
        });
    }
    Answer block(const TestUser& blocker, const TestUser& user) {
        return setBlocked(blocker, user.publicId(), true);
    }
    // users.blocked as the user sees it: public ids, most recently blocked first.
    QStringList blockedBy(const TestUser& blocker) {
        auto reply = replyFrom(blocker.device);
        world().safety.blockedUsers(blocker.identity, reply);
        return idsOf(reply->result().value(QStringLiteral("users")).toArray());
    }
    Answer accept(const TestUser& who, const QString& id) {
        return ask(who,
                   [&](const ReplyRef& reply) { world().safety.accept(who.identity, id, reply); });
    }

private slots:
    void blockingIsLimitedToOneThousandUsers();
    void blockChangedReachesEveryDeviceOfTheBlockerOnly();
    void blockingAnUnknownUserIsNotFound();
    void blockShowsInThePrivateConversationOfTheBlockerOnly();
    void blockKeepsSharedGroupsButRefusesNewOnes();
    void acceptEndsTheChatRequestOnce();
};

void TestServicesSafety::blockingIsLimitedToOneThousandUsers() {
    ServiceWorld& w = world();
    const TestUser blocker = w.user(QStringLiteral("blocker"));
    QStringList allowed;
    for (int i = 0; i < limits::kBlockedUsersMax; ++i) {
        allowed.append(w.offlineUser(QStringLiteral("u%1").arg(i)).publicId());
    }
    const QString oneTooMany = w.offlineUser(QStringLiteral("extra")).publicId();
    for (const QString& id : allowed) {
        const auto blocked = setBlocked(blocker, id, true);
        QVERIFY2(blocked->isOk(), qPrintable(blocked->describe()));
    }
    w.bus.clear();

    const auto refused = setBlocked(blocker, oneTooMany, true);
    QCOMPARE(refused->errorName(), QStringLiteral("limit_reached"));
    QCOMPARE(refused->error()->field, QStringLiteral("user_id"));
    QVERIFY2(refused->error()->message.contains(QString::number(limits::kBlockedUsersMax)),
             qPrintable(refused->error()->message));
    QVERIFY(w.bus.names().isEmpty());
    QStringList blocked = blockedBy(blocker);
    QCOMPARE(blocked.size(), limits::kBlockedUsersMax);
    QVERIFY(!blocked.contains(oneTooMany));

    // At the limit, blocking one already blocked is still harmless; an unblock makes room.
    QVERIFY(setBlocked(blocker, allowed.first(), true)->isOk());
    QVERIFY(setBlocked(blocker, allowed.first(), false)->isOk());
    QVERIFY(setBlocked(blocker, oneTooMany, true)->isOk());
    blocked = blockedBy(blocker);
    QCOMPARE(blocked.size(), limits::kBlockedUsersMax);
    QCOMPARE(blocked.first(), oneTooMany);
    QVERIFY(!blocked.contains(allowed.first()));
}

void TestServicesSafety::blockChangedReachesEveryDeviceOfTheBlockerOnly() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const ConnectionRef aliceTablet = w.connect(alice.identity);
    const ConnectionRef alicePhone = w.connect(w.newSession(alice));
    const TestUser bob = w.user(QStringLiteral("bob"));

    // Every call, changed or not, so that all devices agree.
    for (bool blocked : {true, true, false}) {
        w.bus.clear();
        QVERIFY(setBlocked(alice, bob.publicId(), blocked)->isOk());
        for (const ConnectionRef& connection : {alice.device, aliceTablet, alicePhone}) {
            const auto changed = w.bus.atConnection(connection, event::kBlockChanged);
            QCOMPARE(changed.size(), 1);
            QCOMPARE(changed.first().value(QStringLiteral("blocked")).toBool(), blocked);
            QCOMPARE(changed.first()
                         .value(QStringLiteral("user"))
                         .toObject()
                         .value(QStringLiteral("id"))
                         .toString(),
                     bob.publicId());
        }
        QVERIFY(w.bus.atConnection(bob.device, event::kBlockChanged).isEmpty());
    }
    QVERIFY(blockedBy(alice).isEmpty());
}

void TestServicesSafety::blockingAnUnknownUserIsNotFound() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const auto unknown = setBlocked(alice, QStringLiteral("u_nobody"), true);
    QCOMPARE(unknown->errorName(), QStringLiteral("not_found"));
    QCOMPARE(unknown->error()->field, QStringLiteral("user_id"));
    QVERIFY(w.bus.names().isEmpty());
}

void TestServicesSafety::blockShowsInThePrivateConversationOfTheBlockerOnly() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const QString id = conversationOf(*w.send(alice, toUser(bob, QStringLiteral("m1"))));
    QVERIFY(block(alice, bob)->isOk());
    QCOMPARE(w.conversationSeenBy(alice, id).value(QStringLiteral("blocked")).toBool(), true);
    QCOMPARE(w.conversationSeenBy(bob, id).value(QStringLiteral("blocked")).toBool(), false);
    QCOMPARE(w.send(alice, inConversation(id, QStringLiteral("m2")))->errorName(),
             QStringLiteral("blocked"));
}

void TestServicesSafety::blockKeepsSharedGroupsButRefusesNewOnes() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const TestUser carol = w.user(QStringLiteral("carol"));
    const QString shared = conversationOf(
        *w.createGroup(alice, newGroup(QStringLiteral("Old"), {bob}, QStringLiteral("g1"))));
    const QString other = conversationOf(
        *w.createGroup(alice, newGroup(QStringLiteral("New"), {carol}, QStringLiteral("g2"))));
    QVERIFY(block(bob, alice)->isOk());
    w.bus.clear();

    QVERIFY(w.send(alice, inConversation(shared, QStringLiteral("m1")))->isOk());
    QCOMPARE(w.bus.toUser(bob.id(), event::kMessageNew).size(), 1);
    auto adding = replyFrom(alice.device);
    w.groups.addMembers(alice.identity, other, {bob.publicId()}, adding);
    QCOMPARE(adding->errorName(), QStringLiteral("blocked"));
    QCOMPARE(adding->error()->field, QStringLiteral("member_ids"));
    QCOMPARE(w.conversationSeenBy(carol, other).value(QStringLiteral("members")).toArray().size(),
             2);
}

void TestServicesSafety::acceptEndsTheChatRequestOnce() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const ConnectionRef bobLaptop = w.connect(w.newSession(bob));
    const TestUser eve = w.user(QStringLiteral("eve"));
    const QString id = conversationOf(*w.send(alice, toUser(bob, QStringLiteral("m1"))));
    w.bus.clear();

    const auto accepted = accept(bob, id);
    QVERIFY2(accepted->isOk(), qPrintable(accepted->describe()));
    const QJsonObject conversation =
        accepted->result().value(QStringLiteral("conversation")).toObject();
    QCOMPARE(conversation.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(conversation.value(QStringLiteral("request")).toBool(), false);
    for (const ConnectionRef& connection : {bob.device, bobLaptop}) {
        QCOMPARE(w.bus.atConnection(connection, event::kConversationUpdated).size(), 1);
    }
    QVERIFY(w.bus.toUser(alice.id(), event::kConversationUpdated).isEmpty());
    QCOMPARE(w.conversationSeenBy(bob, id).value(QStringLiteral("request")).toBool(), false);
    // Accepting again, or as the member it never was a request for, is harmless and silent.
    w.bus.clear();
    QVERIFY(accept(bob, id)->isOk());
    QVERIFY(accept(alice, id)->isOk());
    QVERIFY(w.bus.names().isEmpty());
    QCOMPARE(accept(eve, id)->errorName(), QStringLiteral("not_member"));
    // Links are allowed once the request is over (link-policy contacts).
    QVERIFY(w.send(alice, inConversation(id, QStringLiteral("m2"), QStringLiteral("www.x.org")))
                ->isOk());
}

QTEST_GUILESS_MAIN(TestServicesSafety)
#include "tst_services_safety.moc"
