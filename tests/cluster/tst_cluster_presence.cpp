// Presence and node death across two natter-server nodes on one PostgreSQL and one Redis
// (docs/scaling.md, "Presence"; docs/protocol.md section 5.4): a user signed in on both nodes at
// once is announced online once and, after both sessions close, offline once; a user whose only
// node is killed with SIGKILL is announced offline once by the surviving node within the node
// alive TTL; and a node killed mid-traffic loses and doubles no acknowledged message while its
// clients resume on the other node and catch up exactly. Every engine is started here; the test
// fails, never skips. The nodes run with a short --node-alive-ttl so that a death is noticed fast.
#include <QElapsedTimer>
#include <QJsonArray>
#include <QtTest>
#include <algorithm>
#include <memory>

#include "chat_checks.h"
#include "chat_server.h"
#include "cluster_node.h"
#include "presence_support.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;

namespace {

// --node-alive-ttl of the nodes: their heartbeat runs every quarter of it (500 ms).
constexpr int kAliveTtlSeconds = 2;
// A killed node's alive key expires after the TTL; the survivor's next heartbeat notices.
constexpr int kDeathNoticedMs = kAliveTtlSeconds * 1'000 + kAliveTtlSeconds * 1'000 / 4;
// Longer than a directory change takes from one node through Redis to the others.
constexpr int kDirectorySettleMs = 200;
// Messages each side sends in the burst during which a node is killed.
constexpr int kBurst = 12;

// The (seq, id) of messages, in order, for comparing a sync with the history.
QStringList seqsAndIds(const QList<QJsonObject>& messages) {
    QStringList out;
    for (const QJsonObject& message : messages) {
        out.append(QStringLiteral("%1:%2").arg(seqOf(message)).arg(idOf(message)));
    }
    return out;
}

// One message.send of the burst: what was sent and, if the server answered, the message it stored.
struct BurstSend {
    QString requestId;
    QString body;
    QString clientMessageId;
    QJsonObject acked;  // empty: no answer came before the node died
};

}  // namespace

class TestClusterPresence : public QObject {
    Q_OBJECT

private:
    TwoNodeCluster cluster_;
    ChatServer* nodeA_ = nullptr;
    ChatServer* nodeB_ = nullptr;

    // The presence.changed statuses about `user` that `watcher` got since `from`.
    static QStringList statusesAbout(const WsTestClient& watcher, const ChatUser& user,
                                     qsizetype from) {
        return statusesOf(presenceChangesAbout(watcher, user.userId, from));
    }
    // The status presence.get gives `asker` for `user` (empty when the request failed).
    static QString statusFromGet(WsTestClient& asker, const ChatUser& user) {
        const QJsonArray presence =
            resultOf(presenceGet(asker, {user.userId})).value(QStringLiteral("presence")).toArray();
        return presence.first().toObject().value(QStringLiteral("status")).toString();
    }

    // Sends messages `first` .. `first + count - 1` of a burst without waiting for the answers.
    static QList<BurstSend> sendBurst(WsTestClient& client, const QString& conversationId,
                                      const QString& stem, int first = 0, int count = kBurst);
    static void collectAcks(WsTestClient& client, QList<BurstSend>& sends);
    static void verifyEachOnce(const QList<QJsonObject>& history, const QList<BurstSend>& sends);

private slots:
    void initTestCase() {
        const QString problem =
            cluster_.start({QStringLiteral("--node-alive-ttl"), QString::number(kAliveTtlSeconds)});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        nodeA_ = cluster_.nodeA.get();
        nodeB_ = cluster_.nodeB.get();
    }
    // A test that killed node B leaves it to be started again (with a new node id).
    void init() {
        if (!nodeB_->process().isRunning()) {
            const QString problem = nodeB_->start();
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }
    void cleanup() {
        reportServerOnFailure(*nodeA_);
        reportServerOnFailure(*nodeB_);
        nodeA_->releaseClients();
        nodeB_->releaseClients();
    }

    void userOnTwoNodesIsAnnouncedOnceEachWay();
    void usersOfALostNodeGoOfflineOnce_data();
    void usersOfALostNodeGoOfflineOnce();
    void killMidTrafficLosesAndDoublesNothing();
};

// The user signs in on node A and node B at the same moment, then closes both at the same moment:
// watchers on both nodes see one online and, after the grace period, one offline.
void TestClusterPresence::userOnTwoNodesIsAnnouncedOnceEachWay() {
    const ChatUser peerA = nodeA_->registerUser(QStringLiteral("cpa"));
    const ChatUser peerB = nodeB_->registerUser(QStringLiteral("cpb"));
    const ChatUser user = nodeA_->registerUser(QStringLiteral("cpu"));
    QVERIFY(peerA.ok() && peerB.ok() && user.ok());
    QString error;
    QVERIFY2(!createGroup(*peerA.client, {peerB.userId, user.userId}, &error).isEmpty(),
             qPrintable(error));
    user.client->close();  // offline after the grace period: then both sign-ins are first ones
    QTRY_VERIFY_WITH_TIMEOUT(
        statusesAbout(*peerA.client, user, 0).contains(QStringLiteral("offline")),
        spec::kPresenceOfflineGraceMs + kLateToleranceMs);
    const qsizetype fromA = positionOf(*peerA.client);
    const qsizetype fromB = positionOf(*peerB.client);

    WsTestClient* onA = nodeA_->connect();
    WsTestClient* onB = nodeB_->connect();
    QVERIFY(onA && onB);
    const QJsonObject resume{{QStringLiteral("token"), user.token}};
    onA->sendRequest(QStringLiteral("r"), spec::method::kAuthResume, resume);
    onB->sendRequest(QStringLiteral("r"), spec::method::kAuthResume, resume);
    QVERIFY(isResult(onA->waitForResponse(QStringLiteral("r"))));
    QVERIFY(isResult(onB->waitForResponse(QStringLiteral("r"))));
    QTRY_VERIFY(!statusesAbout(*peerA.client, user, fromA).isEmpty() &&
                !statusesAbout(*peerB.client, user, fromB).isEmpty());
    listenQuietly(kQuietPeriodMs + kDirectorySettleMs);
    QCOMPARE(statusesAbout(*peerA.client, user, fromA), QStringList{QStringLiteral("online")});
    QCOMPARE(statusesAbout(*peerB.client, user, fromB), QStringList{QStringLiteral("online")});

    onA->close();
    onB->close();
    // In the grace period, whichever node it runs on, both nodes still show the user online.
    QTest::qWait(kDirectorySettleMs);
    QCOMPARE(statusFromGet(*peerA.client, user), QStringLiteral("online"));
    QCOMPARE(statusFromGet(*peerB.client, user), QStringLiteral("online"));
    QTRY_VERIFY_WITH_TIMEOUT(statusesAbout(*peerA.client, user, fromA).size() == 2 &&
                                 statusesAbout(*peerB.client, user, fromB).size() == 2,
                             spec::kPresenceOfflineGraceMs + kLateToleranceMs);
    listenQuietly(kDeathNoticedMs);  // a second offline would come from a node's next heartbeat
    const QStringList onceEach{QStringLiteral("online"), QStringLiteral("offline")};
    QCOMPARE(statusesAbout(*peerA.client, user, fromA), onceEach);
    QCOMPARE(statusesAbout(*peerB.client, user, fromB), onceEach);
    QCOMPARE(statusFromGet(*peerA.client, user), QStringLiteral("offline"));
    QCOMPARE(statusFromGet(*peerB.client, user), QStringLiteral("offline"));
}

// SIGKILL takes the user's only node away: nobody closes the session or runs its grace period, so
// the surviving node announces the user offline once the dead node's alive key has expired. A node
// stopped cleanly (SIGTERM) leaves the grace period to run out in Redis: the surviving node's next
// heartbeat after it announces the user. Its leave is its last word to Redis, so it must work even
// on a Redis that has not cached the leave script (the reply to a NOSCRIPT is never read): scripts
// are flushed first, and nothing may be announced before the grace period has run.
void TestClusterPresence::usersOfALostNodeGoOfflineOnce_data() {
    QTest::addColumn<bool>("sigkill");
    QTest::addColumn<int>("withinMs");
    QTest::newRow("SIGKILL") << true << kDeathNoticedMs;
    QTest::newRow("SIGTERM") << false
                             << spec::kPresenceOfflineGraceMs + kAliveTtlSeconds * 1'000 / 4;
}

void TestClusterPresence::usersOfALostNodeGoOfflineOnce() {
    QFETCH(bool, sigkill);
    QFETCH(int, withinMs);
    const ChatUser peer = nodeA_->registerUser(QStringLiteral("kpa"));
    const ChatUser user = nodeB_->registerUser(QStringLiteral("kpu"));
    QVERIFY(peer.ok() && user.ok());
    QString error;
    QVERIFY2(!createGroup(*peer.client, {user.userId}, &error).isEmpty(), qPrintable(error));
    QTest::qWait(kDirectorySettleMs);
    const qsizetype from = positionOf(*peer.client);
    const qint64 killedAt = nowMs();

    if (sigkill) {
        nodeB_->process().kill();
    } else {
        QVERIFY(cluster_.redis.flushScripts());
        QCOMPARE(nodeB_->process().stop(), 0);
        listenQuietly(spec::kPresenceOfflineGraceMs - kDirectorySettleMs);
        QVERIFY2(statusesAbout(*peer.client, user, from).isEmpty(),
                 "offline before the grace period: the leave did not reach Redis");
    }
    QTRY_VERIFY_WITH_TIMEOUT(!statusesAbout(*peer.client, user, from).isEmpty(),
                             withinMs + kLateToleranceMs);
    listenQuietly(kDeathNoticedMs);
    QCOMPARE(statusesAbout(*peer.client, user, from), QStringList{QStringLiteral("offline")});
    QCOMPARE(statusFromGet(*peer.client, user), QStringLiteral("offline"));
    const QJsonObject offline = presenceChangesAbout(*peer.client, user.userId, from).first();
    NATTER_VERIFY_NO_PROBLEMS(presenceShapeProblems(offline, user.userId));
    const qint64 lastSeen = offline.value(QStringLiteral("last_seen_at")).toInteger();
    QVERIFY2(lastSeen >= killedAt - kDirectorySettleMs && lastSeen <= nowMs(),
             qPrintable(describe(offline)));
}

QList<BurstSend> TestClusterPresence::sendBurst(WsTestClient& client, const QString& conversationId,
                                                const QString& stem, int first, int count) {
    QList<BurstSend> sends;
    for (int i = first; i < first + count; ++i) {
        BurstSend send{stem + QString::number(i),
                       stem + QStringLiteral(" message ") + QString::number(i),
                       newClientMessageId(),
                       {}};
        client.sendRequest(
            send.requestId, spec::method::kMessagesSend,
            textParams(toConversation(conversationId), send.body, send.clientMessageId));
        sends.append(send);
    }
    return sends;
}

// Records the answers that arrived (a message.send answered with an error is a failure).
void TestClusterPresence::collectAcks(WsTestClient& client, QList<BurstSend>& sends) {
    for (BurstSend& send : sends) {
        if (send.acked.isEmpty() && client.responseCount(send.requestId) > 0) {
            const QJsonObject answer = client.waitForResponse(send.requestId, 0);
            QVERIFY2(isResult(answer), qPrintable(describe(answer)));
            send.acked = messageOf(answer);
        }
    }
}

// Every message of the burst is in the history exactly once, as acknowledged when it was.
void TestClusterPresence::verifyEachOnce(const QList<QJsonObject>& history,
                                         const QList<BurstSend>& sends) {
    for (const BurstSend& send : sends) {
        QList<QJsonObject> found;
        for (const QJsonObject& message : history) {
            if (message.value(QStringLiteral("body")).toString() == send.body) {
                found.append(message);
            }
        }
        QVERIFY2(
            found.size() == 1,
            qPrintable(
                QStringLiteral("%1 is in the history %2 times").arg(send.body).arg(found.size())));
        if (!send.acked.isEmpty()) {
            QCOMPARE(idOf(found.first()), idOf(send.acked));
            QCOMPARE(seqOf(found.first()), seqOf(send.acked));
        }
    }
}

// Both clients send a burst; node B dies while bob's burst is on its way. Bob resumes on node A,
// resends what was not acknowledged (same client_message_id, as a client does) and syncs.
void TestClusterPresence::killMidTrafficLosesAndDoublesNothing() {
    const ChatUser alice = nodeA_->registerUser(QStringLiteral("ka"));
    const ChatUser bob = nodeB_->registerUser(QStringLiteral("kb"));
    QVERIFY(alice.ok() && bob.ok());
    QTest::qWait(kDirectorySettleMs);
    const QJsonObject first = sendText(*alice.client, toUser(bob.userId), QStringLiteral("start"));
    QVERIFY2(isResult(first), qPrintable(describe(first)));
    const QString chatId = conversationIdOf(first);
    QVERIFY(waitForMessageEvents(*bob.client, chatId, 1));
    const int bobCursor = seqOf(messageOf(first));

    QList<BurstSend> bobSends = sendBurst(*bob.client, chatId, QStringLiteral("b"), 0, kBurst / 2);
    QList<BurstSend> aliceSends = sendBurst(*alice.client, chatId, QStringLiteral("a"));
    QTRY_VERIFY(bob.client->responseCount(bobSends.constLast().requestId) > 0);
    bobSends += sendBurst(*bob.client, chatId, QStringLiteral("b"), kBurst / 2, kBurst / 2);
    nodeB_->process().kill();  // the rest of bob's burst is on its way: stored or not, unanswered
    QVERIFY(bob.client->waitForDisconnected());
    QTRY_VERIFY(alice.client->responseCount(aliceSends.last().requestId) > 0);
    collectAcks(*alice.client, aliceSends);
    for (const BurstSend& send : std::as_const(aliceSends)) {  // her node lives: all answered
        QVERIFY2(!send.acked.isEmpty(), qPrintable(send.body));
    }
    collectAcks(*bob.client, bobSends);
    const auto bobAcked =
        std::count_if(bobSends.cbegin(), bobSends.cend(),
                      [](const BurstSend& send) { return !send.acked.isEmpty(); });
    qInfo("bob's messages acknowledged before node B died: %d of %d", int(bobAcked), kBurst);

    WsTestClient* again = nodeA_->resume(bob.token);
    QVERIFY(again);
    QString error;
    const QList<QJsonObject> before = fullHistory(*again, chatId, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    qInfo("history before bob resends: %d of %d messages", int(before.size()), 1 + 2 * kBurst);
    for (const BurstSend& send : std::as_const(bobSends)) {
        if (send.acked.isEmpty()) {
            NATTER_VERIFY_RESULT(
                sendText(*again, toConversation(chatId), send.body, send.clientMessageId));
        }
    }
    const QJsonObject synced = again->call(
        spec::method::kSync, {{QStringLiteral("cursors"), QJsonObject{{chatId, bobCursor}}}});
    QVERIFY2(isResult(synced), qPrintable(describe(synced)));
    const QList<QJsonObject> history = fullHistory(*alice.client, chatId, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (qsizetype i = 0; i < history.size(); ++i) {
        QCOMPARE(seqOf(history.at(i)), int(i) + 1);  // gap-free: nothing doubled, nothing torn
    }
    QCOMPARE(history.size(), 1 + 2 * kBurst);
    verifyEachOnce(history, aliceSends);
    verifyEachOnce(history, bobSends);

    const QJsonArray conversations =
        resultOf(synced).value(QStringLiteral("conversations")).toArray();
    QCOMPARE(conversations.size(), 1);
    QList<QJsonObject> caughtUp;
    for (const QJsonValue& message :
         conversations.first().toObject().value(QStringLiteral("messages")).toArray()) {
        caughtUp.append(message.toObject());
    }
    QCOMPARE(seqsAndIds(caughtUp), seqsAndIds(history.mid(bobCursor)));
}

QTEST_GUILESS_MAIN(TestClusterPresence)
#include "tst_cluster_presence.moc"
