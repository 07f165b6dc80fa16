// Exact unread counts (docs/protocol.md section 5.5 "Read state", conversations.list
// total_unread, section 5.2 durability): after bursts from several senders into a group and
// private conversations, counted from the stored history itself — own messages and system
// messages never count — and unchanged after a reconnect and after a server restart.
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "presence_support.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;

namespace {

constexpr int kGroupBurstPerSender = 10;
constexpr int kPrivateBurst = 5;
constexpr int kOwnMessages = 3;
constexpr qint64 kGroupMarker = 10;

// Messages after `afterSeq` that another user sent: what section 5.5 counts as unread.
qint64 unreadFromHistory(const QList<QJsonObject>& messages, const QString& readerId,
                         qint64 afterSeq) {
    qint64 unread = 0;
    for (const QJsonObject& message : messages) {
        const QJsonValue sender = message.value(QStringLiteral("sender"));
        if (seqOf(message) > afterSeq && sender.isObject() && idOf(sender.toObject()) != readerId) {
            ++unread;
        }
    }
    return unread;
}

// One connection's burst of text messages: sent without waiting, answered later.
struct Burst {
    WsTestClient* client;
    QStringList requestIds;
};

Burst startBurst(WsTestClient& client, const QString& conversationId, int count) {
    Burst burst{&client, {}};
    const QString stem = newClientMessageId();
    for (int i = 0; i < count; ++i) {
        burst.requestIds.append(QStringLiteral("%1-%2").arg(stem).arg(i));
        client.sendRequest(
            burst.requestIds.constLast(), spec::method::kMessagesSend,
            textParams(toConversation(conversationId), QStringLiteral("burst %1").arg(i)));
    }
    return burst;
}

// Waits for every answer of every burst; empty when all succeeded, else the failures.
QString finishBursts(const QList<Burst>& bursts) {
    QString problems;
    for (const Burst& burst : bursts) {
        for (const QString& id : burst.requestIds) {
            const QJsonObject answer = burst.client->waitForResponse(id);
            if (!isResult(answer)) {
                problems += describe(answer) + u'\n';
            }
        }
    }
    return problems;
}

}  // namespace

class TestPresenceUnreadCounts : public QObject {
    Q_OBJECT

private:
    void setUpConversations();
    void sendBursts();
    // Computes the expected unread count of every conversation from its history.
    QHash<QString, qint64> expectedUnread(WsTestClient& client);
    // Fails unless get, list (with total_unread) and sync all show `expected`.
    void verifyCounts(WsTestClient& client, const QHash<QString, qint64>& expected);

    ChatServer server_;
    ChatUser reader_;
    QList<ChatUser> senders_;  // senders_[0] owns the group; [1] and [2] also write privately
    ChatUser latecomer_;
    QString groupId_;
    QStringList privateIds_;
    QHash<QString, qint64> counts_;  // what every later check must find again

private slots:
    void initTestCase();
    void cleanup();

    void countsAreExactAfterBursts();
    void countsSurviveAReconnect();
    void countsSurviveAServerRestart();
    void leftConversationLeavesTheTotal();
};

void TestPresenceUnreadCounts::initTestCase() {
    const QString problem = server_.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPresenceUnreadCounts::cleanup() {
    reportServerOnFailure(server_);
    NATTER_VERIFY_NO_PROBLEMS(server_.releaseClients());
}

void TestPresenceUnreadCounts::setUpConversations() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("uc"), 5);
    QCOMPARE(users.size(), 5);
    reader_ = users.at(0);
    senders_ = users.mid(1, 3);
    latecomer_ = users.at(4);
    QString error;
    groupId_ = createGroup(*senders_.at(0).client,
                           {reader_.userId, senders_.at(1).userId, senders_.at(2).userId}, &error);
    QVERIFY2(!groupId_.isEmpty(), qPrintable(error));
    for (const ChatUser& sender : senders_.mid(1)) {
        privateIds_.append(startPrivateConversation(*sender.client, reader_.userId, &error));
        QVERIFY2(!privateIds_.constLast().isEmpty(), qPrintable(error));
    }
}

void TestPresenceUnreadCounts::sendBursts() {
    // Everyone's bursts are in flight at once; the reader writes too (never unread for itself).
    QList<Burst> bursts;
    for (const ChatUser& sender : senders_) {
        bursts.append(startBurst(*sender.client, groupId_, kGroupBurstPerSender));
    }
    bursts.append(startBurst(*reader_.client, groupId_, kOwnMessages));
    for (qsizetype i = 0; i < privateIds_.size(); ++i) {
        bursts.append(startBurst(*senders_.at(i + 1).client, privateIds_.at(i), kPrivateBurst));
        bursts.append(startBurst(*reader_.client, privateIds_.at(i), 1));
    }
    const QString problems = finishBursts(bursts);
    QVERIFY2(problems.isEmpty(), qPrintable(problems));
    // System messages (members_added, renamed) never count either.
    WsTestClient& owner = *senders_.at(0).client;
    NATTER_VERIFY_RESULT(
        owner.call(spec::method::kConversationsAddMembers,
                   {{QStringLiteral("conversation_id"), groupId_},
                    {QStringLiteral("member_ids"), QJsonArray{latecomer_.userId}}}));
    NATTER_VERIFY_RESULT(owner.call(spec::method::kConversationsRename,
                                    {{QStringLiteral("conversation_id"), groupId_},
                                     {QStringLiteral("name"), QStringLiteral("Renamed")}}));
}

QHash<QString, qint64> TestPresenceUnreadCounts::expectedUnread(WsTestClient& client) {
    QHash<QString, qint64> expected;
    QString error;
    for (const QString& id : QStringList{groupId_} + privateIds_) {
        const QJsonObject conversation = fetchConversation(client, id, &error);
        const qint64 marker = readStateOf(conversation).at(0);
        expected.insert(id, unreadFromHistory(fullHistory(client, id, &error), reader_.userId,
                                              qMax<qint64>(0, marker)));
    }
    if (!error.isEmpty()) {
        qWarning().noquote() << error;
    }
    return expected;
}

void TestPresenceUnreadCounts::verifyCounts(WsTestClient& client,
                                            const QHash<QString, qint64>& expected) {
    qint64 sum = 0;
    QString error;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        QCOMPARE(readStateOf(fetchConversation(client, it.key(), &error)).at(1), it.value());
        sum += it.value();
    }
    const ConversationList list = listAllConversations(client);
    QVERIFY2(list.error.isEmpty(), qPrintable(list.error));
    QCOMPARE(list.byId.size(), expected.size());
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        QCOMPARE(readStateOf(list.byId.value(it.key())).at(1), it.value());
    }
    QCOMPARE(list.totalUnread.toInteger(-1), sum);
    // The total covers all conversations, not just the page asked for.
    const QJsonObject firstPage =
        client.call(spec::method::kConversationsList, {{QStringLiteral("limit"), 1}});
    QCOMPARE(resultOf(firstPage).value(QStringLiteral("conversations")).toArray().size(), 1);
    QCOMPARE(resultOf(firstPage).value(QStringLiteral("total_unread")).toInteger(-1), sum);
    const QHash<QString, QJsonObject> synced = syncedConversations(client, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        QCOMPARE(readStateOf(synced.value(it.key())).at(1), it.value());
    }
}

void TestPresenceUnreadCounts::countsAreExactAfterBursts() {
    setUpConversations();
    if (QTest::currentTestFailed())
        return;
    sendBursts();
    if (QTest::currentTestFailed())
        return;

    QHash<QString, qint64> expected = expectedUnread(*reader_.client);
    // The history agrees with what was sent: the owner's first message and every burst of the
    // others; nothing of the reader's own, nothing of the system's.
    QCOMPARE(expected.value(groupId_), 1 + qint64(senders_.size()) * kGroupBurstPerSender);
    for (const QString& id : privateIds_) {
        QCOMPARE(expected.value(id), qint64(1 + kPrivateBurst));
    }
    verifyCounts(*reader_.client, expected);
    if (QTest::currentTestFailed())
        return;

    // A marker in the middle of the group leaves exactly the later messages of others unread;
    // the answer and the event carry the total over every conversation.
    const qsizetype from = positionOf(*reader_.client);
    const QJsonObject answer = markRead(*reader_.client, groupId_, kGroupMarker);
    counts_ = expectedUnread(*reader_.client);
    QVERIFY(counts_.value(groupId_) < expected.value(groupId_));
    qint64 total = 0;
    for (qint64 count : std::as_const(counts_)) {
        total += count;
    }
    const QJsonObject expectedState =
        readStateData(groupId_, kGroupMarker, counts_.value(groupId_), total);
    NATTER_COMPARE_JSON(resultOf(answer), expectedState);
    QVERIFY(waitForEventCount(*reader_.client, spec::event::kReadStateChanged, 1, from));
    NATTER_COMPARE_JSON(
        eventData(*reader_.client, spec::event::kReadStateChanged, from).constFirst(),
        expectedState);
    verifyCounts(*reader_.client, counts_);
}

void TestPresenceUnreadCounts::countsSurviveAReconnect() {
    QVERIFY(!counts_.isEmpty());
    WsTestClient* again = server_.resume(reader_.token);
    QVERIFY(again);
    verifyCounts(*again, counts_);
    QCOMPARE(readStateOf(fetchConversation(*again, groupId_, nullptr)).at(0), kGroupMarker);
}

void TestPresenceUnreadCounts::countsSurviveAServerRestart() {
    QVERIFY(!counts_.isEmpty());
    server_.process().stop();
    const QString problem = server_.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    WsTestClient* again = server_.resume(reader_.token);
    QVERIFY(again);
    verifyCounts(*again, counts_);
    QCOMPARE(readStateOf(fetchConversation(*again, groupId_, nullptr)).at(0), kGroupMarker);

    // Counting goes on from the restored state.
    WsTestClient* sender = server_.resume(senders_.at(1).token);
    QVERIFY(sender);
    NATTER_VERIFY_RESULT(
        sendText(*sender, toConversation(privateIds_.at(0)), QStringLiteral("after")));
    QVERIFY(waitForMessageEvents(*again, privateIds_.at(0), 1));
    counts_[privateIds_.at(0)] += 1;
    verifyCounts(*again, counts_);
}

void TestPresenceUnreadCounts::leftConversationLeavesTheTotal() {
    QVERIFY(!counts_.isEmpty());
    WsTestClient* again = server_.resume(reader_.token);
    QVERIFY(again);
    NATTER_VERIFY_RESULT(
        again->call(spec::method::kConversationsLeave, conversationParam(groupId_)));
    // total_unread is the sum over the caller's conversations: the group is not one any more.
    counts_.remove(groupId_);
    verifyCounts(*again, counts_);
    NATTER_COMPARE_ERROR(markRead(*again, groupId_, kGroupMarker), "not_member");
}

QTEST_GUILESS_MAIN(TestPresenceUnreadCounts)
#include "tst_presence_unread_counts.moc"
