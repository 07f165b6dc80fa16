// ConversationStore: the bookkeeping behind "no gap, no duplicate" (cursors, history boundary,
// what arrives twice or out of turn).
#include <QtTest>

#include "conversation_store.h"

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
};

QTEST_GUILESS_MAIN(TestConversationStore)
#include "tst_conversation_store.moc"
