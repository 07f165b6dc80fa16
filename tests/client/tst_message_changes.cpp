// Replies, edits, deletions and reactions in the client core, without a server (docs/protocol.md
// 5.2a): change entries read from the wire, applied by the ConversationStore in seq order
// (including one for a message that is not loaded, and duplicates), and kept by the LocalCache,
// which erases a deleted message's text from the file on disk (and from quotes of it).
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include "core/conversation_store.h"
#include "core/local_cache.h"
#include "file_test_support.h"
#include "model_test_support.h"

using namespace natter;

namespace {

const QString kChat = QStringLiteral("c_chat");
using test::kAnn;
using test::kBob;
const QString kSecret = QStringLiteral("launch-code-tangerine-4711");

ChatMessage text(qint64 seq, const QString& body, const UserInfo& sender = kAnn) {
    ChatMessage m =
        test::textMessage(kChat, seq, sender, body,
                          QDateTime::fromMSecsSinceEpoch(1'764'480'000'000 + seq * 1000, Qt::UTC));
    m.clientMessageId = QStringLiteral("cm_%1").arg(seq);
    return m;
}

ChatMessage reply(qint64 seq, const ChatMessage& to, const QString& body) {
    ChatMessage m = text(seq, body, kBob);
    m.replyTo = ReplyRef{to.seq, to.sender, to.type, to.quotePreview(), false};
    return m;
}

// A change entry as the server writes it: its target is the message as it is now.
ChatMessage change(qint64 seq, const QString& action, const ChatMessage& now,
                   const UserInfo& by = kAnn) {
    ChatMessage m;
    m.id = QStringLiteral("m_%1").arg(seq);
    m.conversationId = kChat;
    m.seq = seq;
    m.sender = by;
    m.type = QStringLiteral("change");
    m.meta = {{QStringLiteral("action"), action}, {QStringLiteral("target_seq"), now.seq}};
    m.sentAt = now.sentAt.addSecs(60);
    m.target = std::make_shared<const ChatMessage>(now);
    return m;
}

ChatMessage edited(ChatMessage m, const QString& body) {
    m.body = body;
    m.editedAt = m.sentAt.addSecs(30);
    return m;
}

ChatMessage tombstone(ChatMessage m) {
    m.body.clear();
    m.meta = {};
    m.reactions.clear();
    m.deleted = true;
    return m;
}

const ChatMessage* findSeq(const QList<ChatMessage>& list, qint64 seq) {
    for (const ChatMessage& m : list) {
        if (m.seq == seq) {
            return &m;
        }
    }
    return nullptr;
}

}  // namespace

class TestMessageChanges : public QObject {
    Q_OBJECT

private slots:
    // The wire form of 5.2a: reply_to, edited_at, deleted, reactions and a change's target.
    void changeEntriesAreReadFromJson() {
        const QJsonObject target{
            {QStringLiteral("id"), QStringLiteral("m_1")},
            {QStringLiteral("conversation_id"), kChat},
            {QStringLiteral("seq"), 1},
            {QStringLiteral("type"), QStringLiteral("text")},
            {QStringLiteral("body"), QStringLiteral("hello again")},
            {QStringLiteral("sent_at"), 1000},
            {QStringLiteral("edited_at"), 2000},
            {QStringLiteral("reply_to"),
             QJsonObject{{QStringLiteral("seq"), 0}, {QStringLiteral("preview"), QString()}}},
            {QStringLiteral("reactions"),
             QJsonArray{QJsonObject{{QStringLiteral("emoji"), QStringLiteral("\U0001F44D")},
                                    {QStringLiteral("count"), 2},
                                    {QStringLiteral("user_ids"), QJsonArray{kAnn.id, kBob.id}}}}}};
        const ChatMessage entry =
            ChatMessage::fromJson({{QStringLiteral("seq"), 4},
                                   {QStringLiteral("conversation_id"), kChat},
                                   {QStringLiteral("type"), QStringLiteral("change")},
                                   {QStringLiteral("meta"),
                                    QJsonObject{{QStringLiteral("action"), QStringLiteral("edit")},
                                                {QStringLiteral("target_seq"), 1}}},
                                   {QStringLiteral("target"), target}});
        QVERIFY(entry.isChange());
        QCOMPARE(entry.changeAction(), QStringLiteral("edit"));
        QCOMPARE(entry.targetSeq(), 1);
        QVERIFY(entry.target);
        QCOMPARE(entry.target->body, QStringLiteral("hello again"));
        QVERIFY(entry.target->isEdited());
        QVERIFY(entry.target->hasReaction(QStringLiteral("\U0001F44D"), kBob.id));
        QVERIFY(!entry.target->hasReaction(QStringLiteral("\U0001F44D"), QStringLiteral("u_x")));
        // The state survives the cache's round trip.
        ChatMessage copy = text(1, QStringLiteral("x"));
        copy.readState(entry.target->stateJson());
        QCOMPARE(copy.editedAt, entry.target->editedAt);
        QCOMPARE(copy.reactions.size(), 1);
        QCOMPARE(copy.reactions.first().userIds, (QStringList{kAnn.id, kBob.id}));
    }

    void anEditReplacesTheMessageAndItsQuotes() {
        ConversationStore store;
        const ChatMessage first = text(1, QStringLiteral("see you at 5"));
        store.append(kChat, {first, reply(2, first, QStringLiteral("ok"))});
        const ChatMessage now = edited(first, QStringLiteral("see you at 6"));
        const auto result = store.append(kChat, {change(3, QStringLiteral("edit"), now)});
        QCOMPARE(result.appended.size(), 1);  // the entry keeps the run contiguous
        QCOMPARE(store.cursor(kChat), 3);
        QCOMPARE(result.changed.size(), 2);  // the message and the reply quoting it
        const QList<ChatMessage> held = store.messages(kChat);
        QCOMPARE(findSeq(held, 1)->body, QStringLiteral("see you at 6"));
        QVERIFY(findSeq(held, 1)->isEdited());
        QCOMPARE(findSeq(held, 2)->replyTo->preview, QStringLiteral("see you at 6"));
        // A change entry is never the preview nor unread.
        QCOMPARE(store.find(kChat)->lastMessage->seq, 2);
        QVERIFY(
            !store.countIncoming(kChat, {change(4, QStringLiteral("edit"), now, kBob)}, kAnn.id));
    }

    // Only messages 5..6 are loaded; an entry for message 2 still moves the cursor, and its
    // target is handed on (the local cache may hold message 2).
    void aChangeForAMessageNotLoaded() {
        ConversationStore store;
        store.append(kChat, {text(5, QStringLiteral("five")), text(6, QStringLiteral("six"))});
        const ChatMessage gone = tombstone(text(2, kSecret));
        const auto result = store.append(kChat, {change(7, QStringLiteral("delete"), gone)});
        QVERIFY(!result.gap);
        QCOMPARE(store.cursor(kChat), 7);
        QCOMPARE(result.changed.size(), 1);
        QVERIFY(result.changed.first().deleted);
        QCOMPARE(findSeq(store.messages(kChat), 5)->body, QStringLiteral("five"));
        QVERIFY(findSeq(store.messages(kChat), 2) == nullptr);
    }

    // The same entry twice (an event and a sync answer crossing) changes nothing the second
    // time, and a stale copy of an older entry cannot undo a newer state.
    void duplicatesAreIgnored() {
        ConversationStore store;
        const ChatMessage first = text(1, QStringLiteral("v1"));
        store.append(kChat, {first});
        const ChatMessage v2 = edited(first, QStringLiteral("v2"));
        const ChatMessage v3 = edited(first, QStringLiteral("v3"));
        store.append(kChat, {change(2, QStringLiteral("edit"), v2)});
        store.append(kChat, {change(3, QStringLiteral("edit"), v3)});
        const auto again = store.append(kChat, {change(2, QStringLiteral("edit"), v2)});
        QVERIFY(again.appended.isEmpty());
        QVERIFY(again.changed.isEmpty());
        QCOMPARE(findSeq(store.messages(kChat), 1)->body, QStringLiteral("v3"));
        QCOMPARE(store.messages(kChat).size(), 3);
    }

    void aDeletionEmptiesQuotesAndThePreview() {
        ConversationStore store;
        const ChatMessage first = text(1, kSecret);
        store.append(kChat, {first, reply(2, first, QStringLiteral("wow"))});
        store.append(kChat, {change(3, QStringLiteral("delete"), tombstone(first))});
        const ChatMessage* quoting = findSeq(store.messages(kChat), 2);
        QVERIFY(quoting->replyTo->deleted);
        QVERIFY(quoting->replyTo->preview.isEmpty());
        QVERIFY(findSeq(store.messages(kChat), 1)->body.isEmpty());
        QVERIFY(!store.find(kChat)->lastMessage->replyTo->preview.contains(kSecret));
    }

    void reactionsFollowTheTarget() {
        ConversationStore store;
        ChatMessage first = text(1, QStringLiteral("lunch?"));
        store.append(kChat, {first});
        first.reactions = {{QStringLiteral("\U0001F44D"), {kBob.id}}};
        store.append(kChat, {change(2, QStringLiteral("react_add"), first, kBob)});
        QVERIFY(
            findSeq(store.messages(kChat), 1)->hasReaction(QStringLiteral("\U0001F44D"), kBob.id));
        first.reactions.clear();
        store.append(kChat, {change(3, QStringLiteral("react_remove"), first, kBob)});
        QVERIFY(findSeq(store.messages(kChat), 1)->reactions.isEmpty());
    }

    // The cached row of a deleted message holds no text: not in its columns, not in a reply's
    // quote, not in the conversation's preview, and not anywhere in the file or its log.
    void aDeletionErasesTheTextFromTheCacheFile() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = LocalCache::fileFor(dir.path(), kBob.id);
        const ChatMessage secret = text(1, kSecret);
        const ChatMessage quoting = reply(2, secret, QStringLiteral("nice"));
        {
            LocalCache cache(file);
            QVERIFY(cache.isOpen());
            LocalCache::Batch batch;
            LocalCache::Conversation chat;
            chat.details.id = kChat;
            chat.details.members = {kAnn, kBob};
            chat.details.lastSeq = 2;
            chat.details.lastMessage = quoting;
            chat.cursor = 2;
            batch.conversations = {chat};
            batch.messages = {secret, quoting};
            QVERIFY(cache.write(batch));
            QVERIFY(test::cacheFileHolds(file, kSecret));

            ConversationStore store;
            store.restore(chat.details, 2, 2, {secret, quoting});
            const auto result =
                store.append(kChat, {change(3, QStringLiteral("delete"), tombstone(secret))});
            LocalCache::Batch erase;
            erase.messages = result.appended;
            erase.changed = result.changed;
            chat.details = *store.find(kChat);
            chat.cursor = 3;
            erase.conversations = {chat};
            QVERIFY(cache.write(erase));
            const auto loaded = cache.load(50).conversations;
            QCOMPARE(loaded.size(), 1);
            QCOMPARE(loaded.first().recent.size(), 3);
            QVERIFY(loaded.first().recent.first().deleted);
            QVERIFY(loaded.first().recent.at(1).replyTo->deleted);
        }
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery row(db);
            QVERIFY(
                row.exec(QStringLiteral("SELECT body, meta, state FROM messages "
                                        "WHERE seq = 1")));
            QVERIFY(row.next());
            QVERIFY(row.value(0).toString().isEmpty());
            QVERIFY(row.value(1).isNull());
            QVERIFY(row.value(2).toString().contains(QStringLiteral("\"deleted\":true")));
            row.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("probe"));
        QVERIFY(!test::cacheFileHolds(file, kSecret));
    }

    // An edit and reactions come back from the cache as they were applied.
    void editsAndReactionsAreCached() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        LocalCache cache(LocalCache::fileFor(dir.path(), kAnn.id));
        LocalCache::Conversation chat;
        chat.details.id = kChat;
        chat.details.members = {kAnn, kBob};
        chat.details.lastSeq = 1;
        chat.cursor = 1;
        LocalCache::Batch batch;
        batch.conversations = {chat};
        batch.messages = {text(1, QStringLiteral("first"))};
        QVERIFY(cache.write(batch));
        ChatMessage now = edited(text(1, QStringLiteral("first")), QStringLiteral("second"));
        now.reactions = {{QStringLiteral("\U0001F602"), {kBob.id, kAnn.id}}};
        LocalCache::Batch change;
        change.changed = {now};
        QVERIFY(cache.write(change));
        const ChatMessage back = cache.load(50).conversations.first().recent.first();
        QCOMPARE(back.body, QStringLiteral("second"));
        QCOMPARE(back.editedAt, now.editedAt);
        QCOMPARE(back.reactions.size(), 1);
        QCOMPARE(back.reactions.first().userIds, (QStringList{kBob.id, kAnn.id}));
    }
};

QTEST_GUILESS_MAIN(TestMessageChanges)
#include "tst_message_changes.moc"
