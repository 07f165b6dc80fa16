// GroupService in-process (docs/protocol.md 5.2 "Ownership" and the conversations.* methods):
// adding, removing, renaming and leaving are announced to the right members with their system
// messages, the refusals change nothing, and ownership passes to the earliest member.
#include <QtTest>

#include "method_names.h"
#include "service_harness.h"

using namespace natter;
using namespace natter::test;

namespace {

QJsonObject metaOf(const QJsonObject& messageNew) {
    return messageNew.value(QStringLiteral("message"))
        .toObject()
        .value(QStringLiteral("meta"))
        .toObject();
}

QString actionOf(const QJsonObject& messageNew) {
    return metaOf(messageNew).value(QStringLiteral("action")).toString();
}

QJsonObject conversationIn(const QJsonObject& data) {
    return data.value(QStringLiteral("conversation")).toObject();
}

}  // namespace

class TestServicesGroups : public ServiceTest {
    Q_OBJECT

private:
    // A group of the owner with `members`; its id (empty on failure).
    QString group(const TestUser& owner, const QList<TestUser>& members) {
        static int count = 0;
        const auto answer = world().createGroup(
            owner, newGroup(QStringLiteral("Team"), members, QStringLiteral("g%1").arg(++count)));
        world().bus.clear();
        return conversationOf(*answer);
    }
    Answer add(const TestUser& actor, const QString& id, const QList<TestUser>& members) {
        QStringList ids;
        for (const TestUser& member : members) {
            ids.append(member.publicId());
        }
        return ask(actor, [&](const ReplyRef& reply) {
            world().groups.addMembers(actor.identity, id, ids, reply);
        });
    }
    Answer remove(const TestUser& actor, const QString& id, const TestUser& member) {
        return ask(actor, [&](const ReplyRef& reply) {
            world().groups.removeMember(actor.identity, id, member.publicId(), reply);
        });
    }
    Answer rename(const TestUser& actor, const QString& id, const QString& name) {
        return ask(actor, [&](const ReplyRef& reply) {
            world().groups.rename(actor.identity, id, name, reply);
        });
    }
    Answer leave(const TestUser& actor, const QString& id) {
        return ask(actor,
                   [&](const ReplyRef& reply) { world().groups.leave(actor.identity, id, reply); });
    }

private slots:
    void addingMembersIsAnnouncedToEveryMember();
    void addingExistingMembersAnnouncesNothing();
    void removedMemberIsToldAndTheOthersSeeWhy();
    void renameIsAnnouncedWithTheNewName();
    void onlyTheOwnerChangesTheGroup();
    void privateChatsAreNotGroups();
    void groupIsFullAtTheMemberLimit();
    void leavingOwnerPassesOwnershipToTheEarliestMember();
    void lastMemberLeavingTellsNobodyElse();
};

void TestServicesGroups::addingMembersIsAnnouncedToEveryMember() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const TestUser carol = w.user(QStringLiteral("carol"));
    const TestUser dave = w.offlineUser(QStringLiteral("dave"));
    const QString id = group(alice, {bob});

    const auto added = add(alice, id, {carol, dave});
    QVERIFY2(added->isOk(), qPrintable(added->describe()));
    QCOMPARE(conversationIn(added->result()).value(QStringLiteral("members")).toArray().size(), 4);
    for (const TestUser& member : {alice, bob, carol, dave}) {
        const auto updated = w.bus.toUser(member.id(), event::kConversationUpdated);
        QCOMPARE(updated.size(), 1);
        QCOMPARE(conversationIn(updated.first()).value(QStringLiteral("id")).toString(), id);
        const auto messages = w.bus.toUser(member.id(), event::kMessageNew);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(actionOf(messages.first()), QStringLiteral("members_added"));
        QCOMPARE(metaOf(messages.first()).value(QStringLiteral("members")).toArray(),
                 QJsonArray({carol.publicId(), dave.publicId()}));
    }
    // A system message reaches the connection whose request caused it.
    QCOMPARE(w.bus.atConnection(alice.device, event::kMessageNew).size(), 1);
    QCOMPARE(w.conversationSeenBy(carol, id).value(QStringLiteral("id")).toString(), id);
}

void TestServicesGroups::addingExistingMembersAnnouncesNothing() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const QString id = group(alice, {bob});
    QVERIFY(add(alice, id, {bob, alice})->isOk());
    QVERIFY(w.bus.names().isEmpty());
    auto unknown = replyFrom(alice.device);
    w.groups.addMembers(alice.identity, id, {QStringLiteral("u_nobody")}, unknown);
    QCOMPARE(unknown->errorName(), QStringLiteral("not_found"));
    QCOMPARE(unknown->error()->field, QStringLiteral("member_ids"));
}

void TestServicesGroups::removedMemberIsToldAndTheOthersSeeWhy() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const TestUser carol = w.user(QStringLiteral("carol"));
    const QString id = group(alice, {bob, carol});

    QVERIFY(remove(alice, id, bob)->isOk());
    const auto removed = w.bus.toUser(bob.id(), event::kConversationRemoved);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.first().value(QStringLiteral("conversation_id")).toString(), id);
    QVERIFY(w.bus.toUser(bob.id(), event::kMessageNew).isEmpty());
    for (const TestUser& member : {alice, carol}) {
        const auto messages = w.bus.toUser(member.id(), event::kMessageNew);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(actionOf(messages.first()), QStringLiteral("member_removed"));
        const auto updated = w.bus.toUser(member.id(), event::kConversationUpdated);
        QCOMPARE(updated.size(), 1);
        QCOMPARE(conversationIn(updated.first()).value(QStringLiteral("members")).toArray().size(),
                 2);
    }
    QCOMPARE(w.send(bob, inConversation(id, QStringLiteral("b1")))->errorName(),
             QStringLiteral("not_member"));

    const auto again = remove(alice, id, bob);
    QCOMPARE(again->errorName(), QStringLiteral("not_found"));
    QCOMPARE(again->error()->field, QStringLiteral("member_id"));
    QCOMPARE(remove(alice, id, alice)->errorName(), QStringLiteral("invalid_params"));
}

void TestServicesGroups::renameIsAnnouncedWithTheNewName() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const QString id = group(alice, {bob});

    const auto renamed = rename(alice, id, QStringLiteral("Holiday"));
    QVERIFY2(renamed->isOk(), qPrintable(renamed->describe()));
    QCOMPARE(conversationIn(renamed->result()).value(QStringLiteral("name")).toString(),
             QStringLiteral("Holiday"));
    const auto updated = w.bus.toUser(bob.id(), event::kConversationUpdated);
    QCOMPARE(updated.size(), 1);
    QCOMPARE(conversationIn(updated.first()).value(QStringLiteral("name")).toString(),
             QStringLiteral("Holiday"));
    const auto messages = w.bus.toUser(bob.id(), event::kMessageNew);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(actionOf(messages.first()), QStringLiteral("renamed"));
    QCOMPARE(metaOf(messages.first()).value(QStringLiteral("name")).toString(),
             QStringLiteral("Holiday"));

    w.bus.clear();
    const auto banned = rename(alice, id, QStringLiteral("the %1 club").arg(kBannedWord));
    QCOMPARE(banned->errorName(), QStringLiteral("banned_word"));
    QCOMPARE(banned->error()->field, QStringLiteral("name"));
    QVERIFY(w.bus.names().isEmpty());
    QCOMPARE(w.conversationSeenBy(bob, id).value(QStringLiteral("name")).toString(),
             QStringLiteral("Holiday"));
}

void TestServicesGroups::onlyTheOwnerChangesTheGroup() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const TestUser carol = w.user(QStringLiteral("carol"));
    const TestUser eve = w.user(QStringLiteral("eve"));
    const QString id = group(alice, {bob, carol});

    QCOMPARE(add(bob, id, {eve})->errorName(), QStringLiteral("not_owner"));
    QCOMPARE(remove(bob, id, carol)->errorName(), QStringLiteral("not_owner"));
    QCOMPARE(rename(bob, id, QStringLiteral("Mine"))->errorName(), QStringLiteral("not_owner"));
    QCOMPARE(rename(eve, id, QStringLiteral("Mine"))->errorName(), QStringLiteral("not_member"));
    QCOMPARE(leave(eve, id)->errorName(), QStringLiteral("not_member"));
    QVERIFY(w.bus.names().isEmpty());
    QCOMPARE(w.conversationSeenBy(carol, id).value(QStringLiteral("members")).toArray().size(), 3);
}

void TestServicesGroups::privateChatsAreNotGroups() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const TestUser carol = w.user(QStringLiteral("carol"));
    const QString id = conversationOf(*w.send(alice, toUser(bob, QStringLiteral("m1"))));
    w.bus.clear();
    QCOMPARE(add(alice, id, {carol})->errorName(), QStringLiteral("not_a_group"));
    QCOMPARE(rename(alice, id, QStringLiteral("x"))->errorName(), QStringLiteral("not_a_group"));
    QCOMPARE(leave(bob, id)->errorName(), QStringLiteral("not_a_group"));
    QVERIFY(w.bus.names().isEmpty());
}

void TestServicesGroups::groupIsFullAtTheMemberLimit() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    QList<TestUser> others;
    for (int i = 0; i < limits::kMaxGroupMembers; ++i) {
        others.append(w.offlineUser(QStringLiteral("member%1").arg(i)));
    }
    const TestUser last = others.takeLast();
    QCOMPARE(w.createGroup(alice, newGroup(QStringLiteral("Big"), others + QList{last},
                                           QStringLiteral("too-big")))
                 ->errorName(),
             QStringLiteral("group_full"));
    const QString id = group(alice, others);  // exactly kMaxGroupMembers with the owner
    QVERIFY(!id.isEmpty());

    QCOMPARE(add(alice, id, {last})->errorName(), QStringLiteral("group_full"));
    QVERIFY(w.bus.names().isEmpty());
    QCOMPARE(w.conversationSeenBy(alice, id).value(QStringLiteral("members")).toArray().size(),
             limits::kMaxGroupMembers);
}

void TestServicesGroups::leavingOwnerPassesOwnershipToTheEarliestMember() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    // Carol's account is older than Bob's, but Bob joined the group first.
    const TestUser carol = w.user(QStringLiteral("carol"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const QString id = group(alice, {bob});
    w.clock.advance(1'000);
    QVERIFY(add(alice, id, {carol})->isOk());
    w.bus.clear();

    const auto left = leave(alice, id);
    QVERIFY2(left->isOk(), qPrintable(left->describe()));
    QCOMPARE(w.bus.toUser(alice.id(), event::kConversationRemoved).size(), 1);
    QVERIFY(w.bus.toUser(alice.id(), event::kMessageNew).isEmpty());
    for (const TestUser& member : {bob, carol}) {
        const auto messages = w.bus.toUser(member.id(), event::kMessageNew);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(actionOf(messages.at(0)), QStringLiteral("member_left"));
        QCOMPARE(actionOf(messages.at(1)), QStringLiteral("owner_changed"));
        QCOMPARE(metaOf(messages.at(1)).value(QStringLiteral("members")).toArray(),
                 QJsonArray({bob.publicId()}));
        const auto updated = w.bus.toUser(member.id(), event::kConversationUpdated);
        QCOMPARE(updated.size(), 1);
        QCOMPARE(conversationIn(updated.first()).value(QStringLiteral("owner_id")).toString(),
                 bob.publicId());
    }
    QVERIFY(rename(bob, id, QStringLiteral("Bob's"))->isOk());
    QCOMPARE(rename(carol, id, QStringLiteral("Carol's"))->errorName(),
             QStringLiteral("not_owner"));

    // A member who is not the owner leaves without an ownership change.
    w.bus.clear();
    QVERIFY(leave(carol, id)->isOk());
    const auto messages = w.bus.toUser(bob.id(), event::kMessageNew);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(actionOf(messages.first()), QStringLiteral("member_left"));
}

void TestServicesGroups::lastMemberLeavingTellsNobodyElse() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const QString id = group(alice, {bob});
    QVERIFY(leave(bob, id)->isOk());
    w.bus.clear();
    QVERIFY(leave(alice, id)->isOk());
    QCOMPARE(w.bus.names(), QStringList{QStringLiteral("conversation.removed")});
    QCOMPARE(w.conversationSeenBy(alice, id), QJsonObject());
}

QTEST_GUILESS_MAIN(TestServicesGroups)
#include "tst_services_groups.moc"
