// Replies, edits, deletions and reactions (docs/protocol.md 5.2a), from the document alone: each
// method, its typed errors, the message.changed event, unread counts, and a device that was
// offline catching up with `sync` — every change exactly once — and a deleted text gone from the
// database. Built twice: on SQLite (tst_chat_changes) and on PostgreSQL (tst_chat_changes_postgres,
// NATTER_CHANGES_ON_POSTGRES).
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "chat_checks.h"
#include "chat_on_store.h"
#include "protocol_checks.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

#ifdef NATTER_CHANGES_ON_POSTGRES
constexpr bool kOnPostgres = true;
#else
constexpr bool kOnPostgres = false;
#endif

const QString kThumbsUp = QStringLiteral("\U0001F44D");
const QString kHeart = QStringLiteral("\u2764\uFE0F");
const QString kBannedWord = QStringLiteral("frobnicate");
const QString kChanged = QStringLiteral("message.changed");

QJsonObject target(const QString& conversationId, int seq) {
    return {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("seq"), seq}};
}

QJsonObject edit(WsTestClient& client, const QString& conversationId, int seq,
                 const QString& body) {
    QJsonObject params = target(conversationId, seq);
    params.insert(QStringLiteral("body"), body);
    return client.call(QStringLiteral("messages.edit"), params);
}

QJsonObject remove(WsTestClient& client, const QString& conversationId, int seq) {
    return client.call(QStringLiteral("messages.delete"), target(conversationId, seq));
}

QJsonObject react(WsTestClient& client, const QString& conversationId, int seq,
                  const QString& emoji, bool added = true) {
    QJsonObject params = target(conversationId, seq);
    params.insert(QStringLiteral("emoji"), emoji);
    params.insert(QStringLiteral("added"), added);
    return client.call(QStringLiteral("messages.react"), params);
}

QJsonObject reply(WsTestClient& client, const QString& conversationId, int replyToSeq,
                  const QString& body) {
    QJsonObject params = textParams(toConversation(conversationId), body);
    params.insert(QStringLiteral("reply_to_seq"), replyToSeq);
    return client.call(QStringLiteral("messages.send"), params);
}

QJsonObject changeOf(const QJsonObject& response) {
    return resultOf(response).value(QStringLiteral("change")).toObject();
}

QString errorFieldOf(const QJsonObject& response) {
    return errorOf(response).value(QStringLiteral("field")).toString();
}

// The emoji -> user ids of a Message's reactions.
QHash<QString, QStringList> reactionsOf(const QJsonObject& message) {
    QHash<QString, QStringList> reactions;
    for (const QJsonValue& entry : message.value(QStringLiteral("reactions")).toArray()) {
        const QJsonObject reaction = entry.toObject();
        QStringList users;
        for (const QJsonValue& user : reaction.value(QStringLiteral("user_ids")).toArray()) {
            users.append(user.toString());
        }
        if (reaction.value(QStringLiteral("count")).toInt() != users.size()) {
            users.append(QStringLiteral("<count does not match user_ids>"));
        }
        reactions.insert(reaction.value(QStringLiteral("emoji")).toString(), users);
    }
    return reactions;
}

QString bannedWordsFile(QTemporaryDir& dir) {
    const QString path = dir.filePath(QStringLiteral("banned.txt"));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(kBannedWord.toUtf8() + '\n');
    }
    return path;
}

}  // namespace

class TestChatChanges : public QObject {
    Q_OBJECT

private:
    QTemporaryDir words_;
    SuiteDatabase database_{kOnPostgres};
    std::unique_ptr<ChatServer> server_;

    // A private chat between two new users with `count` texts from the first: "text 1", ….
    struct Chat {
        ChatUser alice;
        ChatUser bob;
        QString id;
    };
    Chat privateChat(int count) {
        const QList<ChatUser> users = server_->registerUsers(QStringLiteral("chg"), 2);
        Chat chat;
        if (users.size() != 2) {
            return chat;
        }
        chat.alice = users.at(0);
        chat.bob = users.at(1);
        for (int i = 1; i <= count; ++i) {
            const QJsonObject sent =
                sendText(*chat.alice.client,
                         chat.id.isEmpty() ? toUser(chat.bob.userId) : toConversation(chat.id),
                         QStringLiteral("text %1").arg(i));
            chat.id = conversationIdOf(sent);
        }
        return chat;
    }

    // What the database holds of message `seq`: body, meta, deleted_at; asked directly.
    QStringList storedRow(const QString& conversationId, int seq);
    QSqlDatabase openDatabase(const QString& connection);

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup() { NATTER_VERIFY_NO_PROBLEMS(server_->releaseClients()); }

    void replyShowsThePreviewOfItsTarget();
    void replyToWhatCannotBeRepliedToIsRefused();
    void editChangesTheTextForEveryone();
    void editRefusals();
    void deleteLeavesATombstone();
    void groupOwnerMayDeleteAnyMessage();
    void reactionsCountWhoReacted();
    void reactRefusals();
    void changesAreNeitherUnreadNorTheLastMessage();
    void offlineDeviceCatchesUpWithEveryChangeOnce();
    void deletedTextIsGoneFromTheDatabase();
    void editWindowAndMessageRateApply();
};

void TestChatChanges::initTestCase() {
    const QString why = startChatServer(server_,
                                        {QStringLiteral("--message-rate"), QStringLiteral("1000"),
                                         QStringLiteral("--message-burst"), QStringLiteral("1000"),
                                         QStringLiteral("--banned-words"), bannedWordsFile(words_),
                                         QStringLiteral("--link-policy"), QStringLiteral("deny")},
                                        database_.postgres());
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestChatChanges::cleanupTestCase() {
    stopChatServer(server_, database_.postgres());
}

QSqlDatabase TestChatChanges::openDatabase(const QString& connection) {
#ifdef NATTER_CHANGES_ON_POSTGRES
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
    db.setHostName(QStringLiteral("127.0.0.1"));
    db.setPort(database_.postgres()->port());
    db.setUserName(database_.postgres()->superuser());
    db.setDatabaseName(QStringLiteral("postgres"));
#else
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    db.setDatabaseName(server_->process().dataDir() + QStringLiteral("/natter.sqlite3"));
#endif
    db.open();
    return db;
}

QStringList TestChatChanges::storedRow(const QString& conversationId, int seq) {
    const QString connection = QStringLiteral("check");
    QStringList row;
    {
        QSqlDatabase db = openDatabase(connection);
        QSqlQuery query(db);
        query.prepare(
            QStringLiteral("SELECT m.body, m.meta, COALESCE(m.deleted_at, 0) FROM messages m"
                           " JOIN conversations c ON c.id = m.conversation_id WHERE c.public_id = "
                           "? AND m.seq = ?"));
        query.addBindValue(conversationId);
        query.addBindValue(seq);
        if (query.exec() && query.next()) {
            row << query.value(0).toString() << query.value(1).toString()
                << query.value(2).toString();
        }
    }
    QSqlDatabase::removeDatabase(connection);
    return row;
}

void TestChatChanges::replyShowsThePreviewOfItsTarget() {
    const Chat chat = privateChat(1);
    QVERIFY(!chat.id.isEmpty());
    const QString longText = QString(150, u'x');
    QVERIFY(isResult(sendText(*chat.alice.client, toConversation(chat.id), longText)));
    const QJsonObject answered = reply(*chat.bob.client, chat.id, 2, QStringLiteral("yes"));
    QVERIFY2(isResult(answered), qPrintable(describe(answered)));
    const QJsonObject replyTo = messageOf(answered).value(QStringLiteral("reply_to")).toObject();
    QCOMPARE(replyTo.value(QStringLiteral("seq")).toInt(), 2);
    QCOMPARE(idOf(replyTo.value(QStringLiteral("sender")).toObject()), chat.alice.userId);
    QCOMPARE(replyTo.value(QStringLiteral("type")).toString(), QStringLiteral("text"));
    QCOMPARE(replyTo.value(QStringLiteral("preview")).toString(), QString(100, u'x'));
    QCOMPARE(replyTo.value(QStringLiteral("deleted")).toBool(), false);
    // The recipient's message.new carries it too; a message that is no reply has none.
    const QJsonObject delivered = waitForMessageSeq(*chat.alice.client, chat.id, 3);
    QCOMPARE(delivered.value(QStringLiteral("message"))
                 .toObject()
                 .value(QStringLiteral("reply_to"))
                 .toObject()
                 .value(QStringLiteral("seq"))
                 .toInt(),
             2);
    QVERIFY(
        !fullHistory(*chat.bob.client, chat.id).constFirst().contains(QStringLiteral("reply_to")));
}

void TestChatChanges::replyToWhatCannotBeRepliedToIsRefused() {
    const Chat chat = privateChat(1);
    QVERIFY(!chat.id.isEmpty());
    QJsonObject refused = reply(*chat.bob.client, chat.id, 9, QStringLiteral("?"));
    QCOMPARE(errorCodeOf(refused), QStringLiteral("not_found"));
    QCOMPARE(errorFieldOf(refused), QStringLiteral("reply_to_seq"));
    refused = reply(*chat.bob.client, chat.id, 0, QStringLiteral("?"));
    QCOMPARE(errorCodeOf(refused), QStringLiteral("invalid_params"));
    QCOMPARE(errorFieldOf(refused), QStringLiteral("reply_to_seq"));
    QVERIFY(isResult(remove(*chat.alice.client, chat.id, 1)));
    refused = reply(*chat.bob.client, chat.id, 1, QStringLiteral("?"));
    QCOMPARE(errorCodeOf(refused), QStringLiteral("message_deleted"));
    // seq 2 is the deletion's change entry.
    refused = reply(*chat.bob.client, chat.id, 2, QStringLiteral("?"));
    QCOMPARE(errorCodeOf(refused), QStringLiteral("wrong_message_type"));
    QCOMPARE(fullHistory(*chat.bob.client, chat.id).size(), 2);  // nothing stored
}

void TestChatChanges::editChangesTheTextForEveryone() {
    const Chat chat = privateChat(1);
    QVERIFY(!chat.id.isEmpty());
    const QJsonObject edited = edit(*chat.alice.client, chat.id, 1, QStringLiteral("fixed"));
    QVERIFY2(isResult(edited), qPrintable(describe(edited)));
    const QJsonObject message = messageOf(edited);
    QCOMPARE(message.value(QStringLiteral("body")).toString(), QStringLiteral("fixed"));
    QCOMPARE(seqOf(message), 1);
    QVERIFY(message.value(QStringLiteral("edited_at")).toInteger() >=
            message.value(QStringLiteral("sent_at")).toInteger());
    const QJsonObject change = changeOf(edited);
    NATTER_VERIFY_NO_PROBLEMS(messageShapeProblems(change));
    QCOMPARE(seqOf(change), 2);
    QCOMPARE(change.value(QStringLiteral("type")).toString(), QStringLiteral("change"));
    QCOMPARE(change.value(QStringLiteral("body")).toString(), QString());
    const QJsonObject meta = change.value(QStringLiteral("meta")).toObject();
    QCOMPARE(meta.value(QStringLiteral("action")).toString(), QStringLiteral("edit"));
    QCOMPARE(meta.value(QStringLiteral("target_seq")).toInt(), 1);
    // The other member hears of it; the history shows the new text.
    QVERIFY(waitForEvents(*chat.bob.client, kChanged, 1));
    const QJsonObject event = eventsNamed(*chat.bob.client, kChanged).constFirst();
    const QJsonObject heard =
        event.value(QStringLiteral("data")).toObject().value(QStringLiteral("message")).toObject();
    QCOMPARE(seqOf(heard), 2);
    QCOMPARE(heard.value(QStringLiteral("target")).toObject().value(QStringLiteral("body")),
             QJsonValue(QStringLiteral("fixed")));
    const QList<QJsonObject> history = fullHistory(*chat.bob.client, chat.id);
    QCOMPARE(history.size(), 2);  // the message and its change entry
    QCOMPARE(history.constFirst().value(QStringLiteral("body")).toString(),
             QStringLiteral("fixed"));
    QCOMPARE(history.constLast()
                 .value(QStringLiteral("target"))
                 .toObject()
                 .value(QStringLiteral("edited_at")),
             message.value(QStringLiteral("edited_at")));
    // The same text again changes nothing.
    const QJsonObject again = edit(*chat.alice.client, chat.id, 1, QStringLiteral("fixed"));
    QVERIFY(isResult(again));
    QVERIFY(resultOf(again).value(QStringLiteral("change")).isNull());
}

void TestChatChanges::editRefusals() {
    const Chat chat = privateChat(1);
    QVERIFY(!chat.id.isEmpty());
    WsTestClient& alice = *chat.alice.client;
    QCOMPARE(errorCodeOf(edit(*chat.bob.client, chat.id, 1, QStringLiteral("mine"))),
             QStringLiteral("not_author"));
    QCOMPARE(errorCodeOf(edit(alice, chat.id, 7, QStringLiteral("?"))),
             QStringLiteral("not_found"));
    QCOMPARE(errorCodeOf(edit(alice, kMadeUpConversationId, 1, QStringLiteral("?"))),
             QStringLiteral("not_member"));
    QJsonObject refused = edit(alice, chat.id, 1, QStringLiteral("  "));
    QCOMPARE(errorCodeOf(refused), QStringLiteral("invalid_params"));
    QCOMPARE(errorFieldOf(refused), QStringLiteral("body"));
    refused = edit(alice, chat.id, 1, QString(4001, u'a'));
    QCOMPARE(errorFieldOf(refused), QStringLiteral("body"));
    refused = alice.call(QStringLiteral("messages.edit"), target(chat.id, 1));
    QCOMPARE(errorFieldOf(refused), QStringLiteral("body"));
    refused = edit(alice, chat.id, 1, QStringLiteral("say ") + kBannedWord);
    QCOMPARE(errorCodeOf(refused), QStringLiteral("banned_word"));
    QCOMPARE(errorFieldOf(refused), QStringLiteral("body"));
    refused = edit(alice, chat.id, 1, QStringLiteral("see www.example.org"));
    QCOMPARE(errorCodeOf(refused), QStringLiteral("link_not_allowed"));
    QCOMPARE(errorFieldOf(refused), QStringLiteral("body"));
    // Attachments keep their caption.
    QJsonObject photo = textParams(toConversation(chat.id), QStringLiteral("caption"));
    photo.insert(QStringLiteral("type"), QStringLiteral("photo"));
    photo.insert(QStringLiteral("meta"),
                 QJsonObject{{QStringLiteral("ref"), uploadFile(alice, QByteArray("photo"))},
                             {QStringLiteral("name"), QStringLiteral("a.png")},
                             {QStringLiteral("size"), 10},
                             {QStringLiteral("mime"), QStringLiteral("image/png")}});
    QVERIFY(isResult(alice.call(QStringLiteral("messages.send"), photo)));
    QCOMPARE(errorCodeOf(edit(alice, chat.id, 2, QStringLiteral("new"))),
             QStringLiteral("wrong_message_type"));
    // Nothing refused was stored: the history holds the text and the photo, unchanged.
    const QList<QJsonObject> history = fullHistory(alice, chat.id);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history.constFirst().value(QStringLiteral("body")).toString(),
             QStringLiteral("text 1"));
    QVERIFY(!history.constFirst().contains(QStringLiteral("edited_at")));
}

void TestChatChanges::deleteLeavesATombstone() {
    const Chat chat = privateChat(2);
    QVERIFY(!chat.id.isEmpty());
    QVERIFY(isResult(react(*chat.bob.client, chat.id, 1, kThumbsUp)));
    QCOMPARE(errorCodeOf(remove(*chat.bob.client, chat.id, 1)), QStringLiteral("not_author"));
    const QJsonObject deleted = remove(*chat.alice.client, chat.id, 1);
    QVERIFY2(isResult(deleted), qPrintable(describe(deleted)));
    const QJsonObject tombstone = messageOf(deleted);
    QCOMPARE(tombstone.value(QStringLiteral("deleted")).toBool(), true);
    QCOMPARE(tombstone.value(QStringLiteral("body")).toString(), QString());
    QVERIFY(tombstone.value(QStringLiteral("meta")).isNull());
    QVERIFY(!tombstone.contains(QStringLiteral("reactions")));
    QCOMPARE(idOf(tombstone.value(QStringLiteral("sender")).toObject()), chat.alice.userId);
    QCOMPARE(
        changeOf(deleted).value(QStringLiteral("meta")).toObject().value(QStringLiteral("action")),
        QJsonValue(QStringLiteral("delete")));
    // A tombstone takes no further change.
    QCOMPARE(errorCodeOf(remove(*chat.alice.client, chat.id, 1)),
             QStringLiteral("message_deleted"));
    QCOMPARE(errorCodeOf(edit(*chat.alice.client, chat.id, 1, QStringLiteral("x"))),
             QStringLiteral("message_deleted"));
    QCOMPARE(errorCodeOf(react(*chat.bob.client, chat.id, 1, kHeart)),
             QStringLiteral("message_deleted"));
    // A change entry is no message to delete.
    QCOMPARE(errorCodeOf(remove(*chat.alice.client, chat.id, 3)),
             QStringLiteral("wrong_message_type"));
}

void TestChatChanges::groupOwnerMayDeleteAnyMessage() {
    const QList<ChatUser> users = server_->registerUsers(QStringLiteral("own"), 2);
    QCOMPARE(users.size(), 2);
    const QJsonObject created = users.at(0).client->call(
        QStringLiteral("conversations.create_group"),
        createGroupParams(QStringLiteral("G"), {users.at(1).userId}, QStringLiteral("hi")));
    QVERIFY2(isResult(created), qPrintable(describe(created)));
    const QString group = conversationIdOf(created);
    QVERIFY(isResult(sendText(*users.at(1).client, toConversation(group), QStringLiteral("m"))));
    QCOMPARE(errorCodeOf(remove(*users.at(1).client, group, 2)), QStringLiteral("not_author"));
    QCOMPARE(errorCodeOf(remove(*users.at(0).client, group, 1)),
             QStringLiteral("wrong_message_type"));  // group_created
    const QJsonObject deleted = remove(*users.at(0).client, group, 3);
    QVERIFY2(isResult(deleted), qPrintable(describe(deleted)));
    QCOMPARE(idOf(changeOf(deleted).value(QStringLiteral("sender")).toObject()),
             users.at(0).userId);
}

void TestChatChanges::reactionsCountWhoReacted() {
    const Chat chat = privateChat(1);
    QVERIFY(!chat.id.isEmpty());
    QVERIFY(isResult(react(*chat.bob.client, chat.id, 1, kThumbsUp)));
    QVERIFY(isResult(react(*chat.alice.client, chat.id, 1, kHeart)));
    const QJsonObject both = react(*chat.alice.client, chat.id, 1, kThumbsUp);
    QVERIFY2(isResult(both), qPrintable(describe(both)));
    QHash<QString, QStringList> expected{{kThumbsUp, {chat.bob.userId, chat.alice.userId}},
                                         {kHeart, {chat.alice.userId}}};
    QCOMPARE(reactionsOf(messageOf(both)), expected);
    // In kReactionEmoji order.
    QCOMPARE(messageOf(both)
                 .value(QStringLiteral("reactions"))
                 .toArray()
                 .at(0)
                 .toObject()
                 .value(QStringLiteral("emoji"))
                 .toString(),
             kThumbsUp);
    // Adding again changes nothing; removing does.
    const QJsonObject again = react(*chat.alice.client, chat.id, 1, kThumbsUp);
    QVERIFY(isResult(again) && resultOf(again).value(QStringLiteral("change")).isNull());
    const QJsonObject removed = react(*chat.bob.client, chat.id, 1, kThumbsUp, false);
    QCOMPARE(
        changeOf(removed).value(QStringLiteral("meta")).toObject().value(QStringLiteral("action")),
        QJsonValue(QStringLiteral("react_remove")));
    expected[kThumbsUp] = QStringList{chat.alice.userId};
    QCOMPARE(reactionsOf(fullHistory(*chat.bob.client, chat.id).constFirst()), expected);
}

void TestChatChanges::reactRefusals() {
    const QList<ChatUser> users = server_->registerUsers(QStringLiteral("rr"), 3);
    QCOMPARE(users.size(), 3);
    const QJsonObject created = users.at(0).client->call(
        QStringLiteral("conversations.create_group"),
        createGroupParams(QStringLiteral("R"), {users.at(1).userId}, QStringLiteral("hi")));
    const QString group = conversationIdOf(created);
    WsTestClient& owner = *users.at(0).client;
    QJsonObject refused = react(owner, group, 2, QStringLiteral("\U0001F355"));
    QCOMPARE(errorCodeOf(refused), QStringLiteral("invalid_params"));
    QCOMPARE(errorFieldOf(refused), QStringLiteral("emoji"));
    refused = owner.call(QStringLiteral("messages.react"),
                         QJsonObject{{QStringLiteral("conversation_id"), group},
                                     {QStringLiteral("seq"), 2},
                                     {QStringLiteral("emoji"), kThumbsUp}});
    QCOMPARE(errorFieldOf(refused), QStringLiteral("added"));
    refused = owner.call(QStringLiteral("messages.react"),
                         QJsonObject{{QStringLiteral("conversation_id"), group},
                                     {QStringLiteral("seq"), QStringLiteral("2")},
                                     {QStringLiteral("emoji"), kThumbsUp},
                                     {QStringLiteral("added"), true}});
    QCOMPARE(errorFieldOf(refused), QStringLiteral("seq"));
    QCOMPARE(errorCodeOf(react(owner, group, 1, kThumbsUp)), QStringLiteral("wrong_message_type"));
    QCOMPARE(errorCodeOf(react(owner, group, 3, kThumbsUp)), QStringLiteral("not_found"));
    QCOMPARE(errorCodeOf(react(*users.at(2).client, group, 2, kThumbsUp)),
             QStringLiteral("not_member"));
    QCOMPARE(fullHistory(owner, group).size(), 2);
}

void TestChatChanges::changesAreNeitherUnreadNorTheLastMessage() {
    const Chat chat = privateChat(2);
    QVERIFY(!chat.id.isEmpty());
    QVERIFY(isResult(
        chat.bob.client->call(QStringLiteral("conversations.mark_read"), target(chat.id, 2))));
    QVERIFY(isResult(edit(*chat.alice.client, chat.id, 2, QStringLiteral("edited"))));
    QVERIFY(isResult(react(*chat.alice.client, chat.id, 1, kHeart)));
    QVERIFY(isResult(remove(*chat.alice.client, chat.id, 1)));
    const QJsonObject got =
        chat.bob.client->call(QStringLiteral("conversations.get"), conversationParam(chat.id));
    const QJsonObject conversation = conversationOf(got);
    QCOMPARE(conversation.value(QStringLiteral("last_seq")).toInt(), 5);
    QCOMPARE(conversation.value(QStringLiteral("unread_count")).toInt(), 0);
    const QJsonObject last = conversation.value(QStringLiteral("last_message")).toObject();
    QCOMPARE(seqOf(last), 2);
    QCOMPARE(last.value(QStringLiteral("body")).toString(), QStringLiteral("edited"));
}

void TestChatChanges::offlineDeviceCatchesUpWithEveryChangeOnce() {
    const Chat chat = privateChat(3);
    QVERIFY(!chat.id.isEmpty());
    // Bob's phone holds seq 1-3 and is offline while both make changes.
    QVERIFY(isResult(edit(*chat.alice.client, chat.id, 1, QStringLiteral("one, edited"))));
    QVERIFY(isResult(remove(*chat.alice.client, chat.id, 2)));
    QVERIFY(isResult(react(*chat.alice.client, chat.id, 3, kThumbsUp)));
    QVERIFY(isResult(react(*chat.bob.client, chat.id, 3, kHeart)));

    // The phone comes back and catches up from its cursor.
    WsTestClient* phone = server_->loginNewDevice(chat.bob, QStringLiteral("Phone"));
    QVERIFY(phone);
    const QJsonObject cursors{{chat.id, 3}};
    const QJsonObject synced =
        phone->call(QStringLiteral("sync"), QJsonObject{{QStringLiteral("cursors"), cursors}});
    QVERIFY2(isResult(synced), qPrintable(describe(synced)));
    const QJsonArray entries = resultOf(synced).value(QStringLiteral("conversations")).toArray();
    QCOMPARE(entries.size(), 1);
    const QJsonArray messages =
        entries.at(0).toObject().value(QStringLiteral("messages")).toArray();
    QStringList actions;
    QHash<int, QJsonObject> latest;  // target seq -> the target as the last entry shows it
    for (int i = 0; i < messages.size(); ++i) {
        const QJsonObject entry = messages.at(i).toObject();
        QCOMPARE(seqOf(entry), 4 + i);  // no gap, no duplicate
        QCOMPARE(entry.value(QStringLiteral("type")).toString(), QStringLiteral("change"));
        const QJsonObject meta = entry.value(QStringLiteral("meta")).toObject();
        actions.append(meta.value(QStringLiteral("action")).toString());
        latest.insert(meta.value(QStringLiteral("target_seq")).toInt(),
                      entry.value(QStringLiteral("target")).toObject());
    }
    QCOMPARE(actions, (QStringList{QStringLiteral("edit"), QStringLiteral("delete"),
                                   QStringLiteral("react_add"), QStringLiteral("react_add")}));
    QCOMPARE(latest.value(1).value(QStringLiteral("body")).toString(),
             QStringLiteral("one, edited"));
    QCOMPARE(latest.value(2).value(QStringLiteral("deleted")).toBool(), true);
    QCOMPARE(latest.value(2).value(QStringLiteral("body")).toString(), QString());
    QCOMPARE(reactionsOf(latest.value(3)),
             (QHash<QString, QStringList>{{kThumbsUp, {chat.alice.userId}},
                                          {kHeart, {chat.bob.userId}}}));
    // Caught up: the next sync brings nothing.
    const QJsonObject again = phone->call(
        QStringLiteral("sync"),
        QJsonObject{{QStringLiteral("cursors"), QJsonObject{{chat.id, 3 + int(messages.size())}}}});
    QVERIFY(resultOf(again).value(QStringLiteral("conversations")).toArray().isEmpty());
}

void TestChatChanges::deletedTextIsGoneFromTheDatabase() {
    const QString secret = QStringLiteral("secret-%1").arg(QRandomGenerator::global()->generate());
    const Chat chat = privateChat(0);
    QVERIFY(!chat.alice.userId.isEmpty());
    const QJsonObject sent = sendText(*chat.alice.client, toUser(chat.bob.userId), secret);
    QVERIFY(isResult(sent));
    const QString id = conversationIdOf(sent);
    QVERIFY(isResult(edit(*chat.alice.client, id, 1, secret + QStringLiteral(" (edited)"))));
    QVERIFY(isResult(remove(*chat.alice.client, id, 1)));
    server_->releaseClients();
    const QStringList row = storedRow(id, 1);
    QCOMPARE(row.size(), 3);
    QCOMPARE(row.at(0), QString());  // body
    QCOMPARE(row.at(1), QString());  // meta
    QVERIFY(row.at(2).toLongLong() > 0);
#ifndef NATTER_CHANGES_ON_POSTGRES
    // Not even in a free page or the journal: the server stopped, its files are final.
    QCOMPARE(server_->process().stop(), 0);
    QDir dir(server_->process().dataDir());
    for (const QString& name : dir.entryList(QDir::Files)) {
        QFile file(dir.filePath(name));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(name));
    }
    const QString why = server_->start();
    QVERIFY2(why.isEmpty(), qPrintable(why));
#endif
}

void TestChatChanges::editWindowAndMessageRateApply() {
    // A server of its own: a one-second edit window and a bucket of two messages.
    // (On SQLite whatever the suite's store: the window and the bucket are not the store's.)
    ChatServer strict({QStringLiteral("--edit-window"), QStringLiteral("1"),
                       QStringLiteral("--message-burst"), QStringLiteral("2"),
                       QStringLiteral("--message-rate"), QStringLiteral("0.001")});
    QCOMPARE(strict.start(), QString());
    const QList<ChatUser> users = strict.registerUsers(QStringLiteral("win"), 2);
    QCOMPARE(users.size(), 2);
    const QJsonObject sent =
        sendText(*users.at(0).client, toUser(users.at(1).userId), QStringLiteral("typo"));
    const QString id = conversationIdOf(sent);
    QVERIFY(isResult(react(*users.at(0).client, id, 1, kThumbsUp)));  // the second token
    const QJsonObject limited = edit(*users.at(0).client, id, 1, QStringLiteral("fixed"));
    QCOMPARE(errorCodeOf(limited), QStringLiteral("rate_limited"));
    QVERIFY(errorOf(limited).value(QStringLiteral("retry_after_ms")).toInteger() > 0);
    QTest::qWait(1'200);  // beyond the one-second window
    QCOMPARE(errorCodeOf(edit(*users.at(0).client, id, 1, QStringLiteral("fixed"))),
             QStringLiteral("edit_window_passed"));
    NATTER_VERIFY_NO_PROBLEMS(strict.releaseClients());
}

QTEST_GUILESS_MAIN(TestChatChanges)
#include "tst_chat_changes.moc"
