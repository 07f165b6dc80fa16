// "Storage before acknowledgement" and "Idempotent retries" (docs/protocol.md section 5.2): every
// acknowledged message survives a clean restart and a SIGKILL, exactly once, with its seq and id;
// retrying the unacknowledged ones with their client_message_id stores each exactly once.
#include <QElapsedTimer>
#include <QHash>
#include <QtTest>
#include <algorithm>

#include "chat_checks.h"
#include "chat_server.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

constexpr int kSenders = 3;
constexpr int kConnectionsPerSender = 2;
constexpr int kPipelineDepth = 3;
// A client-side budget that stays inside the server's request bucket (burst 40, 20 per second),
// so no send is rate limited and every connection still has requests in flight at the kill.
constexpr int kSendBudgetBurst = 35;
constexpr int kSendBudgetPerSecond = 18;
constexpr int kStreamMs = 1'500;

// One connection sending as fast as its answers come back, kPipelineDepth requests ahead.
class StreamingSender {
public:
    StreamingSender(WsTestClient* client, const ChatUser& user, QString groupId, QString tag)
        : client_(client), token_(user.token), groupId_(std::move(groupId)), tag_(std::move(tag)) {}

    const QString& token() const { return token_; }
    // The messages.send params of the message named `clientMessageId`, as first sent.
    QJsonObject paramsFor(const QString& clientMessageId) const {
        return textParams(toConversation(groupId_), tag_ + clientMessageId, clientMessageId);
    }

    // How many sends the client-side budget allows after `elapsedMs` of streaming.
    static qint64 budgetAfter(qint64 elapsedMs) {
        return kSendBudgetBurst + elapsedMs * kSendBudgetPerSecond / 1000;
    }

    // Takes the answers that arrived and tops the pipeline up again, up to `budget` sends in all.
    void pump(qint64 budget) {
        for (auto it = pending_.begin(); it != pending_.end();) {
            if (client_->responseCount(it.key()) == 0) {
                ++it;
                continue;
            }
            const QJsonObject response = client_->waitForResponse(it.key(), 0);
            if (isResult(response)) {
                acked_.insert(it.value(), messageOf(response));
            } else {
                refused_.append(it.value() + QStringLiteral(": ") + describe(response));
            }
            it = pending_.erase(it);
        }
        while (pending_.size() < kPipelineDepth && sent_.size() < budget &&
               client_->isConnected()) {
            const QString clientMessageId = newClientMessageId();
            const QString requestId = tag_ + QString::number(sent_.size());
            sent_.append(clientMessageId);
            pending_.insert(requestId, clientMessageId);
            client_->sendRequest(requestId, spec::method::kMessagesSend,
                                 paramsFor(clientMessageId));
        }
    }

    const QStringList& sent() const { return sent_; }
    const QHash<QString, QJsonObject>& acked() const { return acked_; }
    const QStringList& refused() const { return refused_; }

private:
    WsTestClient* client_;
    QString token_;
    QString groupId_;
    QString tag_;
    QStringList sent_;                   // client_message_ids, in sending order
    QHash<QString, QString> pending_;    // request id -> client_message_id
    QHash<QString, QJsonObject> acked_;  // client_message_id -> acknowledged Message
    QStringList refused_;
};

}  // namespace

class TestChatDurability : public QObject {
    Q_OBJECT

private:
    // Registers users; the first creates a group with the others. False on failure.
    bool makeGroup(int count);
    // Restarts the server on the same data dir after `stopCleanly` (SIGTERM) or a SIGKILL.
    QString restart(bool stopCleanly);
    // The group's whole history as the given user sees it over a new connection.
    QList<QJsonObject> historyAfterRestart(const ChatUser& user, QString* error);
    // client_message_id -> Message of a history; `problems` gets every gap in seq 1..n and every
    // client_message_id stored more than once.
    QHash<QString, QJsonObject> indexHistory(const QList<QJsonObject>& history,
                                             QStringList& problems);

    ChatServer server_;
    QList<ChatUser> users_;
    QString groupId_;

private slots:
    void init();
    void cleanup();

    void acknowledgedMessagesSurviveRestart();
    void acknowledgedMessagesSurviveKill();
};

void TestChatDurability::init() {
    if (!server_.process().isRunning()) {
        QCOMPARE(server_.start(), QString());
    }
}

void TestChatDurability::cleanup() {
    users_.clear();
    NATTER_VERIFY_NO_PROBLEMS(server_.releaseClients());
}

bool TestChatDurability::makeGroup(int count) {
    users_ = server_.registerUsers(QStringLiteral("dur"), count);
    if (users_.size() != count) {
        return false;
    }
    const QJsonObject created = users_.first().client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Durable"), userIdsOf(users_.mid(1)),
                          QStringLiteral("start")));
    groupId_ = idOf(conversationOf(created));
    return isResult(created);
}

QString TestChatDurability::restart(bool stopCleanly) {
    if (stopCleanly) {
        if (server_.process().stop() != 0) {
            return QStringLiteral("the server did not stop cleanly: ") + server_.logTail();
        }
    } else {
        server_.process().kill();
    }
    const QStringList problems = server_.releaseClients();
    if (!problems.isEmpty()) {
        return problems.join(u'\n');
    }
    return server_.start();
}

QList<QJsonObject> TestChatDurability::historyAfterRestart(const ChatUser& user, QString* error) {
    WsTestClient* client = server_.resume(user.token);
    if (!client) {
        *error = QStringLiteral("the session did not survive the restart");
        return {};
    }
    return fullHistory(*client, groupId_, error);
}

QHash<QString, QJsonObject> TestChatDurability::indexHistory(const QList<QJsonObject>& history,
                                                             QStringList& problems) {
    QHash<QString, QJsonObject> byClientId;
    for (qsizetype i = 0; i < history.size(); ++i) {
        if (seqOf(history.at(i)) != int(i) + 1) {
            problems.append(
                QStringLiteral("seq %1 at position %2").arg(seqOf(history.at(i))).arg(i + 1));
        }
        const QString clientId =
            history.at(i).value(QStringLiteral("client_message_id")).toString();
        if (byClientId.contains(clientId)) {
            problems.append(clientId + QStringLiteral(" is stored twice"));
        }
        if (!clientId.isEmpty()) {
            byClientId.insert(clientId, history.at(i));
        }
    }
    if (history.isEmpty()) {
        problems.append(QStringLiteral("the history is empty"));
    }
    return byClientId;
}

void TestChatDurability::acknowledgedMessagesSurviveRestart() {
    QVERIFY(makeGroup(2));
    QList<QJsonObject> acknowledged;
    for (int i = 0; i < 20; ++i) {
        const ChatUser& sender = users_.at(i % 2);
        const QJsonObject target =
            i < 10 ? toConversation(groupId_) : toUser(users_.at(1 - i % 2).userId);
        const QJsonObject response =
            sendText(*sender.client, target, QStringLiteral("keep %1").arg(i));
        NATTER_VERIFY_RESULT(response);
        acknowledged.append(messageOf(response));
    }
    const QString privateId =
        acknowledged.last().value(QStringLiteral("conversation_id")).toString();
    const QString problem = restart(true);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    WsTestClient* client = server_.resume(users_.at(1).token);
    QVERIFY(client);
    QList<QJsonObject> stored =
        fullHistory(*client, groupId_).mid(2);  // after group_created + "start"
    stored += fullHistory(*client, privateId);
    QCOMPARE(stored, acknowledged);

    // A device that knows nothing gets the same messages from sync.
    const QJsonObject synced =
        client->call(spec::method::kSync, {{QStringLiteral("cursors"), QJsonObject()}});
    NATTER_VERIFY_RESULT(synced);
    int count = 0;
    for (const QJsonValue& entry :
         resultOf(synced).value(QStringLiteral("conversations")).toArray()) {
        for (const QJsonValue& message :
             entry.toObject().value(QStringLiteral("messages")).toArray()) {
            count += acknowledged.contains(message.toObject()) ? 1 : 0;
        }
    }
    QCOMPARE(count, acknowledged.size());
}

void TestChatDurability::acknowledgedMessagesSurviveKill() {
    QVERIFY(makeGroup(kSenders));
    QList<StreamingSender> senders;
    for (const ChatUser& user : std::as_const(users_)) {
        for (int c = 0; c < kConnectionsPerSender; ++c) {
            WsTestClient* client = c == 0 ? user.client : server_.resume(user.token);
            QVERIFY(client);
            senders.append(StreamingSender(client, user, groupId_,
                                           QStringLiteral("%1.%2.").arg(user.username).arg(c)));
        }
    }
    QElapsedTimer streaming;
    streaming.start();
    while (streaming.elapsed() < kStreamMs) {
        for (StreamingSender& sender : senders) {
            sender.pump(StreamingSender::budgetAfter(streaming.elapsed()));
        }
        QTest::qWait(1);
    }
    // Fill every pipeline (the budget keeps a few requests in reserve for this), let the requests
    // reach the server, and kill it while it works on them.
    for (StreamingSender& sender : senders) {
        sender.pump(StreamingSender::budgetAfter(streaming.elapsed()) + kPipelineDepth);
    }
    QTest::qWait(2);
    server_.process().kill();
    QTest::qWait(100);  // answers already on the wire before the kill still count
    for (StreamingSender& sender : senders) {
        sender.pump(0);  // the connections are gone: this only takes the answers that arrived
    }
    const QString problem = restart(false);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    QString error;
    QStringList problems;
    const QHash<QString, QJsonObject> stored =
        indexHistory(historyAfterRestart(users_.at(1), &error), problems);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    NATTER_VERIFY_NO_PROBLEMS(problems);
    QStringList unacknowledged;
    int ackedCount = 0;
    for (const StreamingSender& sender : std::as_const(senders)) {
        QVERIFY2(sender.refused().isEmpty(), qPrintable(sender.refused().join(u'\n')));
        for (const QString& clientId : sender.sent()) {
            if (sender.acked().contains(clientId)) {
                ++ackedCount;
                QCOMPARE(stored.value(clientId), sender.acked().value(clientId));
            } else {
                unacknowledged.append(clientId);
            }
        }
    }
    const auto keptUnacknowledged =
        std::count_if(unacknowledged.cbegin(), unacknowledged.cend(),
                      [&](const QString& id) { return stored.contains(id); });
    qInfo("%d acknowledged, %d in flight at the kill, %d of those stored", ackedCount,
          int(unacknowledged.size()), int(keptUnacknowledged));
    QVERIFY2(ackedCount > 0 && !unacknowledged.isEmpty(), "the kill did not land mid-stream");

    // Retrying every unacknowledged message (by its sender, same client_message_id) stores each
    // exactly once: a duplicate answer for what the crash kept, a new message for what it lost.
    for (const StreamingSender& sender : std::as_const(senders)) {
        WsTestClient* client = server_.resume(sender.token());
        QVERIFY(client);
        for (const QString& clientId : sender.sent()) {
            if (sender.acked().contains(clientId)) {
                continue;
            }
            const QJsonObject response =
                client->call(spec::method::kMessagesSend, sender.paramsFor(clientId));
            NATTER_VERIFY_RESULT(response);
            QCOMPARE(resultOf(response).value(QStringLiteral("duplicate")).toBool(),
                     stored.contains(clientId));
            if (stored.contains(clientId)) {
                QCOMPARE(messageOf(response), stored.value(clientId));
            }
        }
    }
    const QHash<QString, QJsonObject> afterRetry =
        indexHistory(historyAfterRestart(users_.at(2), &error), problems);
    NATTER_VERIFY_NO_PROBLEMS(problems);
    for (const StreamingSender& sender : std::as_const(senders)) {
        for (const QString& clientId : sender.sent()) {
            QVERIFY2(afterRetry.contains(clientId),
                     qPrintable(clientId + QStringLiteral(" is missing")));
        }
    }
}

QTEST_GUILESS_MAIN(TestChatDurability)
#include "tst_chat_durability.moc"
