// Ordering under concurrent senders and idempotent retries (docs/protocol.md sections 3.4 "seq",
// 5.2 "Delivery" and "Idempotent retries").
#include <QHash>
#include <QMap>
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

constexpr int kUsers = 4;
constexpr int kConnectionsPerUser = 2;
// Each connection stays inside its request burst (kRequestBurst = 40), so no send is rate limited.
constexpr int kMessagesPerConnection = 13;
constexpr int kBurstTimeoutMs = 30'000;

// One member connection and what it sent in the burst.
struct Member {
    WsTestClient* client = nullptr;
    QStringList requestIds;
    QList<QJsonObject> acks;  // the Message of each answer
};

}  // namespace

class TestChatOrdering : public ChatServerTest {
    Q_OBJECT

private:
    // Sends every connection's messages interleaved, without waiting for answers, then collects
    // the answers; false when one failed.
    bool sendBurst(QList<Member>& members, const QString& groupId);
    // Checks what one connection saw: its events in strictly increasing seq, never its own sends,
    // and together with its acks every seq from `firstSeq` to `lastSeq` exactly once. Adds every
    // (seq, id) it saw to `idBySeq`, failing on a contradiction.
    void verifyConnectionSaw(const Member& member, const QString& groupId, int firstSeq,
                             int lastSeq, QHash<int, QString>& idBySeq);

private slots:
    void concurrentSendersAllSeeOneOrder();
    void retryWithSameClientMessageIdIsDuplicate();
    void clientMessageIdIsPerSender();
    void createGroupRetryIsDuplicate();
};

bool TestChatOrdering::sendBurst(QList<Member>& members, const QString& groupId) {
    for (int round = 0; round < kMessagesPerConnection; ++round) {
        for (qsizetype m = 0; m < members.size(); ++m) {
            const QString requestId = QStringLiteral("b%1-%2").arg(m).arg(round);
            members[m].requestIds.append(requestId);
            members[m].client->sendRequest(
                requestId, spec::method::kMessagesSend,
                textParams(toConversation(groupId), QStringLiteral("m%1 r%2").arg(m).arg(round)));
        }
    }
    for (Member& member : members) {
        for (const QString& requestId : std::as_const(member.requestIds)) {
            const QJsonObject response = member.client->waitForResponse(requestId, kBurstTimeoutMs);
            if (!isResult(response)) {
                qWarning().noquote() << "send failed:" << describe(response);
                return false;
            }
            member.acks.append(messageOf(response));
        }
    }
    return true;
}

void TestChatOrdering::verifyConnectionSaw(const Member& member, const QString& groupId,
                                           int firstSeq, int lastSeq,
                                           QHash<int, QString>& idBySeq) {
    const int expectedEvents = (lastSeq - firstSeq + 1) - int(member.acks.size());
    QVERIFY(QTest::qWaitFor(
        [&] {
            int count = 0;
            for (const QJsonObject& message : messageEvents(*member.client, groupId)) {
                count += seqOf(message) >= firstSeq ? 1 : 0;
            }
            return count >= expectedEvents;
        },
        kBurstTimeoutMs));
    QMap<int, QString> seen;
    int previousSeq = 0;
    QSet<QString> ownIds;
    for (const QJsonObject& ack : member.acks) {
        ownIds.insert(idOf(ack));
        seen.insert(seqOf(ack), idOf(ack));
    }
    for (const QJsonObject& message : messageEvents(*member.client, groupId)) {
        const int seq = seqOf(message);
        QVERIFY2(seq > previousSeq,
                 qPrintable(QStringLiteral("seq %1 after %2").arg(seq).arg(previousSeq)));
        previousSeq = seq;
        QVERIFY2(!ownIds.contains(idOf(message)), "a connection heard its own message");
        if (seq >= firstSeq) {
            QVERIFY2(!seen.contains(seq), qPrintable(QStringLiteral("seq %1 seen twice").arg(seq)));
            seen.insert(seq, idOf(message));
        }
    }
    QCOMPARE(seen.size(), lastSeq - firstSeq + 1);
    QCOMPARE(seen.firstKey(), firstSeq);
    QCOMPARE(seen.lastKey(), lastSeq);
    for (auto it = seen.begin(); it != seen.end(); ++it) {
        const QString known = idBySeq.value(it.key());
        QVERIFY2(known.isEmpty() || known == it.value(),
                 qPrintable(QStringLiteral("two messages with seq %1").arg(it.key())));
        idBySeq.insert(it.key(), it.value());
    }
}

void TestChatOrdering::concurrentSendersAllSeeOneOrder() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("ord"), kUsers);
    QCOMPARE(users.size(), kUsers);
    QStringList others;
    for (qsizetype i = 1; i < users.size(); ++i) {
        others.append(users.at(i).userId);
    }
    const QJsonObject created = users.first().client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Busy"), others, QStringLiteral("go")));
    NATTER_VERIFY_RESULT(created);
    const QString groupId = idOf(conversationOf(created));

    QList<Member> members;
    for (const ChatUser& user : users) {
        members.append(Member{user.client, {}, {}});
        for (int extra = 1; extra < kConnectionsPerUser; ++extra) {
            WsTestClient* client = server_.resume(user.token);
            QVERIFY(client);
            members.append(Member{client, {}, {}});
        }
    }
    QVERIFY(sendBurst(members, groupId));

    const int firstSeq = 3;  // 1: group_created, 2: the first message
    const int lastSeq = firstSeq + int(members.size()) * kMessagesPerConnection - 1;
    QHash<int, QString> idBySeq;
    for (const Member& member : std::as_const(members)) {
        verifyConnectionSaw(member, groupId, firstSeq, lastSeq, idBySeq);
        if (QTest::currentTestFailed()) {
            return;
        }
    }
    // messages.history tells the same story.
    const QList<QJsonObject> history = fullHistory(*users.at(1).client, groupId);
    QCOMPARE(history.size(), lastSeq);
    for (qsizetype i = 0; i < history.size(); ++i) {
        QCOMPARE(seqOf(history.at(i)), int(i) + 1);
        if (i + 1 >= firstSeq) {
            QCOMPARE(idOf(history.at(i)), idBySeq.value(int(i) + 1));
        }
    }
}

void TestChatOrdering::retryWithSameClientMessageIdIsDuplicate() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("dup"), 3);
    QCOMPARE(users.size(), 3);
    const ChatUser& alice = users.at(0);
    const ChatUser& bob = users.at(1);
    const ChatUser& carol = users.at(2);
    WsTestClient* aliceTablet = server_.loginNewDevice(alice, QStringLiteral("Tablet"));
    QVERIFY(aliceTablet);
    const QJsonObject created =
        alice.client->call(spec::method::kConversationsCreateGroup,
                           createGroupParams(QStringLiteral("Dups"), {bob.userId, carol.userId},
                                             QStringLiteral("hi")));
    NATTER_VERIFY_RESULT(created);
    const QString groupId = idOf(conversationOf(created));

    const QString clientMessageId = newClientMessageId();
    const QJsonObject original =
        sendText(*alice.client, toConversation(groupId), QStringLiteral("once"), clientMessageId);
    NATTER_VERIFY_RESULT(original);
    QCOMPARE(seqOf(messageOf(original)), 3);
    // The same request again, the same id with another body, another address, another device.
    const QList<QJsonObject> retries{
        sendText(*alice.client, toConversation(groupId), QStringLiteral("once"), clientMessageId),
        sendText(*alice.client, toConversation(groupId), QStringLiteral("twice?"), clientMessageId),
        sendText(*alice.client, toUser(bob.userId), QStringLiteral("elsewhere"), clientMessageId),
        sendText(*aliceTablet, toConversation(groupId), QStringLiteral("tablet"), clientMessageId)};
    for (const QJsonObject& retry : retries) {
        NATTER_VERIFY_RESULT(retry);
        QCOMPARE(resultOf(retry).value(QStringLiteral("duplicate")), QJsonValue(true));
        QCOMPARE(messageOf(retry), messageOf(original));
    }
    // The retries used no seq and created no private conversation.
    const QJsonObject next =
        sendText(*alice.client, toConversation(groupId), QStringLiteral("next"));
    QCOMPARE(seqOf(messageOf(next)), 4);
    QCOMPARE(resultOf(alice.client->call(spec::method::kConversationsList))
                 .value(QStringLiteral("conversations"))
                 .toArray()
                 .size(),
             1);

    // Members heard the message once: its event and then the next one's, nothing in between.
    for (WsTestClient* client : {bob.client, carol.client, aliceTablet}) {
        QVERIFY(!waitForMessageSeq(*client, groupId, 4).isEmpty());
        QList<int> seqs;
        for (const QJsonObject& message : messageEvents(*client, groupId)) {
            seqs.append(seqOf(message));
        }
        QCOMPARE(seqs.mid(seqs.size() - 2), QList<int>({3, 4}));
        QCOMPARE(seqs.count(3), 1);
    }
    const QList<QJsonObject> history = fullHistory(*carol.client, groupId);
    QCOMPARE(history.size(), 4);
    QCOMPARE(history.at(2), messageOf(original));
}

void TestChatOrdering::clientMessageIdIsPerSender() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("per"), 2);
    QCOMPARE(users.size(), 2);
    const QString clientMessageId = newClientMessageId();
    const QJsonObject fromAlice = sendText(*users.at(0).client, toUser(users.at(1).userId),
                                           QStringLiteral("a"), clientMessageId);
    NATTER_VERIFY_RESULT(fromAlice);
    const QJsonObject fromBob = sendText(*users.at(1).client, toUser(users.at(0).userId),
                                         QStringLiteral("b"), clientMessageId);
    NATTER_VERIFY_RESULT(fromBob);
    QCOMPARE(resultOf(fromBob).value(QStringLiteral("duplicate")), QJsonValue(false));
    QCOMPARE(seqOf(messageOf(fromBob)), 2);
    QVERIFY(idOf(messageOf(fromBob)) != idOf(messageOf(fromAlice)));
}

void TestChatOrdering::createGroupRetryIsDuplicate() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("cgd"), 2);
    QCOMPARE(users.size(), 2);
    const QJsonObject params =
        createGroupParams(QStringLiteral("Once"), {users.at(1).userId}, QStringLiteral("first"));
    const QJsonObject original =
        users.at(0).client->call(spec::method::kConversationsCreateGroup, params);
    NATTER_VERIFY_RESULT(original);
    const QJsonObject retry =
        users.at(0).client->call(spec::method::kConversationsCreateGroup, params);
    NATTER_VERIFY_RESULT(retry);
    QCOMPARE(resultOf(retry).value(QStringLiteral("duplicate")), QJsonValue(true));
    QCOMPARE(messageOf(retry), messageOf(original));
    QCOMPARE(idOf(conversationOf(retry)), idOf(conversationOf(original)));
    const QJsonObject list = users.at(1).client->call(spec::method::kConversationsList);
    QCOMPARE(resultOf(list).value(QStringLiteral("conversations")).toArray().size(), 1);
}

QTEST_GUILESS_MAIN(TestChatOrdering)
#include "tst_chat_ordering.moc"
