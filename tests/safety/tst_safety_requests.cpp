// Chat requests (docs/protocol.md section 5.6 "Chat requests", conversations.accept, section 5.7
// conversation.updated): a private chat is a request for its recipient only, never for its starter
// and never in a group, until the recipient replies or accepts; every device of the recipient
// learns when it stops being one.
#include <QtTest>

#include "chat_checks.h"
#include "presence_support.h"
#include "protocol_spec.h"
#include "safety_support.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;
using namespace natter::test::safety;

class TestSafetyRequests : public SafetyTest {
    Q_OBJECT

private:
    // Registers starter, recipient (with a second device) and a stranger; the starter sends the
    // recipient a first message. Returns the conversation id.
    QString startRequest();
    // Fails unless both of the recipient's devices got exactly one conversation.updated since the
    // positions, for the conversation, with request false.
    void verifyUpdatedOnEveryDevice(const QString& conversationId, qsizetype laptopFrom,
                                    qsizetype phoneFrom);

    ChatUser starter_, recipient_, stranger_;
    WsTestClient* recipientPhone_ = nullptr;

private slots:
    void privateChatIsARequestForTheRecipientOnly();
    void groupIsNeverARequest();
    void replyEndsTheRequestOnEveryDevice();
    void acceptEndsTheRequestOnEveryDevice();
    void acceptByTheStarterDoesNotEndTheRecipientsRequest();
    void strangersCannotAccept();
};

QString TestSafetyRequests::startRequest() {
    const QList<ChatUser> users = newUsers(3);
    if (users.size() != 3) {
        return {};
    }
    starter_ = users.at(0), recipient_ = users.at(1), stranger_ = users.at(2);
    recipientPhone_ = server().loginNewDevice(recipient_, QStringLiteral("Phone"));
    QString error;
    const QString id = startPrivateConversation(*starter_.client, recipient_.userId, &error);
    if (id.isEmpty() || !recipientPhone_ || !waitForMessageEvents(*recipientPhone_, id, 1)) {
        qWarning().noquote() << "could not start the conversation:" << error;
        return {};
    }
    return id;
}

void TestSafetyRequests::verifyUpdatedOnEveryDevice(const QString& conversationId,
                                                    qsizetype laptopFrom, qsizetype phoneFrom) {
    for (const auto& [client, from] :
         {std::pair{recipient_.client, laptopFrom}, std::pair{recipientPhone_, phoneFrom}}) {
        QVERIFY(waitForEventCount(*client, spec::event::kConversationUpdated, 1, from));
        listenQuietly();
        const QList<QJsonObject> updates =
            eventData(*client, spec::event::kConversationUpdated, from);
        QCOMPARE(updates.size(), 1);
        const QJsonObject conversation =
            updates.constFirst().value(QStringLiteral("conversation")).toObject();
        QCOMPARE(idOf(conversation), conversationId);
        QCOMPARE(conversation.value(QStringLiteral("request")), QJsonValue(false));
        // The recipient's view: a private conversation is named after the other member.
        QCOMPARE(conversation.value(QStringLiteral("name")).toString(), starter_.displayName);
    }
}

void TestSafetyRequests::privateChatIsARequestForTheRecipientOnly() {
    const QString id = startRequest();
    QVERIFY(!id.isEmpty());
    NATTER_VERIFY_NO_PROBLEMS(
        flagProblems(*recipient_.client, id, QStringLiteral("request"), true));
    NATTER_VERIFY_NO_PROBLEMS(flagProblems(*starter_.client, id, QStringLiteral("request"), false));
    // More messages from the starter do not end it.
    NATTER_VERIFY_RESULT(sendText(*starter_.client, toConversation(id), QStringLiteral("hello?")));
    NATTER_VERIFY_NO_PROBLEMS(flagProblems(*recipientPhone_, id, QStringLiteral("request"), true));
}

void TestSafetyRequests::groupIsNeverARequest() {
    const QList<ChatUser> users = newUsers(3);
    QCOMPARE(users.size(), 3);
    const QJsonObject created = users.at(0).client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Group"), {users.at(1).userId, users.at(2).userId},
                          QStringLiteral("welcome")));
    NATTER_VERIFY_RESULT(created);
    QCOMPARE(conversationOf(created).value(QStringLiteral("request")), QJsonValue(false));
    const QString id = idOf(conversationOf(created));
    for (const ChatUser& user : users) {
        NATTER_VERIFY_NO_PROBLEMS(flagProblems(*user.client, id, QStringLiteral("request"), false));
    }
    const QJsonObject answer = accept(*users.at(1).client, id);
    NATTER_VERIFY_RESULT(answer);
    QCOMPARE(conversationOf(answer).value(QStringLiteral("request")), QJsonValue(false));
}

void TestSafetyRequests::replyEndsTheRequestOnEveryDevice() {
    const QString id = startRequest();
    QVERIFY(!id.isEmpty());
    const qsizetype laptopFrom = positionOf(*recipient_.client);
    const qsizetype phoneFrom = positionOf(*recipientPhone_);
    NATTER_VERIFY_RESULT(
        sendText(*recipient_.client, toUser(starter_.userId), QStringLiteral("hi")));
    verifyUpdatedOnEveryDevice(id, laptopFrom, phoneFrom);
    if (QTest::currentTestFailed()) {
        return;
    }
    NATTER_VERIFY_NO_PROBLEMS(flagProblems(*recipientPhone_, id, QStringLiteral("request"), false));
    NATTER_VERIFY_NO_PROBLEMS(flagProblems(*starter_.client, id, QStringLiteral("request"), false));
}

void TestSafetyRequests::acceptEndsTheRequestOnEveryDevice() {
    const QString id = startRequest();
    QVERIFY(!id.isEmpty());
    const qsizetype laptopFrom = positionOf(*recipient_.client);
    const qsizetype phoneFrom = positionOf(*recipientPhone_);
    const QJsonObject answer = accept(*recipientPhone_, id);
    NATTER_VERIFY_RESULT(answer);
    QCOMPARE(idOf(conversationOf(answer)), id);
    QCOMPARE(conversationOf(answer).value(QStringLiteral("request")), QJsonValue(false));
    verifyUpdatedOnEveryDevice(id, laptopFrom, phoneFrom);
    if (QTest::currentTestFailed()) {
        return;
    }
    NATTER_VERIFY_NO_PROBLEMS(
        flagProblems(*recipient_.client, id, QStringLiteral("request"), false));

    // Accepting again is harmless: same answer, and nothing stops being a request any more.
    const QJsonObject again = accept(*recipient_.client, id);
    NATTER_VERIFY_RESULT(again);
    QCOMPARE(conversationOf(again).value(QStringLiteral("request")), QJsonValue(false));
    NATTER_VERIFY_RESULT(sendText(*starter_.client, toConversation(id), QStringLiteral("thanks")));
    listenQuietly();
    QCOMPARE(eventData(*recipientPhone_, spec::event::kConversationUpdated, phoneFrom).size(), 1);
    NATTER_VERIFY_NO_PROBLEMS(flagProblems(*recipientPhone_, id, QStringLiteral("request"), false));
}

void TestSafetyRequests::acceptByTheStarterDoesNotEndTheRecipientsRequest() {
    const QString id = startRequest();
    QVERIFY(!id.isEmpty());
    const QJsonObject answer = accept(*starter_.client, id);
    NATTER_VERIFY_RESULT(answer);
    QCOMPARE(conversationOf(answer).value(QStringLiteral("request")), QJsonValue(false));
    NATTER_VERIFY_NO_PROBLEMS(
        flagProblems(*recipient_.client, id, QStringLiteral("request"), true));
}

void TestSafetyRequests::strangersCannotAccept() {
    const QString id = startRequest();
    QVERIFY(!id.isEmpty());
    NATTER_COMPARE_ERROR(accept(*stranger_.client, id), "not_member");
    NATTER_COMPARE_ERROR(accept(*stranger_.client, kMadeUpConversationId), "not_member");
    NATTER_COMPARE_INVALID_PARAM(stranger_.client->call(spec::method::kConversationsAccept, {}),
                                 "conversation_id");
    NATTER_COMPARE_INVALID_PARAM(stranger_.client->call(spec::method::kConversationsAccept,
                                                        {{QStringLiteral("conversation_id"), 5}}),
                                 "conversation_id");
    NATTER_VERIFY_NO_PROBLEMS(
        flagProblems(*recipient_.client, id, QStringLiteral("request"), true));
}

QTEST_GUILESS_MAIN(TestSafetyRequests)
#include "tst_safety_requests.moc"
