// Catch-up after a reconnect with `sync` (docs/protocol.md section 5.2 `sync`): exactly the
// missed messages, new conversations, paging, removed conversations, cursors from the future.
#include <QHash>
#include <QSet>
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "chat_server_test.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

constexpr int kMaxSyncCalls = 100;
constexpr int kDefaultMessagesPerConversation = 100;  // section 5.2 sync: limit_per_conversation

// Everything a client learnt from a series of sync calls.
struct SyncLog {
    QHash<QString, QList<QJsonObject>> messages;  // per conversation id, in arrival order
    QHash<QString, QJsonObject> conversations;
    QStringList order;  // conversation ids in the order of the first answer
    QStringList removed;
    int calls = 0;
};

QJsonObject syncParams(const QJsonObject& cursors, int limitPerConversation) {
    QJsonObject params{{QStringLiteral("cursors"), cursors}};
    if (limitPerConversation > 0) {
        params.insert(QStringLiteral("limit_per_conversation"), limitPerConversation);
    }
    return params;
}

// Takes one sync answer into `log` and advances `cursors`; returns what is wrong with the answer
// and whether another call is needed (`again`).
QStringList absorb(const QJsonObject& result, int limit, QJsonObject& cursors, SyncLog& log,
                   bool& again) {
    QStringList problems;
    again = result.value(QStringLiteral("more")).toBool();
    for (const QJsonValue& entry : result.value(QStringLiteral("conversations")).toArray()) {
        const QJsonObject conversation =
            entry.toObject().value(QStringLiteral("conversation")).toObject();
        const QString id = idOf(conversation);
        const QJsonArray messages = entry.toObject().value(QStringLiteral("messages")).toArray();
        int expectedSeq = cursors.value(id).toInt(0) + 1;
        if (messages.isEmpty() || messages.size() > limit) {
            problems.append(
                QStringLiteral("%1 came with %2 messages").arg(id).arg(messages.size()));
        }
        for (const QJsonValue& message : messages) {
            if (seqOf(message.toObject()) != expectedSeq++) {
                problems.append(QStringLiteral("%1: seq %2 where %3 was due")
                                    .arg(id)
                                    .arg(seqOf(message.toObject()))
                                    .arg(expectedSeq - 1));
            }
            log.messages[id].append(message.toObject());
        }
        const bool hasMore = entry.toObject().value(QStringLiteral("has_more")).toBool();
        if (hasMore != (expectedSeq - 1 < conversation.value(QStringLiteral("last_seq")).toInt())) {
            problems.append(id + QStringLiteral(": has_more disagrees with last_seq"));
        }
        again = again || hasMore;
        cursors.insert(id, expectedSeq - 1);
        if (!log.conversations.contains(id)) {
            log.order.append(id);
        }
        log.conversations.insert(id, conversation);
    }
    for (const QJsonValue& id : result.value(QStringLiteral("removed")).toArray()) {
        log.removed.append(id.toString());
        cursors.remove(id.toString());
    }
    return problems;
}

// Calls sync until nothing more is announced; `cursors` ends as the client's new cursors.
// `limit` 0 leaves limit_per_conversation out (the default).
QStringList syncUntilDone(WsTestClient& client, QJsonObject& cursors, int limit, SyncLog& log) {
    const int pageLimit = limit > 0 ? limit : kDefaultMessagesPerConversation;
    for (bool again = true; again;) {
        if (++log.calls > kMaxSyncCalls) {
            return {QStringLiteral("sync never finished")};
        }
        const QJsonObject response = client.call(spec::method::kSync, syncParams(cursors, limit));
        if (!isResult(response)) {
            return {QStringLiteral("sync failed: ") + describe(response)};
        }
        const QStringList problems = absorb(resultOf(response), pageLimit, cursors, log, again);
        if (!problems.isEmpty()) {
            return problems;
        }
    }
    return {};
}

QStringList idsOf(const QList<QJsonObject>& messages) {
    QStringList ids;
    for (const QJsonObject& message : messages) {
        ids.append(idOf(message));
    }
    return ids;
}

}  // namespace

class TestChatSync : public ChatServerTest {
    Q_OBJECT

private:
    // Sends `count` messages to the conversation without waiting, then waits for every answer.
    bool sendMany(WsTestClient& client, const QJsonObject& target, int count);

private slots:
    void catchUpAfterDisconnectDuringBurst();
    void smallPagesYieldEverythingExactlyOnce();
    void removedConversationIsListed();
    void cursorFromTheFutureIsRefused();
};

bool TestChatSync::sendMany(WsTestClient& client, const QJsonObject& target, int count) {
    static int batch = 0;
    ++batch;
    for (int i = 0; i < count; ++i) {
        client.sendRequest(QStringLiteral("many%1-%2").arg(batch).arg(i),
                           spec::method::kMessagesSend,
                           textParams(target, QStringLiteral("burst %1").arg(i)));
    }
    for (int i = 0; i < count; ++i) {
        const QJsonObject response =
            client.waitForResponse(QStringLiteral("many%1-%2").arg(batch).arg(i));
        if (!isResult(response)) {
            qWarning().noquote() << describe(response);
            return false;
        }
    }
    return true;
}

void TestChatSync::catchUpAfterDisconnectDuringBurst() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("cu"), 3);
    QCOMPARE(users.size(), 3);
    const ChatUser& alice = users.at(0);
    const ChatUser& bob = users.at(1);
    const ChatUser& carol = users.at(2);
    const QJsonObject created =
        alice.client->call(spec::method::kConversationsCreateGroup,
                           createGroupParams(QStringLiteral("Burst"), {bob.userId, carol.userId},
                                             QStringLiteral("go")));
    NATTER_VERIFY_RESULT(created);
    const QString groupId = idOf(conversationOf(created));
    const QJsonObject privateFirst =
        sendText(*alice.client, toUser(bob.userId), QStringLiteral("psst"));
    const QString privateId = conversationIdOf(privateFirst);
    QVERIFY(!waitForMessageSeq(*bob.client, privateId, 1).isEmpty());

    // Bob's connection drops in the middle of a burst.
    for (int i = 0; i < 30; ++i) {
        alice.client->sendRequest(
            QStringLiteral("g%1").arg(i), spec::method::kMessagesSend,
            textParams(toConversation(groupId), QStringLiteral("g%1").arg(i)));
    }
    QVERIFY(!waitForMessageSeq(*bob.client, groupId, 7).isEmpty());
    bob.client->close();
    for (int i = 0; i < 30; ++i) {
        NATTER_VERIFY_RESULT(alice.client->waitForResponse(QStringLiteral("g%1").arg(i)));
    }
    // Pauses keep the activity timestamps distinct, so "most recently active first" is one order.
    QVERIFY(sendMany(*carol.client, toConversation(groupId), 5));
    QTest::qWait(3);
    QVERIFY(sendMany(*alice.client, toConversation(privateId), 3));
    QTest::qWait(3);
    const QJsonObject fromCarol =
        sendText(*carol.client, toUser(bob.userId), QStringLiteral("new chat"));
    NATTER_VERIFY_RESULT(fromCarol);
    const QString carolChatId = conversationIdOf(fromCarol);

    // What bob had heard, as a client would keep it.
    QHash<QString, QList<QJsonObject>> heard;
    QJsonObject cursors;
    for (const QString& id : {groupId, privateId}) {
        heard[id] = messageEvents(*bob.client, id);
        cursors.insert(id, seqOf(heard[id].last()));
    }
    WsTestClient* reconnected = server_.resume(bob.token);
    QVERIFY(reconnected);
    SyncLog log;
    NATTER_VERIFY_NO_PROBLEMS(syncUntilDone(*reconnected, cursors, 0, log));
    QCOMPARE(log.calls, 1);  // well under every limit: one answer holds everything
    QCOMPARE(log.order,
             QStringList({carolChatId, privateId, groupId}));  // most recently active first
    QCOMPARE(log.conversations.value(carolChatId).value(QStringLiteral("name")).toString(),
             carol.displayName);
    QVERIFY(log.removed.isEmpty());
    for (const QString& id : {groupId, privateId, carolChatId}) {
        const QStringList everything = idsOf(fullHistory(*reconnected, id));
        QCOMPARE(idsOf(heard.value(id)) + idsOf(log.messages.value(id)), everything);
    }
    // Nothing new: the next sync lists nothing.
    const QJsonObject again = reconnected->call(spec::method::kSync, syncParams(cursors, 0));
    NATTER_VERIFY_RESULT(again);
    QVERIFY(resultOf(again).value(QStringLiteral("conversations")).toArray().isEmpty());
    QCOMPARE(resultOf(again).value(QStringLiteral("more")), QJsonValue(false));
}

void TestChatSync::smallPagesYieldEverythingExactlyOnce() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("pg"), 2);
    QCOMPARE(users.size(), 2);
    const ChatUser& alice = users.at(0);
    const ChatUser& bob = users.at(1);
    QVERIFY(sendMany(*alice.client, toUser(bob.userId), 1));
    const QJsonObject created = alice.client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Pages"), {bob.userId}, QStringLiteral("start")));
    NATTER_VERIFY_RESULT(created);
    const QString groupId = idOf(conversationOf(created));
    QVERIFY(sendMany(*alice.client, toUser(bob.userId), 22));
    QVERIFY(sendMany(*bob.client, toConversation(groupId), 11));

    WsTestClient* device = server_.resume(bob.token);
    QVERIFY(device);
    QJsonObject cursors;  // a new device knows nothing yet: every conversation starts at 0
    SyncLog log;
    NATTER_VERIFY_NO_PROBLEMS(syncUntilDone(*device, cursors, 5, log));
    QCOMPARE(log.conversations.size(), 2);
    QVERIFY(log.calls >= 5);  // 23 private messages in pages of 5
    for (auto it = log.messages.cbegin(); it != log.messages.cend(); ++it) {
        QCOMPARE(idsOf(it.value()), idsOf(fullHistory(*device, it.key())));
    }
    QCOMPARE(log.messages.value(groupId).size(), 13);
}

void TestChatSync::removedConversationIsListed() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("rm"), 3);
    QCOMPARE(users.size(), 3);
    const ChatUser& owner = users.at(0);
    const ChatUser& bob = users.at(1);
    const QJsonObject created = owner.client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Leaving"), {bob.userId, users.at(2).userId},
                          QStringLiteral("hi")));
    NATTER_VERIFY_RESULT(created);
    const QString groupId = idOf(conversationOf(created));
    QVERIFY(!waitForMessageSeq(*bob.client, groupId, 2).isEmpty());
    bob.client->close();
    QJsonObject removeParams = conversationParam(groupId);
    removeParams.insert(QStringLiteral("member_id"), bob.userId);
    NATTER_VERIFY_RESULT(
        owner.client->call(spec::method::kConversationsRemoveMember, removeParams));
    NATTER_VERIFY_RESULT(
        sendText(*owner.client, toConversation(groupId), QStringLiteral("without bob")));

    WsTestClient* reconnected = server_.resume(bob.token);
    QVERIFY(reconnected);
    const QJsonObject response =
        reconnected->call(spec::method::kSync, syncParams({{groupId, 2}}, 0));
    NATTER_VERIFY_RESULT(response);
    QCOMPARE(resultOf(response).value(QStringLiteral("removed")).toArray(), QJsonArray({groupId}));
    QVERIFY(resultOf(response).value(QStringLiteral("conversations")).toArray().isEmpty());

    // Membership is decided first: a cursor beyond last_seq of the group bob left is no
    // cursor_out_of_range. And ids that never named a conversation are listed as well, so the
    // answer does not tell which ids exist.
    const QString neverExisted = QStringLiteral("c_AAAAAAAAAAAAAAAAAAAAAA");
    const QJsonObject beyond =
        reconnected->call(spec::method::kSync, syncParams({{groupId, 99}, {neverExisted, 5}}, 0));
    NATTER_VERIFY_RESULT(beyond);
    QStringList removed;
    for (const QJsonValue& id : resultOf(beyond).value(QStringLiteral("removed")).toArray()) {
        removed.append(id.toString());
    }
    removed.sort();  // the order is unspecified
    QStringList expected{groupId, neverExisted};
    expected.sort();
    QCOMPARE(removed, expected);
}

void TestChatSync::cursorFromTheFutureIsRefused() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("fut"), 2);
    QCOMPARE(users.size(), 2);
    QVERIFY(sendMany(*users.at(0).client, toUser(users.at(1).userId), 3));
    const QJsonObject list = users.at(1).client->call(spec::method::kConversationsList);
    const QString id =
        idOf(resultOf(list).value(QStringLiteral("conversations")).toArray().first().toObject());

    const QJsonObject beyond =
        users.at(1).client->call(spec::method::kSync, syncParams({{id, 4}}, 0));
    NATTER_COMPARE_ERROR(beyond, "cursor_out_of_range");
    QCOMPARE(errorOf(beyond).value(QStringLiteral("field")).toString(), QStringLiteral("cursors"));

    const QJsonObject atEnd =
        users.at(1).client->call(spec::method::kSync, syncParams({{id, 3}}, 0));
    NATTER_VERIFY_RESULT(atEnd);
    QVERIFY(resultOf(atEnd).value(QStringLiteral("conversations")).toArray().isEmpty());

    const QJsonObject mostAllowed = users.at(1).client->call(
        spec::method::kSync, syncParams({{id, 0}}, spec::kSyncMessagesPerConversationMax));
    NATTER_VERIFY_RESULT(mostAllowed);
    NATTER_COMPARE_INVALID_PARAM(
        users.at(1).client->call(spec::method::kSync,
                                 syncParams({{id, 0}}, spec::kSyncMessagesPerConversationMax + 1)),
        "limit_per_conversation");
}

QTEST_GUILESS_MAIN(TestChatSync)
#include "tst_chat_sync.moc"
