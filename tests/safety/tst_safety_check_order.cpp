// The order of the checks on messages.send and conversations.create_group (docs/protocol.md
// section 5.6 "Spam rules"): params, destination and the client_message_id check (a duplicate is
// answered as in section 5.2) first, then blocked, banned_word, link_not_allowed, rate_limited.
// What a user notices: the error names the first rule broken, and a retry of a stored message
// always gets its original answer.
#include <QtTest>

#include "chat_checks.h"
#include "presence_support.h"
#include "protocol_spec.h"
#include "safety_support.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;
using namespace natter::test::safety;

namespace {

const QString kLink = QStringLiteral("https://example.com");

}  // namespace

class TestSafetyCheckOrder : public SafetyTest {
    Q_OBJECT

protected:
    QStringList serverArgs() override {
        return messageRateArgs() + bannedWordsArgs(configDir(), {QStringLiteral("spam")});
    }

private:
    // Registers alice, bob and carol; bob sends alice a first message (chat_, a request for alice).
    bool setUpChat();
    // Spends every message token of `user` in a group with carol, so the next message would be
    // rate_limited.
    bool exhaustBucket(const ChatUser& user);

    ChatUser alice_, bob_, carol_;
    QString chat_;

private slots:
    void paramsAndDestinationComeFirst();
    void blockedComesBeforeBannedWordAndLink();
    void bannedWordComesBeforeLink();
    void spamRulesComeBeforeTheRate();
    void duplicateIsAnsweredEvenWhenRateLimited();
    void refusedMessageLeavesItsIdUnused();
    void duplicateIsAnsweredEvenAfterABlock();
};

bool TestSafetyCheckOrder::setUpChat() {
    const QList<ChatUser> users = newUsers(3);
    if (users.size() != 3) {
        return false;
    }
    alice_ = users.at(0), bob_ = users.at(1), carol_ = users.at(2);
    QString error;
    chat_ = startPrivateConversation(*bob_.client, alice_.userId, &error);
    if (chat_.isEmpty()) {
        qWarning().noquote() << error;
    }
    return !chat_.isEmpty();
}

bool TestSafetyCheckOrder::exhaustBucket(const ChatUser& user) {
    const QJsonObject created = user.client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Busy"), {carol_.userId}, QStringLiteral("first")));
    const QList<QJsonObject> answers = callPipelined(
        *user.client, spec::method::kMessagesSend,
        textMessages(toConversation(idOf(conversationOf(created))), spec::kMessageBurst));
    if (countErrors(answers, QStringLiteral("rate_limited")) == 0) {
        qWarning().noquote() << "the bucket did not run out:" << describe(created)
                             << describe(answers.last());
        return false;
    }
    return true;
}

void TestSafetyCheckOrder::paramsAndDestinationComeFirst() {
    QVERIFY(setUpChat());
    NATTER_VERIFY_RESULT(block(*alice_.client, bob_.userId));
    QJsonObject badType = textParams(toConversation(chat_), QStringLiteral("spam"));
    badType.insert(QStringLiteral("type"), QStringLiteral("sticker"));
    NATTER_COMPARE_INVALID_PARAM(bob_.client->call(spec::method::kMessagesSend, badType), "type");
    NATTER_COMPARE_ERROR(sendText(*carol_.client, toConversation(chat_), QStringLiteral("spam")),
                         "not_member");
    NATTER_COMPARE_ERROR(sendText(*carol_.client, toUser(kMadeUpUserId), QStringLiteral("spam")),
                         "not_found");
}

void TestSafetyCheckOrder::blockedComesBeforeBannedWordAndLink() {
    QVERIFY(setUpChat());
    NATTER_VERIFY_RESULT(block(*alice_.client, bob_.userId));
    NATTER_COMPARE_ERROR(sendText(*bob_.client, toConversation(chat_), QStringLiteral("spam")),
                         "blocked");
    NATTER_COMPARE_ERROR(sendText(*alice_.client, toUser(bob_.userId), QStringLiteral("spam")),
                         "blocked");
    NATTER_COMPARE_ERROR(sendText(*bob_.client, toConversation(chat_), kLink), "blocked");
    NATTER_COMPARE_ERROR_FIELD(
        alice_.client->call(
            spec::method::kConversationsCreateGroup,
            createGroupParams(QStringLiteral("spam"), {bob_.userId}, QStringLiteral("spam"))),
        "blocked", "member_ids");
}

void TestSafetyCheckOrder::bannedWordComesBeforeLink() {
    QVERIFY(setUpChat());
    NATTER_COMPARE_ERROR_FIELD(
        sendText(*bob_.client, toConversation(chat_), QStringLiteral("spam at ") + kLink),
        "banned_word", "body");
    NATTER_COMPARE_ERROR_FIELD(
        sendText(*carol_.client, toUser(alice_.userId), kLink + QStringLiteral(" spam")),
        "banned_word", "body");
}

void TestSafetyCheckOrder::spamRulesComeBeforeTheRate() {
    QVERIFY(setUpChat());
    NATTER_VERIFY_RESULT(block(*alice_.client, bob_.userId));
    QVERIFY(exhaustBucket(bob_));
    // Pipelined, so that no token comes back in between.
    const QList<QJsonObject> answers =
        callPipelined(*bob_.client, spec::method::kMessagesSend,
                      {textParams(toConversation(chat_), QStringLiteral("hi")),
                       textParams(toUser(carol_.userId), QStringLiteral("spam")),
                       textParams(toUser(carol_.userId), kLink),
                       textParams(toUser(carol_.userId), QStringLiteral("hi"))});
    NATTER_COMPARE_ERROR(answers.at(0), "blocked");
    NATTER_COMPARE_ERROR_FIELD(answers.at(1), "banned_word", "body");
    NATTER_COMPARE_ERROR_FIELD(answers.at(2), "link_not_allowed", "body");
    NATTER_COMPARE_ERROR(answers.at(3), "rate_limited");
}

void TestSafetyCheckOrder::duplicateIsAnsweredEvenWhenRateLimited() {
    QVERIFY(setUpChat());
    const QJsonObject messageParams = textParams(toConversation(chat_), QStringLiteral("again"));
    const QJsonObject original = bob_.client->call(spec::method::kMessagesSend, messageParams);
    NATTER_VERIFY_RESULT(original);
    const QJsonObject groupParams =
        createGroupParams(QStringLiteral("Ours"), {carol_.userId}, QStringLiteral("hi"));
    const QJsonObject originalGroup =
        bob_.client->call(spec::method::kConversationsCreateGroup, groupParams);
    NATTER_VERIFY_RESULT(originalGroup);
    QVERIFY(exhaustBucket(bob_));
    const qsizetype aliceFrom = positionOf(*alice_.client);
    const QJsonObject retry = bob_.client->call(spec::method::kMessagesSend, messageParams);
    NATTER_VERIFY_RESULT(retry);
    QCOMPARE(resultOf(retry).value(QStringLiteral("duplicate")), QJsonValue(true));
    QCOMPARE(messageOf(retry), messageOf(original));
    const QJsonObject groupRetry =
        bob_.client->call(spec::method::kConversationsCreateGroup, groupParams);
    NATTER_VERIFY_RESULT(groupRetry);
    QCOMPARE(resultOf(groupRetry).value(QStringLiteral("duplicate")), QJsonValue(true));
    QCOMPARE(idOf(conversationOf(groupRetry)), idOf(conversationOf(originalGroup)));
    QCOMPARE(messageOf(groupRetry), messageOf(originalGroup));
    listenQuietly();
    QCOMPARE(eventData(*alice_.client, spec::event::kMessageNew, aliceFrom).size(), 0);
}

void TestSafetyCheckOrder::refusedMessageLeavesItsIdUnused() {
    QVERIFY(setUpChat());
    const QString clientMessageId = newClientMessageId();
    NATTER_COMPARE_ERROR(
        sendText(*bob_.client, toConversation(chat_), QStringLiteral("spam!"), clientMessageId),
        "banned_word");
    // Nothing was stored under that id, so the corrected message is a new one.
    const QJsonObject corrected =
        sendText(*bob_.client, toConversation(chat_), QStringLiteral("hi!"), clientMessageId);
    NATTER_VERIFY_RESULT(corrected);
    QCOMPARE(resultOf(corrected).value(QStringLiteral("duplicate")), QJsonValue(false));
    QCOMPARE(messageOf(corrected).value(QStringLiteral("body")).toString(), QStringLiteral("hi!"));
    QCOMPARE(lastSeqSeenBy(*alice_.client, chat_), qint64(2));
}

void TestSafetyCheckOrder::duplicateIsAnsweredEvenAfterABlock() {
    QVERIFY(setUpChat());
    const QString clientMessageId = newClientMessageId();
    const QJsonObject original =
        sendText(*bob_.client, toConversation(chat_), QStringLiteral("sorry"), clientMessageId);
    NATTER_VERIFY_RESULT(original);
    NATTER_VERIFY_RESULT(block(*alice_.client, bob_.userId));
    // "whatever the rest of the request says" (section 5.2): a banned word does not matter either.
    const QJsonObject retry =
        sendText(*bob_.client, toConversation(chat_), QStringLiteral("spam"), clientMessageId);
    NATTER_VERIFY_RESULT(retry);
    QCOMPARE(resultOf(retry).value(QStringLiteral("duplicate")), QJsonValue(true));
    QCOMPARE(messageOf(retry), messageOf(original));
    QCOMPARE(lastSeqSeenBy(*alice_.client, chat_), qint64(2));
}

QTEST_GUILESS_MAIN(TestSafetyCheckOrder)
#include "tst_safety_check_order.moc"
