// The per-user message rate (docs/protocol.md section 2 kMessageRatePerSecond / kMessageBurst,
// section 5.6 "Spam rules" 4): a user may send kMessageBurst messages at once, then gets
// rate_limited with retry_after_ms; the bucket is one per user, shared by all their devices and
// independent of other users; waiting as told works; refused messages and duplicates take no token;
// nothing refused is stored. The requests are pipelined, because the bucket refills every second.
#include <QtTest>

#include "chat_checks.h"
#include "presence_support.h"
#include "protocol_spec.h"
#include "safety_support.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;
using namespace natter::test::safety;

class TestSafetyMessageRate : public SafetyTest {
    Q_OBJECT

protected:
    QStringList serverArgs() override {
        return messageRateArgs() + bannedWordsArgs(configDir(), {QStringLiteral("spam")});
    }

private:
    // Registers owner, sender and other; the owner creates a group of the three (group_, whose
    // last_seq is then 2). The sender and the other have spent no token yet.
    bool setUpGroup();
    // Fails unless the group's last_seq, as the owner sees it, is `expected`.
    void verifyStored(qint64 expected);

    ChatUser owner_, sender_, other_;
    QString group_;

private slots:
    void burstThenRateLimited();
    void waitingAsToldAllowsTheNextMessage();
    void createGroupIsLimitedToo();
    void bucketIsSharedByTheUsersDevices();
    void bucketsOfDifferentUsersAreIndependent();
    void refusedMessagesAndDuplicatesTakeNoToken();
};

bool TestSafetyMessageRate::setUpGroup() {
    const QList<ChatUser> users = newUsers(3);
    if (users.size() != 3) {
        return false;
    }
    owner_ = users.at(0), sender_ = users.at(1), other_ = users.at(2);
    QString error;
    group_ = createGroup(*owner_.client, {sender_.userId, other_.userId}, &error);
    if (group_.isEmpty()) {
        qWarning().noquote() << error;
    }
    return !group_.isEmpty();
}

void TestSafetyMessageRate::verifyStored(qint64 expected) {
    QCOMPARE(lastSeqSeenBy(*owner_.client, group_), expected);
}

void TestSafetyMessageRate::burstThenRateLimited() {
    QVERIFY(setUpGroup());
    const QList<QJsonObject> answers = callPipelined(*sender_.client, spec::method::kMessagesSend,
                                                     textMessages(toConversation(group_), 6));
    QCOMPARE(countResults(answers), spec::kMessageBurst);
    QCOMPARE(countErrors(answers, QStringLiteral("rate_limited")), 1);
    const QJsonObject limited = firstError(answers, QStringLiteral("rate_limited"));
    const qint64 retryAfter = retryAfterMsOf(limited);
    QVERIFY2(retryAfter > 0 && retryAfter <= 1'000 / spec::kMessageRatePerSecond,
             qPrintable(describe(limited)));
    verifyStored(2 + spec::kMessageBurst);
    listenQuietly();
    // group_created, the first message and the burst; not the refused one.
    QCOMPARE(messageEvents(*other_.client, group_).size(), 2 + spec::kMessageBurst);
}

void TestSafetyMessageRate::waitingAsToldAllowsTheNextMessage() {
    QVERIFY(setUpGroup());
    const QList<QJsonObject> requests = textMessages(toConversation(group_), 6);
    const QList<QJsonObject> answers =
        callPipelined(*sender_.client, spec::method::kMessagesSend, requests);
    const qsizetype limitedAt =
        answers.indexOf(firstError(answers, QStringLiteral("rate_limited")));
    QVERIFY2(limitedAt >= 0, qPrintable(jsonText(answers)));
    const qint64 retryAfter = retryAfterMsOf(answers.at(limitedAt));
    QVERIFY2(retryAfter > 0, qPrintable(describe(answers.at(limitedAt))));
    QTest::qWait(int(retryAfter));
    // The retry of the refused message, with its client_message_id (section 5.2 says to retry so):
    // nothing was stored for it, so now it is.
    const QJsonObject retry =
        sender_.client->call(spec::method::kMessagesSend, requests.at(limitedAt));
    NATTER_VERIFY_RESULT(retry);
    QCOMPARE(resultOf(retry).value(QStringLiteral("duplicate")), QJsonValue(false));
    verifyStored(2 + spec::kMessageBurst + 1);
}

void TestSafetyMessageRate::createGroupIsLimitedToo() {
    QVERIFY(setUpGroup());
    QCOMPARE(countResults(callPipelined(*sender_.client, spec::method::kMessagesSend,
                                        textMessages(toConversation(group_), spec::kMessageBurst))),
             spec::kMessageBurst);
    const QJsonObject answer = sender_.client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Too fast"), {other_.userId}, QStringLiteral("hi")));
    NATTER_COMPARE_ERROR(answer, "rate_limited");
    QVERIFY(retryAfterMsOf(answer) > 0);
    QString error;
    QCOMPARE(conversationIdsOf(*other_.client, &error), QStringList({group_}));
}

void TestSafetyMessageRate::bucketIsSharedByTheUsersDevices() {
    QVERIFY(setUpGroup());
    WsTestClient* phone = server().loginNewDevice(sender_, QStringLiteral("Phone"));
    WsTestClient* tab = server().resume(sender_.token);
    QVERIFY(phone && tab);
    // Three requests on each of three connections (two sessions), all at once.
    const QList<WsTestClient*> clients{sender_.client, phone, tab};
    QList<QStringList> ids;
    for (WsTestClient* client : clients) {
        ids.append(sendPipelined(*client, spec::method::kMessagesSend,
                                 textMessages(toConversation(group_), 3)));
    }
    QList<QJsonObject> answers;
    for (qsizetype i = 0; i < clients.size(); ++i) {
        answers += collectResponses(*clients.at(i), ids.at(i));
    }
    QCOMPARE(countResults(answers), spec::kMessageBurst);
    QCOMPARE(countErrors(answers, QStringLiteral("rate_limited")), 9 - spec::kMessageBurst);
    verifyStored(2 + spec::kMessageBurst);
}

void TestSafetyMessageRate::bucketsOfDifferentUsersAreIndependent() {
    QVERIFY(setUpGroup());
    const QList<QJsonObject> sender = callPipelined(*sender_.client, spec::method::kMessagesSend,
                                                    textMessages(toConversation(group_), 6));
    QCOMPARE(countErrors(sender, QStringLiteral("rate_limited")), 1);
    const QList<QJsonObject> other =
        callPipelined(*other_.client, spec::method::kMessagesSend,
                      textMessages(toConversation(group_), spec::kMessageBurst));
    QCOMPARE(countResults(other), spec::kMessageBurst);
    verifyStored(2 + 2 * spec::kMessageBurst);
}

void TestSafetyMessageRate::refusedMessagesAndDuplicatesTakeNoToken() {
    QVERIFY(setUpGroup());
    const QString clientMessageId = newClientMessageId();
    NATTER_VERIFY_RESULT(
        sendText(*sender_.client, toConversation(group_), QStringLiteral("one"), clientMessageId));
    // 3 banned, 3 retries of the first message, then 5 new: 4 tokens are left for those.
    QList<QJsonObject> requests =
        textMessages(toConversation(group_), 3, QStringLiteral("spam spam"));
    for (int i = 0; i < 3; ++i) {
        requests.append(textParams(toConversation(group_), QStringLiteral("one"), clientMessageId));
    }
    requests += textMessages(toConversation(group_), spec::kMessageBurst);
    const QList<QJsonObject> answers =
        callPipelined(*sender_.client, spec::method::kMessagesSend, requests);
    QCOMPARE(countErrors(answers, QStringLiteral("banned_word")), 3);
    QCOMPARE(countErrors(answers, QStringLiteral("rate_limited")), 1);
    for (int i = 3; i < 6; ++i) {
        NATTER_VERIFY_RESULT(answers.at(i));
        QCOMPARE(resultOf(answers.at(i)).value(QStringLiteral("duplicate")), QJsonValue(true));
    }
    QCOMPARE(countResults(answers), 3 + spec::kMessageBurst - 1);
    verifyStored(2 + spec::kMessageBurst);
}

QTEST_GUILESS_MAIN(TestSafetyMessageRate)
#include "tst_safety_message_rate.moc"
