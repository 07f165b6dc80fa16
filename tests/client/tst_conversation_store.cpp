// ConversationStore: the bookkeeping behind "no gap, no duplicate" (cursors, history boundary,
// what arrives twice or out of turn).
#include <QtTest>

#include "core/conversation_store.h"

using namespace natter;

namespace {

const QString kChat = QStringLiteral("c_chat");

ChatMessage message(qint64 seq) {
    ChatMessage m;
    m.id = QStringLiteral("m_%1").arg(seq);
    m.conversationId = kChat;
    m.seq = seq;
    m.type = QStringLiteral("text");
    m.body = QString::number(seq);
    m.sentAt = QDateTime::fromMSecsSinceEpoch(seq * 1000, Qt::UTC);
    return m;
}

QList<ChatMessage> messages(qint64 from, qint64 to) {
    QList<ChatMessage> list;
    for (qint64 seq = from; seq <= to; ++seq) {
        list << message(seq);
    }
    return list;
}

QList<qint64> seqs(const QList<ChatMessage>& list) {
    QList<qint64> numbers;
    for (const ChatMessage& m : list) {
        numbers << m.seq;
    }
    return numbers;
}

Conversation listed(qint64 lastSeq) {
    Conversation c;
    c.id = kChat;
    c.name = QStringLiteral("Chat");
    c.lastSeq = lastSeq;
    return c;
}

}  // namespace

class TestConversationStore : public QObject {
    Q_OBJECT

private slots:
    void duplicatesAreSkippedAndGapsReported() {
        ConversationStore store;
        QCOMPARE(seqs(store.append(kChat, messages(1, 3)).appended), (QList<qint64>{1, 2, 3}));
        // The same messages again (an event and a sync answer crossing): nothing new.
        QVERIFY(store.append(kChat, messages(2, 3)).appended.isEmpty());
        // seq 5 while 4 is missing: not taken, and a sync is asked for.
        const auto gap = store.append(kChat, {message(5)});
        QVERIFY(gap.gap);
        QVERIFY(gap.appended.isEmpty());
        QCOMPARE(store.cursor(kChat), 3);
        QCOMPARE(seqs(store.append(kChat, messages(4, 5)).appended), (QList<qint64>{4, 5}));
        QCOMPARE(store.cursors().value(kChat), 5);
        QCOMPARE(store.find(kChat)->lastMessage->seq, 5);
    }

    // Change entries (docs/protocol.md 5.2a) are part of the gapless run (the message model hides
    // them), move the cursor, and never become the conversation's latest message.
    void changeEntriesKeepTheRunGaplessButAreNotTheLatest() {
        ConversationStore store;
        QList<ChatMessage> run = messages(1, 3);
        run[1].type = QStringLiteral("change");
        QCOMPARE(seqs(store.append(kChat, run).appended), (QList<qint64>{1, 2, 3}));
        ChatMessage change = message(4);
        change.type = QStringLiteral("change");
        const auto after = store.append(kChat, {change});
        QVERIFY(!after.gap);
        QCOMPARE(store.cursor(kChat), 4);
        QCOMPARE(store.find(kChat)->lastMessage->seq, 3);
        QVERIFY(!store.append(kChat, {message(5)}).gap);
        QCOMPARE(seqs(store.messages(kChat)), (QList<qint64>{1, 2, 3, 4, 5}));
        QCOMPARE(store.find(kChat)->lastMessage->seq, 5);
    }

    void listingMovesTheCursorAndHistoryFillsInBefore() {
        ConversationStore store;
        store.upsert(listed(120), /*trustLastSeq=*/true);
        QCOMPARE(store.cursor(kChat), 120);  // sync asks only for what comes after
        QVERIFY(store.hasOlder(kChat));
        QCOMPARE(store.historyBoundary(kChat), 121);
        QCOMPARE(seqs(store.append(kChat, {message(121)}).appended), QList<qint64>{121});
        QCOMPARE(store.historyBoundary(kChat), 121);
        const auto page = store.prepend(kChat, messages(71, 121));  // 121 is known already
        QCOMPARE(page.size(), 50);
        QCOMPARE(store.messages(kChat).first().seq, 71);
        QCOMPARE(store.messages(kChat).size(), 51);
        store.prepend(kChat, messages(1, 70));
        QVERIFY(!store.hasOlder(kChat));
        // A later, older listing neither moves the cursor back nor hides the newer preview.
        store.upsert(listed(100), /*trustLastSeq=*/true);
        QCOMPARE(store.cursor(kChat), 121);
        QCOMPARE(store.find(kChat)->lastMessage->seq, 121);
    }

    void eventBeforeTheListingStartsTheRun() {
        ConversationStore store;
        // The first thing heard of a conversation is its seq 40: history brings 1..39 later.
        QCOMPARE(store.append(kChat, {message(40)}).appended.size(), 1);
        QCOMPARE(store.historyBoundary(kChat), 40);
        store.upsert(listed(40), /*trustLastSeq=*/true);
        QCOMPARE(store.cursor(kChat), 40);
        QCOMPARE(store.messages(kChat).size(), 1);
    }

    // Restored from the local cache: only the newest part of the run is in memory, yet it ends at
    // the cursor, so a gap is still noticed and older cached pages go in front in order.
    void restoredWindowKeepsTheRunRules() {
        ConversationStore store;
        Conversation cached = listed(50);
        cached.hasReadState = true;
        cached.unreadCount = 4;
        store.restore(cached, 50, 50, messages(41, 50));
        QCOMPARE(store.cursor(kChat), 50);
        QCOMPARE(store.historyBoundary(kChat), 41);
        QVERIFY(store.hasOlder(kChat));
        QCOMPARE(store.unreadCountedThrough(kChat), 50);
        QCOMPARE(store.find(kChat)->unreadCount, 4);

        QVERIFY(store.append(kChat, {message(52)}).gap);  // 51 is missing
        QCOMPARE(seqs(store.append(kChat, {message(50), message(51)}).appended),
                 (QList<qint64>{51}));
        QCOMPARE(seqs(store.prepend(kChat, messages(1, 40))).size(), 40);
        QCOMPARE(seqs(store.messages(kChat)), seqs(messages(1, 51)));
        QVERIFY(!store.hasOlder(kChat));
        // A live message counts once more as unread, not the ones the cache already counted.
        const UserInfo bob{QStringLiteral("u_bob"), QStringLiteral("bob"), {}};
        ChatMessage counted = message(50);
        counted.sender = bob;
        ChatMessage fresh = message(52);
        fresh.sender = bob;
        QVERIFY(store.countIncoming(kChat, {counted, fresh}, QStringLiteral("u_me")));
        QCOMPARE(store.find(kChat)->unreadCount, 5);
    }

    void privateChatIsFoundByItsMember() {
        ConversationStore store;
        Conversation c = listed(1);
        c.members = {UserInfo{QStringLiteral("u_me"), QStringLiteral("me"), QStringLiteral("Me")},
                     UserInfo{QStringLiteral("u_bo"), QStringLiteral("bo"), QStringLiteral("Bo")}};
        store.upsert(c);
        QCOMPARE(store.privateConversationWith(QStringLiteral("u_bo"), QStringLiteral("u_me")),
                 std::optional<QString>(kChat));
        QVERIFY(!store.privateConversationWith(QStringLiteral("u_x"), QStringLiteral("u_me")));
        QCOMPARE(store.user(QStringLiteral("u_bo"))->displayName, QStringLiteral("Bo"));
        store.remove(kChat);
        QVERIFY(!store.contains(kChat));
    }

    // Unread counts: live messages from others count once; a Conversation object resets the
    // count only when it is not older than what was counted; markers never move back.
    void unreadCountsLiveMessagesOnce() {
        ConversationStore store;
        const UserInfo me{QStringLiteral("u_me"), QStringLiteral("me"), QStringLiteral("Me")};
        const UserInfo ann{QStringLiteral("u_ann"), QStringLiteral("ann"), QStringLiteral("Ann")};
        Conversation chat = listed(5);
        chat.members = {me, ann};
        chat.hasReadState = true;
        chat.lastReadSeq = 3;
        chat.unreadCount = 2;
        store.upsert(chat, true);
        QCOMPARE(store.totalUnread(), 2);

        const auto from = [](const UserInfo& sender, qint64 seq) {
            ChatMessage m = message(seq);
            m.sender = sender;
            return m;
        };
        QVERIFY(!store.countIncoming(kChat, {from(ann, 5)}, me.id));  // the listing counted it
        QVERIFY(store.countIncoming(kChat, {from(ann, 6)}, me.id));
        QVERIFY(!store.countIncoming(kChat, {from(ann, 6)}, me.id));  // delivered twice
        QVERIFY(!store.countIncoming(kChat, {from(me, 7)}, me.id));   // mine never counts
        QCOMPARE(store.find(kChat)->unreadCount, 3);

        // A listing from before seq 6 arrives late: it does not undo the count.
        store.upsert(chat);
        QCOMPARE(store.find(kChat)->unreadCount, 3);
        // The brief conversation of a message.new carries no read state: nothing changes.
        Conversation brief = listed(7);
        store.upsert(brief);
        QCOMPARE(store.find(kChat)->unreadCount, 3);
        QCOMPARE(store.find(kChat)->lastReadSeq, 3);

        QVERIFY(store.applyReadState(kChat, 7, 0));  // read on another device
        QCOMPARE(store.totalUnread(), 0);
        QVERIFY(!store.applyReadState(kChat, 4, 2));  // an older answer: the marker stays
        QCOMPARE(store.find(kChat)->lastReadSeq, 7);

        QVERIFY(store.applyReceipt(kChat, ann.id, 6));
        QVERIFY(!store.applyReceipt(kChat, ann.id, 5));
        QCOMPARE(store.find(kChat)->readPositions.value(ann.id), 6);
        // A Conversation object with an older receipt keeps the newer one.
        chat.lastSeq = 8;
        chat.lastReadSeq = 7;
        chat.unreadCount = 1;
        chat.readPositions = {{ann.id, 4}};
        store.upsert(chat);
        QCOMPARE(store.find(kChat)->readPositions.value(ann.id), 6);
        QCOMPARE(store.find(kChat)->unreadCount, 1);
    }
};

QTEST_GUILESS_MAIN(TestConversationStore)
#include "tst_conversation_store.moc"
