// MessageService in-process (docs/protocol.md 5.2 and the spam rules of 5.6): who hears of a sent
// message and who does not, chat requests, idempotent resends, the refusals, the per-user message
// rate driven by a manual clock, and group creation.
#include <QtTest>

#include "method_names.h"
#include "service_harness.h"

using namespace natter;
using namespace natter::test;

namespace {

QJsonObject messageOf(const QJsonObject& data) {
    return data.value(QStringLiteral("message")).toObject();
}

QString metaAction(const QJsonObject& message) {
    return message.value(QStringLiteral("meta"))
        .toObject()
        .value(QStringLiteral("action"))
        .toString();
}

}  // namespace

class TestServicesMessages : public ServiceTest {
    Q_OBJECT

private slots:
    void firstMessageReachesEveryConnectionButTheSendingOne();
    void firstMessageIsAChatRequestForTheRecipientOnly();
    void recipientsReplyEndsTheRequest();
    void duplicateClientMessageIdAnswersTheOriginalAndDeliversNothing();
    void unknownRecipientSelfAndStrangersAreRefused();
    void blockEitherWayRefusesTheMessage();
    void bannedWordIsRefused();
    void linksWaitUntilTheRequestIsAnswered();
    void messageRateRefusesAfterTheBurstUntilTheClockRefills();
    void createGroupAnnouncesTheGroupToEveryMember();
    void createGroupRefusals();
    void storageFailureAnswersInternalErrorAndAnnouncesNothing();
    void retriedJobsStoreAndAnnounceOnce();
    void retriedJobsTakeOneRateTokenPerMessage();
};

void TestServicesMessages::firstMessageReachesEveryConnectionButTheSendingOne() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const ConnectionRef aliceTablet = w.connect(alice.identity);
    const ConnectionRef alicePhone = w.connect(w.newSession(alice));
    const TestUser bob = w.user(QStringLiteral("bob"));

    const auto answer = w.send(alice, toUser(bob, QStringLiteral("m1")));
    QVERIFY2(answer->isOk(), qPrintable(answer->describe()));
    QCOMPARE(answer->answers(), 1);
    QCOMPARE(answer->result().value(QStringLiteral("duplicate")).toBool(), false);
    const QJsonObject sent = messageOf(answer->result());
    QCOMPARE(sent.value(QStringLiteral("body")).toString(), QStringLiteral("hello"));
    QCOMPARE(sent.value(QStringLiteral("seq")).toInteger(), 1);

    const auto atBob = w.bus.atConnection(bob.device, event::kMessageNew);
    QCOMPARE(atBob.size(), 1);
    QCOMPARE(messageOf(atBob.first()), sent);
    const QJsonObject summary = atBob.first().value(QStringLiteral("conversation")).toObject();
    QCOMPARE(summary.value(QStringLiteral("kind")).toString(), QStringLiteral("private"));
    QCOMPARE(summary.value(QStringLiteral("name")).toString(), QStringLiteral("ALICE"));
    // The sending connection learns from its answer; the sender's other devices get the event.
    QVERIFY(w.bus.atConnection(alice.device, event::kMessageNew).isEmpty());
    QCOMPARE(w.bus.atConnection(aliceTablet, event::kMessageNew).size(), 1);
    QCOMPARE(w.bus.atConnection(alicePhone, event::kMessageNew).size(), 1);
    const auto atAlicePhone = w.bus.atConnection(alicePhone, event::kMessageNew).first();
    QCOMPARE(atAlicePhone.value(QStringLiteral("conversation"))
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
             QStringLiteral("BOB"));
}

void TestServicesMessages::firstMessageIsAChatRequestForTheRecipientOnly() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const QString id = conversationOf(*w.send(alice, toUser(bob, QStringLiteral("m1"))));
    QVERIFY(!id.isEmpty());

    QCOMPARE(w.conversationSeenBy(bob, id).value(QStringLiteral("request")).toBool(), true);
    QCOMPARE(w.conversationSeenBy(alice, id).value(QStringLiteral("request")).toBool(), false);
    // A second message from the sender does not end it.
    QVERIFY(w.send(alice, inConversation(id, QStringLiteral("m2")))->isOk());
    QCOMPARE(w.conversationSeenBy(bob, id).value(QStringLiteral("request")).toBool(), true);
    QVERIFY(w.bus.toUser(bob.id(), event::kConversationUpdated).isEmpty());
}

void TestServicesMessages::recipientsReplyEndsTheRequest() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const ConnectionRef bobLaptop = w.connect(w.newSession(bob));
    const QString id = conversationOf(*w.send(alice, toUser(bob, QStringLiteral("m1"))));

    QVERIFY(w.send(bob, inConversation(id, QStringLiteral("r1")))->isOk());
    // Every connection of the recipient hears that it is no longer a request.
    for (const ConnectionRef& connection : {bob.device, bobLaptop}) {
        const auto updated = w.bus.atConnection(connection, event::kConversationUpdated);
        QCOMPARE(updated.size(), 1);
        const QJsonObject conversation =
            updated.first().value(QStringLiteral("conversation")).toObject();
        QCOMPARE(conversation.value(QStringLiteral("id")).toString(), id);
        QCOMPARE(conversation.value(QStringLiteral("request")).toBool(), false);
    }
    QVERIFY(w.bus.toUser(alice.id(), event::kConversationUpdated).isEmpty());
    QCOMPARE(w.conversationSeenBy(bob, id).value(QStringLiteral("request")).toBool(), false);
    QCOMPARE(w.bus.atConnection(alice.device, event::kMessageNew).size(), 1);
}

void TestServicesMessages::duplicateClientMessageIdAnswersTheOriginalAndDeliversNothing() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const auto first = w.send(alice, toUser(bob, QStringLiteral("m1"), QStringLiteral("one")));
    QVERIFY(first->isOk());

    // Whatever the rest of the request says, the original answers.
    const auto again = w.send(alice, toUser(bob, QStringLiteral("m1"), QStringLiteral("other")));
    QVERIFY2(again->isOk(), qPrintable(again->describe()));
    QCOMPARE(again->result().value(QStringLiteral("duplicate")).toBool(), true);
    QCOMPARE(messageOf(again->result()), messageOf(first->result()));
    QCOMPARE(w.bus.toUser(bob.id(), event::kMessageNew).size(), 1);
    const QString id = conversationOf(*first);
    QCOMPARE(w.conversationSeenBy(bob, id).value(QStringLiteral("last_seq")).toInteger(), 1);
}

void TestServicesMessages::unknownRecipientSelfAndStrangersAreRefused() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const TestUser eve = w.user(QStringLiteral("eve"));
    const QString id = conversationOf(*w.send(alice, toUser(bob, QStringLiteral("m1"))));

    SendRequest nobody = toUser(bob, QStringLiteral("m2"));
    nobody.toUserId = QStringLiteral("u_nobody");
    const auto unknown = w.send(alice, nobody);
    QCOMPARE(unknown->errorName(), QStringLiteral("not_found"));
    QCOMPARE(unknown->error()->field, QStringLiteral("to_user_id"));
    QCOMPARE(w.send(alice, toUser(alice, QStringLiteral("m3")))->errorName(),
             QStringLiteral("cannot_message_self"));
    QCOMPARE(w.send(eve, inConversation(id, QStringLiteral("e1")))->errorName(),
             QStringLiteral("not_member"));
    QCOMPARE(w.bus.toUser(bob.id(), event::kMessageNew).size(), 1);
    QVERIFY(w.bus.toUser(eve.id(), event::kMessageNew).isEmpty());
}

void TestServicesMessages::blockEitherWayRefusesTheMessage() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const auto block = replyFrom(bob.device);
    w.safety.setBlocked(bob.identity, alice.publicId(), true, block);
    QVERIFY(block->isOk());

    QCOMPARE(w.send(alice, toUser(bob, QStringLiteral("m1")))->errorName(),
             QStringLiteral("blocked"));
    QCOMPARE(w.send(bob, toUser(alice, QStringLiteral("b1")))->errorName(),
             QStringLiteral("blocked"));
    QVERIFY(w.bus.published(event::kMessageNew).isEmpty());

    // Refused sends stored nothing: after the unblock the same client ids are new messages.
    const auto unblock = replyFrom(bob.device);
    w.safety.setBlocked(bob.identity, alice.publicId(), false, unblock);
    const auto sent = w.send(alice, toUser(bob, QStringLiteral("m1")));
    QVERIFY2(sent->isOk(), qPrintable(sent->describe()));
    QCOMPARE(sent->result().value(QStringLiteral("duplicate")).toBool(), false);
    QCOMPARE(w.bus.toUser(bob.id(), event::kMessageNew).size(), 1);
}

void TestServicesMessages::bannedWordIsRefused() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const auto refused =
        w.send(alice, toUser(bob, QStringLiteral("m1"), QStringLiteral("buy SpamWord now")));
    QCOMPARE(refused->errorName(), QStringLiteral("banned_word"));
    QCOMPARE(refused->error()->field, QStringLiteral("body"));
    // A word that merely contains the banned one is fine.
    QVERIFY(w.send(alice, toUser(bob, QStringLiteral("m2"), QStringLiteral("spamwords")))->isOk());
    QCOMPARE(w.bus.toUser(bob.id(), event::kMessageNew).size(), 1);
}

void TestServicesMessages::linksWaitUntilTheRequestIsAnswered() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const QString link = QStringLiteral("see https://example.org");
    QCOMPARE(w.send(alice, toUser(bob, QStringLiteral("m1"), link))->errorName(),
             QStringLiteral("link_not_allowed"));
    const QString id = conversationOf(*w.send(alice, toUser(bob, QStringLiteral("m2"))));
    QCOMPARE(w.send(alice, inConversation(id, QStringLiteral("m3"), link))->errorName(),
             QStringLiteral("link_not_allowed"));
    // The recipient's reply may carry a link and ends the request for both.
    QVERIFY(w.send(bob, inConversation(id, QStringLiteral("b1"), link))->isOk());
    QVERIFY(w.send(alice, inConversation(id, QStringLiteral("m4"), link))->isOk());
}

void TestServicesMessages::messageRateRefusesAfterTheBurstUntilTheClockRefills() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const ConnectionRef aliceLaptop = w.connect(w.newSession(alice));
    const int burst = int(limits::kMessageBurst);
    QString id;
    for (int i = 0; i < burst; ++i) {
        const auto sent = w.send(alice, toUser(bob, QStringLiteral("m%1").arg(i)));
        QVERIFY2(sent->isOk(), qPrintable(sent->describe()));
        id = conversationOf(*sent);
    }
    const auto limited = w.send(alice, inConversation(id, QStringLiteral("over")));
    QCOMPARE(limited->errorName(), QStringLiteral("rate_limited"));
    const qint64 retryAfter = limited->error()->retryAfterMs;
    QVERIFY2(retryAfter > 0 && retryAfter <= qint64(1000 / limits::kMessageRatePerSecond),
             qPrintable(QString::number(retryAfter)));
    // The bucket is the user's: another session is limited too. A duplicate takes no token.
    auto fromLaptop = replyFrom(aliceLaptop);
    w.messages.send(alice.identity, inConversation(id, QStringLiteral("laptop")), fromLaptop);
    QCOMPARE(fromLaptop->errorName(), QStringLiteral("rate_limited"));
    QCOMPARE(w.send(alice, toUser(bob, QStringLiteral("m0")))
                 ->result()
                 .value(QStringLiteral("duplicate"))
                 .toBool(),
             true);

    // Just before the next token nothing changes; when retry_after_ms has passed one is back.
    w.clock.advance(retryAfter - 1);
    QCOMPARE(w.send(alice, inConversation(id, QStringLiteral("early")))->errorName(),
             QStringLiteral("rate_limited"));
    w.clock.advance(1);
    QVERIFY(w.send(alice, inConversation(id, QStringLiteral("over")))->isOk());
    QCOMPARE(w.send(alice, inConversation(id, QStringLiteral("again")))->errorName(),
             QStringLiteral("rate_limited"));
    QCOMPARE(w.bus.toUser(bob.id(), event::kMessageNew).size(), burst + 1);
}

void TestServicesMessages::createGroupAnnouncesTheGroupToEveryMember() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const TestUser carol = w.offlineUser(QStringLiteral("carol"));
    const auto answer =
        w.createGroup(alice, newGroup(QStringLiteral("Trip"), {bob, carol}, QStringLiteral("g1")));
    QVERIFY2(answer->isOk(), qPrintable(answer->describe()));
    QCOMPARE(answer->result().value(QStringLiteral("duplicate")).toBool(), false);
    const QJsonObject group = answer->result().value(QStringLiteral("conversation")).toObject();
    QCOMPARE(group.value(QStringLiteral("kind")).toString(), QStringLiteral("group"));
    QCOMPARE(group.value(QStringLiteral("owner_id")).toString(), alice.publicId());
    QCOMPARE(group.value(QStringLiteral("members")).toArray().size(), 3);
    QCOMPARE(group.value(QStringLiteral("request")).toBool(), false);

    for (const TestUser& member : {alice, bob, carol}) {
        const auto updated = w.bus.toUser(member.id(), event::kConversationUpdated);
        QCOMPARE(updated.size(), 1);
        QCOMPARE(updated.first()
                     .value(QStringLiteral("conversation"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("Trip"));
        const auto messages = w.bus.toUser(member.id(), event::kMessageNew);
        QCOMPARE(messages.size(), 2);
        QCOMPARE(metaAction(messageOf(messages.at(0))), QStringLiteral("group_created"));
        QCOMPARE(messageOf(messages.at(1)).value(QStringLiteral("body")).toString(),
                 QStringLiteral("welcome"));
        QCOMPARE(messageOf(messages.at(1)).value(QStringLiteral("seq")).toInteger(), 2);
    }
    // The system message reaches the creating connection too; the creator's message does not.
    const auto atAlice = w.bus.atConnection(alice.device, event::kMessageNew);
    QCOMPARE(atAlice.size(), 1);
    QCOMPARE(metaAction(messageOf(atAlice.first())), QStringLiteral("group_created"));

    // Resending creates nothing more.
    w.bus.clear();
    const auto again =
        w.createGroup(alice, newGroup(QStringLiteral("Trip"), {bob, carol}, QStringLiteral("g1")));
    QCOMPARE(again->result().value(QStringLiteral("duplicate")).toBool(), true);
    QVERIFY(w.bus.names().isEmpty());
}

void TestServicesMessages::createGroupRefusals() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const TestUser carol = w.user(QStringLiteral("carol"));
    QCOMPARE(w.createGroup(alice, newGroup(QStringLiteral("x"), {alice}, QStringLiteral("g1")))
                 ->errorName(),
             QStringLiteral("invalid_params"));
    const auto banned = w.createGroup(alice, newGroup(kBannedWord, {bob}, QStringLiteral("g2")));
    QCOMPARE(banned->errorName(), QStringLiteral("banned_word"));
    QCOMPARE(banned->error()->field, QStringLiteral("name"));
    const auto block = replyFrom(carol.device);
    w.safety.setBlocked(carol.identity, alice.publicId(), true, block);
    const auto blocked =
        w.createGroup(alice, newGroup(QStringLiteral("x"), {bob, carol}, QStringLiteral("g3")));
    QCOMPARE(blocked->errorName(), QStringLiteral("blocked"));
    QCOMPARE(blocked->error()->field, QStringLiteral("member_ids"));
    QVERIFY(w.bus.published(event::kConversationUpdated).isEmpty());
    QVERIFY(w.bus.published(event::kMessageNew).isEmpty());
}

void TestServicesMessages::storageFailureAnswersInternalErrorAndAnnouncesNothing() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    w.storage.failNextJob();
    const auto failed = w.send(alice, toUser(bob, QStringLiteral("m1")));
    QCOMPARE(failed->errorName(), QStringLiteral("internal_error"));
    QCOMPARE(failed->answers(), 1);
    QVERIFY(w.bus.names().isEmpty());
    // "The request had no effect": the retry is a new message, and the first of its conversation.
    const auto retried = w.send(alice, toUser(bob, QStringLiteral("m1")));
    QVERIFY2(retried->isOk(), qPrintable(retried->describe()));
    QCOMPARE(retried->result().value(QStringLiteral("duplicate")).toBool(), false);
    QCOMPARE(messageOf(retried->result()).value(QStringLiteral("seq")).toInteger(), 1);
}

void TestServicesMessages::retriedJobsStoreAndAnnounceOnce() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    w.storage.replayJobs(true);  // as when the database answers "retry" under every batch

    const auto sent = w.send(alice, toUser(bob, QStringLiteral("m1")));
    QVERIFY2(sent->isOk(), qPrintable(sent->describe()));
    QCOMPARE(sent->answers(), 1);
    QCOMPARE(messageOf(sent->result()).value(QStringLiteral("seq")).toInteger(), 1);
    const auto group =
        w.createGroup(alice, newGroup(QStringLiteral("G"), {bob}, QStringLiteral("g1")));
    QVERIFY2(group->isOk(), qPrintable(group->describe()));
    QCOMPARE(w.bus.toUser(bob.id(), event::kMessageNew).size(), 3);  // m1, group_created, first
    QCOMPARE(w.bus.toUser(bob.id(), event::kConversationUpdated).size(), 1);
    QCOMPARE(w.conversationSeenBy(bob, conversationOf(*group))
                 .value(QStringLiteral("last_seq"))
                 .toInteger(),
             2);
}

// The storage executor runs a batch again when the database answers "retry"; a message stored
// once must take one token of the sender's bucket (docs/protocol.md 5.6), however often its job
// ran.
void TestServicesMessages::retriedJobsTakeOneRateTokenPerMessage() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    w.storage.replayJobs(true);
    int accepted = 0;
    for (int i = 0; i < int(limits::kMessageBurst); ++i) {
        accepted += w.send(alice, toUser(bob, QStringLiteral("m%1").arg(i)))->isOk() ? 1 : 0;
    }
    // SpamGuard remembers the client_message_id a sender last paid for: a re-run job takes no
    // second token.
    QCOMPARE(accepted, int(limits::kMessageBurst));
}

QTEST_GUILESS_MAIN(TestServicesMessages)
#include "tst_services_messages.moc"
