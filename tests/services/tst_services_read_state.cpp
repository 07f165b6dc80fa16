// ReadStateService in-process (docs/protocol.md 5.4 typing, 5.5 read and delivered state, 5.6
// mute): markers move forward only, the reader's devices and the other members hear what they
// should, unread counts leave out one's own and system messages.
#include <QtTest>

#include "method_names.h"
#include "service_harness.h"

using namespace natter;
using namespace natter::test;

namespace {

qint64 integer(const QJsonObject& object, const char* key) {
    return object.value(QLatin1StringView(key)).toInteger(-1);
}

}  // namespace

class TestServicesReadState : public ServiceTest {
    Q_OBJECT

private:
    // `count` messages from `from` in a private chat with `to`, which `to` has accepted unless
    // it is to stay a chat request; the conversation id.
    QString chatWith(const TestUser& from, const TestUser& to, int count, bool accepted = true) {
        QString id;
        for (int i = 0; i < count; ++i) {
            id = conversationOf(*world().send(
                from, toUser(to, QStringLiteral("%1-%2").arg(from.publicId()).arg(i))));
        }
        if (accepted) {
            const auto answer = accept(to, id);
            [&] { QVERIFY2(answer->isOk(), qPrintable(answer->describe())); }();
        }
        world().bus.clear();
        return id;
    }
    Answer accept(const TestUser& who, const QString& id) {
        return ask(who,
                   [&](const ReplyRef& reply) { world().safety.accept(who.identity, id, reply); });
    }
    Answer markRead(const TestUser& who, const QString& id, qint64 seq) {
        return ask(who, [&](const ReplyRef& reply) {
            world().readState.markRead(who.identity, id, seq, reply);
        });
    }
    Answer markDelivered(const TestUser& who, const QString& id, qint64 seq) {
        return ask(who, [&](const ReplyRef& reply) {
            world().readState.markDelivered(who.identity, id, seq, reply);
        });
    }
    Answer mute(const TestUser& who, const QString& id, bool muted) {
        return ask(who, [&](const ReplyRef& reply) {
            world().readState.setMuted(who.identity, id, muted, reply);
        });
    }
    Answer typing(const TestUser& who, const QString& id, bool typing) {
        return ask(who, [&](const ReplyRef& reply) {
            world().readState.setTyping(who.identity, id, typing, reply);
        });
    }

private slots:
    void markReadTellsTheReadersDevicesAndTheSender();
    void markReadNeverMovesBack();
    void markersBeyondTheLastMessageAreOutOfRange();
    void unreadCountsLeaveOutOwnAndSystemMessages();
    void markDeliveredSendsADeliveryReceipt();
    void anUnansweredChatRequestSendsNoReceipts();
    void muteBelongsToTheUserAndIsAnnouncedWhenItChanges();
    void typingReachesTheOtherMembersOnly();
    void strangersAndBlockedChatsAreRefused();
};

void TestServicesReadState::markReadTellsTheReadersDevicesAndTheSender() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const ConnectionRef bobLaptop = w.connect(w.newSession(bob));
    const QString id = chatWith(alice, bob, 3);

    const auto read = markRead(bob, id, 2);
    QVERIFY2(read->isOk(), qPrintable(read->describe()));
    QCOMPARE(read->result().value(QStringLiteral("conversation_id")).toString(), id);
    QCOMPARE(integer(read->result(), "last_read_seq"), 2);
    QCOMPARE(integer(read->result(), "unread_count"), 1);
    QCOMPARE(integer(read->result(), "total_unread"), 1);
    // Every device of the reader moves its count, the asking one included.
    for (const ConnectionRef& connection : {bob.device, bobLaptop}) {
        const auto changed = w.bus.atConnection(connection, event::kReadStateChanged);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first(), read->result());
    }
    const auto receipts = w.bus.toUser(alice.id(), event::kReceiptRead);
    QCOMPARE(receipts.size(), 1);
    QCOMPARE(receipts.first().value(QStringLiteral("user_id")).toString(), bob.publicId());
    QCOMPARE(integer(receipts.first(), "last_read_seq"), 2);
    QVERIFY(w.bus.toUser(bob.id(), event::kReceiptRead).isEmpty());
    QVERIFY(w.bus.toUser(alice.id(), event::kReadStateChanged).isEmpty());
}

void TestServicesReadState::markReadNeverMovesBack() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const QString id = chatWith(alice, bob, 3);
    QVERIFY(markRead(bob, id, 3)->isOk());
    w.bus.clear();

    const auto back = markRead(bob, id, 1);
    QVERIFY(back->isOk());
    QCOMPARE(integer(back->result(), "last_read_seq"), 3);
    QCOMPARE(integer(back->result(), "unread_count"), 0);
    QVERIFY(w.bus.names().isEmpty());  // nothing moved: nothing to announce
    QCOMPARE(integer(w.conversationSeenBy(bob, id), "last_read_seq"), 3);
}

void TestServicesReadState::markersBeyondTheLastMessageAreOutOfRange() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const QString id = chatWith(alice, bob, 2);
    for (const Answer& answer : {markRead(bob, id, 3), markDelivered(bob, id, 3)}) {
        QCOMPARE(answer->errorName(), QStringLiteral("cursor_out_of_range"));
        QCOMPARE(answer->error()->field, QStringLiteral("seq"));
    }
    QVERIFY(w.bus.names().isEmpty());
    QCOMPARE(integer(w.conversationSeenBy(bob, id), "unread_count"), 2);
}

void TestServicesReadState::unreadCountsLeaveOutOwnAndSystemMessages() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const TestUser carol = w.user(QStringLiteral("carol"));
    const QString chat = chatWith(alice, bob, 2);
    const auto created =
        w.createGroup(alice, newGroup(QStringLiteral("G"), {bob, carol}, QStringLiteral("g")));
    const QString group = conversationOf(*created);
    QVERIFY(w.send(carol, inConversation(group, QStringLiteral("c1")))->isOk());

    // Bob: alice's welcome and carol's message (not group_created); alice: carol's only.
    QCOMPARE(integer(w.conversationSeenBy(bob, group), "unread_count"), 2);
    QCOMPARE(integer(w.conversationSeenBy(alice, group), "unread_count"), 1);
    QCOMPARE(integer(w.conversationSeenBy(alice, chat), "unread_count"), 0);
    const auto read = markRead(bob, chat, 1);
    QCOMPARE(integer(read->result(), "unread_count"), 1);
    QCOMPARE(integer(read->result(), "total_unread"), 3);
}

void TestServicesReadState::markDeliveredSendsADeliveryReceipt() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const QString id = chatWith(alice, bob, 3);

    const auto delivered = markDelivered(bob, id, 2);
    QVERIFY2(delivered->isOk(), qPrintable(delivered->describe()));
    QCOMPARE(delivered->result(), (QJsonObject{{QStringLiteral("conversation_id"), id},
                                               {QStringLiteral("last_delivered_seq"), 2}}));
    const auto receipts = w.bus.toUser(alice.id(), event::kReceiptDelivered);
    QCOMPARE(receipts.size(), 1);
    QCOMPARE(receipts.first().value(QStringLiteral("user_id")).toString(), bob.publicId());
    QCOMPARE(integer(receipts.first(), "last_delivered_seq"), 2);
    QVERIFY(w.bus.toUser(bob.id(), event::kReadStateChanged).isEmpty());
    QCOMPARE(integer(w.conversationSeenBy(bob, id), "unread_count"), 3);

    // What was read was delivered: reading moves the delivered marker along.
    QVERIFY(markRead(bob, id, 3)->isOk());
    QCOMPARE(integer(markDelivered(bob, id, 1)->result(), "last_delivered_seq"), 3);
    const QJsonArray positions =
        w.conversationSeenBy(alice, id).value(QStringLiteral("read_positions")).toArray();
    QCOMPARE(positions.size(), 1);
    QCOMPARE(integer(positions.first().toObject(), "last_read_seq"), 3);
    QCOMPARE(integer(positions.first().toObject(), "last_delivered_seq"), 3);
}

void TestServicesReadState::anUnansweredChatRequestSendsNoReceipts() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const ConnectionRef bobLaptop = w.connect(w.newSession(bob));
    const QString id = chatWith(alice, bob, 3, false);

    // Bob opens Alice's request: his own markers, count and devices move; Alice hears nothing.
    QCOMPARE(integer(markDelivered(bob, id, 2)->result(), "last_delivered_seq"), 2);
    const auto read = markRead(bob, id, 2);
    QVERIFY2(read->isOk(), qPrintable(read->describe()));
    QCOMPARE(integer(read->result(), "unread_count"), 1);
    for (const ConnectionRef& connection : {bob.device, bobLaptop}) {
        QCOMPARE(w.bus.atConnection(connection, event::kReadStateChanged).size(), 1);
    }
    QCOMPARE(w.bus.published(event::kReceiptRead).size(), 0);
    QCOMPARE(w.bus.published(event::kReceiptDelivered).size(), 0);
    QCOMPARE(integer(w.conversationSeenBy(bob, id), "last_read_seq"), 2);
    // Nor does the conversation show her his markers while it is a request.
    const auto hidden = [&] {
        return w.conversationSeenBy(alice, id)
            .value(QStringLiteral("read_positions"))
            .toArray()
            .first()
            .toObject();
    };
    QCOMPARE(integer(hidden(), "last_read_seq"), 0);
    QCOMPARE(integer(hidden(), "last_delivered_seq"), 0);

    // Alice writing again changes nothing; Bob accepting does: his markers show, nothing is sent
    // retroactively, and his next move is a receipt as usual.
    QVERIFY(w.send(alice, inConversation(id, QStringLiteral("again")))->isOk());
    QVERIFY(markRead(bob, id, 3)->isOk());
    QCOMPARE(w.bus.published(event::kReceiptRead).size(), 0);
    QVERIFY(accept(bob, id)->isOk());
    QCOMPARE(integer(hidden(), "last_read_seq"), 3);
    QCOMPARE(w.bus.published(event::kReceiptRead).size(), 0);
    QVERIFY(markRead(bob, id, 4)->isOk());
    const auto receipts = w.bus.toUser(alice.id(), event::kReceiptRead);
    QCOMPARE(receipts.size(), 1);
    QCOMPARE(integer(receipts.first(), "last_read_seq"), 4);
}

void TestServicesReadState::muteBelongsToTheUserAndIsAnnouncedWhenItChanges() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const ConnectionRef bobLaptop = w.connect(w.newSession(bob));
    const QString id = chatWith(alice, bob, 1);

    const auto muted = mute(bob, id, true);
    QCOMPARE(muted->result(), (QJsonObject{{QStringLiteral("conversation_id"), id},
                                           {QStringLiteral("muted"), true}}));
    for (const ConnectionRef& connection : {bob.device, bobLaptop}) {
        QCOMPARE(w.bus.atConnection(connection, event::kConversationMuted).size(), 1);
    }
    QVERIFY(w.bus.toUser(alice.id(), event::kConversationMuted).isEmpty());
    QVERIFY(mute(bob, id, true)->isOk());
    QCOMPARE(w.bus.published(event::kConversationMuted).size(), 1);  // unchanged: not announced

    QCOMPARE(w.conversationSeenBy(bob, id).value(QStringLiteral("muted")).toBool(), true);
    QCOMPARE(w.conversationSeenBy(alice, id).value(QStringLiteral("muted")).toBool(), false);
    // Muted conversations still count their unread messages.
    QVERIFY(w.send(alice, inConversation(id, QStringLiteral("more")))->isOk());
    QCOMPARE(integer(w.conversationSeenBy(bob, id), "unread_count"), 2);
}

void TestServicesReadState::typingReachesTheOtherMembersOnly() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const TestUser carol = w.user(QStringLiteral("carol"));
    const QString group = conversationOf(
        *w.createGroup(alice, newGroup(QStringLiteral("G"), {bob, carol}, QStringLiteral("g"))));
    w.bus.clear();

    QVERIFY(typing(bob, group, true)->isOk());
    for (const TestUser& other : {alice, carol}) {
        const auto events = w.bus.toUser(other.id(), event::kTyping);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events.first().value(QStringLiteral("user_id")).toString(), bob.publicId());
        QCOMPARE(events.first().value(QStringLiteral("typing")).toBool(), true);
        QCOMPARE(integer(events.first(), "expires_in_ms"), limits::kTypingTtlMs);
    }
    QVERIFY(w.bus.toUser(bob.id(), event::kTyping).isEmpty());
    QVERIFY(typing(bob, group, false)->isOk());
    QCOMPARE(w.bus.toUser(alice.id(), event::kTyping).last().value(QStringLiteral("typing")),
             QJsonValue(false));
}

void TestServicesReadState::strangersAndBlockedChatsAreRefused() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.user(QStringLiteral("bob"));
    const TestUser eve = w.user(QStringLiteral("eve"));
    const QString id = chatWith(alice, bob, 1);
    for (const Answer& answer : {markRead(eve, id, 1), markDelivered(eve, id, 1),
                                 mute(eve, id, true), typing(eve, id, true)}) {
        QCOMPARE(answer->errorName(), QStringLiteral("not_member"));
    }
    const auto block = replyFrom(bob.device);
    w.safety.setBlocked(bob.identity, alice.publicId(), true, block);
    w.bus.clear();
    QCOMPARE(typing(alice, id, true)->errorName(), QStringLiteral("blocked"));
    QCOMPARE(typing(bob, id, true)->errorName(), QStringLiteral("blocked"));
    QVERIFY(w.bus.names().isEmpty());
}

QTEST_GUILESS_MAIN(TestServicesReadState)
#include "tst_services_read_state.moc"
