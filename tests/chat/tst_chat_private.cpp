// Private conversations (docs/protocol.md section 5.2 "Kinds", "Delivery", messages.send) and the
// refusal of non-members, as a third-party client sees them.
#include <QDateTime>
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "chat_server_test.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

bool isRecentTimestamp(const QJsonValue& value) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return value.isDouble() && value.toInteger() > now - 600'000 &&
           value.toInteger() <= now + 60'000;
}

// The error object with the conversation ids blanked, so the answers for two different ids can be
// compared for being indistinguishable.
QJsonObject errorWithoutIds(const QJsonObject& response, const QStringList& ids) {
    QJsonObject error = errorOf(response);
    QString message = error.value(QStringLiteral("message")).toString();
    for (const QString& id : ids) {
        message.replace(id, QStringLiteral("<id>"));
    }
    error.insert(QStringLiteral("message"), message);
    return error;
}

}  // namespace

class TestChatPrivate : public ChatServerTest {
    Q_OBJECT

private:
    // Two fresh users; `a` then sends one message to `b` by user id. Returns that response.
    QJsonObject startChat(ChatUser& a, ChatUser& b);
    // A private conversation alice started with bob, and carol, who is not in it.
    struct WithOutsider {
        ChatUser alice;
        ChatUser bob;
        ChatUser carol;
        QString conversationId;
    };
    // Sets up `setup`; empty on success, else what failed.
    QString startChatWithOutsider(WithOutsider& setup);
    // Responses of every conversation-scoped method for `conversationId`, in a fixed order.
    QList<QJsonObject> probeConversation(WsTestClient& client, const QString& conversationId);

private slots:
    void firstMessageByUserIdCreatesPrivateConversation();
    void recipientAndSendersOtherDeviceHearIt();
    void laterMessagesBothWaysLandInSameConversation();
    void firstMessageByUsernameCreatesPrivateConversation();
    void conversationNameIsOtherMembersDisplayName();
    void messagingYourselfIsRefused();
    void unknownRecipientIsNotFound();
    void nonMemberIsRefusedLikeMadeUpConversation();
    void nonMemberSyncLearnsNothing();
};

QJsonObject TestChatPrivate::startChat(ChatUser& a, ChatUser& b) {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("pv"), 2);
    if (users.size() != 2) {
        return {};
    }
    a = users.at(0);
    b = users.at(1);
    return sendText(*a.client, toUser(b.userId), QStringLiteral("hello"));
}

QString TestChatPrivate::startChatWithOutsider(WithOutsider& setup) {
    const QJsonObject first = startChat(setup.alice, setup.bob);
    if (!isResult(first)) {
        return describe(first);
    }
    setup.conversationId = conversationIdOf(first);
    setup.carol = server_.registerUser(QStringLiteral("carol"));
    return setup.carol.ok() ? QString() : QStringLiteral("carol could not register");
}

void TestChatPrivate::firstMessageByUserIdCreatesPrivateConversation() {
    const QString clientMessageId = newClientMessageId();
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("pv"), 2);
    QCOMPARE(users.size(), 2);
    const ChatUser& alice = users.at(0);
    const ChatUser& bob = users.at(1);
    const QJsonObject response =
        sendText(*alice.client, toUser(bob.userId), QStringLiteral("hello bob"), clientMessageId);
    NATTER_VERIFY_RESULT(response);
    QCOMPARE(resultOf(response).value(QStringLiteral("duplicate")), QJsonValue(false));
    const QJsonObject message = messageOf(response);
    NATTER_VERIFY_NO_PROBLEMS(messageShapeProblems(message));
    QCOMPARE(seqOf(message), 1);
    QCOMPARE(message.value(QStringLiteral("sender")).toObject(), alice.userObject());
    QCOMPARE(message.value(QStringLiteral("client_message_id")).toString(), clientMessageId);
    QCOMPARE(message.value(QStringLiteral("type")).toString(), QStringLiteral("text"));
    QCOMPARE(message.value(QStringLiteral("body")).toString(), QStringLiteral("hello bob"));
    QVERIFY(message.value(QStringLiteral("meta")).isNull());
    QVERIFY(isRecentTimestamp(message.value(QStringLiteral("sent_at"))));

    const QJsonObject got = alice.client->call(
        spec::method::kConversationsGet,
        conversationParam(message.value(QStringLiteral("conversation_id")).toString()));
    NATTER_VERIFY_RESULT(got);
    const QJsonObject conversation = conversationOf(got);
    NATTER_VERIFY_NO_PROBLEMS(conversationShapeProblems(conversation));
    QCOMPARE(conversation.value(QStringLiteral("kind")).toString(), QStringLiteral("private"));
    QCOMPARE(conversation.value(QStringLiteral("last_seq")).toInt(), 1);
    QCOMPARE(conversation.value(QStringLiteral("last_message")).toObject(), message);
    QStringList members = userIdsOf(conversation.value(QStringLiteral("members")).toArray());
    members.sort();
    QStringList expected{alice.userId, bob.userId};
    expected.sort();
    QCOMPARE(members, expected);
}

void TestChatPrivate::recipientAndSendersOtherDeviceHearIt() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("pv"), 2);
    QCOMPARE(users.size(), 2);
    const ChatUser& alice = users.at(0);
    const ChatUser& bob = users.at(1);
    WsTestClient* aliceLaptop = server_.loginNewDevice(alice, QStringLiteral("Second laptop"));
    QVERIFY(aliceLaptop);
    const QJsonObject sent = sendText(*alice.client, toUser(bob.userId), QStringLiteral("hi"));
    NATTER_VERIFY_RESULT(sent);
    const QJsonObject message = messageOf(sent);
    const QString conversationId = message.value(QStringLiteral("conversation_id")).toString();

    // The recipient sees the conversation named after the sender (section 3.4: the other member).
    QVERIFY(waitForMessageEvents(*bob.client, conversationId, 1));
    const QJsonObject data = eventsNamed(*bob.client, spec::event::kMessageNew)
                                 .first()
                                 .value(QStringLiteral("data"))
                                 .toObject();
    const QJsonObject expectedForBob{{QStringLiteral("id"), conversationId},
                                     {QStringLiteral("kind"), QStringLiteral("private")},
                                     {QStringLiteral("name"), alice.displayName}};
    QCOMPARE(data.value(QStringLiteral("conversation")).toObject(), expectedForBob);
    QCOMPARE(data.value(QStringLiteral("message")).toObject(), message);

    // The sender's other device hears it too, and for that viewer the other member is bob.
    QVERIFY(waitForMessageEvents(*aliceLaptop, conversationId, 1));
    const QJsonObject laptopData = eventsNamed(*aliceLaptop, spec::event::kMessageNew)
                                       .first()
                                       .value(QStringLiteral("data"))
                                       .toObject();
    QCOMPARE(laptopData.value(QStringLiteral("message")).toObject(), message);
    QCOMPARE(laptopData.value(QStringLiteral("conversation"))
                 .toObject()
                 .value(QStringLiteral("name"))
                 .toString(),
             bob.displayName);

    // The sending connection has the answer and no event: bob's reply (seq 2) reaches it, and
    // events of one conversation come in seq order, so an event for seq 1 would have come first.
    NATTER_VERIFY_RESULT(
        sendText(*bob.client, toConversation(conversationId), QStringLiteral("re")));
    QVERIFY(waitForMessageEvents(*alice.client, conversationId, 1));
    const QList<QJsonObject> heardBySender = messageEvents(*alice.client, conversationId);
    QCOMPARE(heardBySender.size(), 1);
    QCOMPARE(seqOf(heardBySender.first()), 2);
}

void TestChatPrivate::laterMessagesBothWaysLandInSameConversation() {
    ChatUser alice, bob;
    const QJsonObject first = startChat(alice, bob);
    NATTER_VERIFY_RESULT(first);
    const QString conversationId = conversationIdOf(first);

    const QJsonObject second = sendText(*alice.client, toUser(bob.userId), QStringLiteral("again"));
    NATTER_VERIFY_RESULT(second);
    QCOMPARE(conversationIdOf(second), conversationId);
    QCOMPARE(seqOf(messageOf(second)), 2);

    const QJsonObject reply =
        sendText(*bob.client, toUsername(alice.username), QStringLiteral("hey"));
    NATTER_VERIFY_RESULT(reply);
    QCOMPARE(conversationIdOf(reply), conversationId);
    QCOMPARE(seqOf(messageOf(reply)), 3);

    const QJsonObject byId =
        sendText(*bob.client, toConversation(conversationId), QStringLiteral("x"));
    NATTER_VERIFY_RESULT(byId);
    QCOMPARE(seqOf(messageOf(byId)), 4);
    QCOMPARE(fullHistory(*alice.client, conversationId).size(), 4);
}

void TestChatPrivate::firstMessageByUsernameCreatesPrivateConversation() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("pu"), 2);
    QCOMPARE(users.size(), 2);
    const QJsonObject first =
        sendText(*users.at(0).client, toUsername(users.at(1).username), QStringLiteral("one"));
    NATTER_VERIFY_RESULT(first);
    QCOMPARE(seqOf(messageOf(first)), 1);
    const QString conversationId = conversationIdOf(first);
    QVERIFY(waitForMessageEvents(*users.at(1).client, conversationId, 1));

    const QJsonObject second =
        sendText(*users.at(0).client, toUsername(users.at(1).username), QStringLiteral("two"));
    NATTER_VERIFY_RESULT(second);
    QCOMPARE(conversationIdOf(second), conversationId);
    QCOMPARE(seqOf(messageOf(second)), 2);
}

void TestChatPrivate::conversationNameIsOtherMembersDisplayName() {
    const ChatUser alice =
        server_.registerUser(QStringLiteral("nm"), QStringLiteral("Alice Liddell"));
    const ChatUser bob = server_.registerUser(QStringLiteral("nm"), QStringLiteral("Bob Marley"));
    QVERIFY(alice.ok() && bob.ok());
    const QJsonObject sent = sendText(*alice.client, toUser(bob.userId), QStringLiteral("hi"));
    NATTER_VERIFY_RESULT(sent);
    const QString conversationId = conversationIdOf(sent);

    const QJsonObject forAlice = conversationOf(
        alice.client->call(spec::method::kConversationsGet, conversationParam(conversationId)));
    const QJsonObject forBob = conversationOf(
        bob.client->call(spec::method::kConversationsGet, conversationParam(conversationId)));
    QCOMPARE(forAlice.value(QStringLiteral("name")).toString(), QStringLiteral("Bob Marley"));
    QCOMPARE(forBob.value(QStringLiteral("name")).toString(), QStringLiteral("Alice Liddell"));
    QVERIFY(forAlice.value(QStringLiteral("owner_id")).isNull());
    QVERIFY(forBob.value(QStringLiteral("owner_id")).isNull());

    // conversations.list shows the same per-viewer name.
    const QJsonArray listed = resultOf(bob.client->call(spec::method::kConversationsList))
                                  .value(QStringLiteral("conversations"))
                                  .toArray();
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("Alice Liddell"));
}

void TestChatPrivate::messagingYourselfIsRefused() {
    const ChatUser alice = server_.registerUser(QStringLiteral("self"));
    QVERIFY(alice.ok());
    NATTER_COMPARE_ERROR(sendText(*alice.client, toUser(alice.userId), QStringLiteral("me")),
                         "cannot_message_self");
    NATTER_COMPARE_ERROR(sendText(*alice.client, toUsername(alice.username), QStringLiteral("me")),
                         "cannot_message_self");
    const QJsonObject list = alice.client->call(spec::method::kConversationsList);
    NATTER_VERIFY_RESULT(list);
    QVERIFY(resultOf(list).value(QStringLiteral("conversations")).toArray().isEmpty());
}

void TestChatPrivate::unknownRecipientIsNotFound() {
    const ChatUser alice = server_.registerUser(QStringLiteral("lone"));
    QVERIFY(alice.ok());
    NATTER_COMPARE_ERROR(sendText(*alice.client, toUser(kMadeUpUserId), QStringLiteral("anyone?")),
                         "not_found");
    NATTER_COMPARE_ERROR(sendText(*alice.client, toUsername(QStringLiteral("nobody_here_at_all")),
                                  QStringLiteral("?")),
                         "not_found");
    const QJsonObject list = alice.client->call(spec::method::kConversationsList);
    QVERIFY(resultOf(list).value(QStringLiteral("conversations")).toArray().isEmpty());
}

QList<QJsonObject> TestChatPrivate::probeConversation(WsTestClient& client,
                                                      const QString& conversationId) {
    return {sendText(client, toConversation(conversationId), QStringLiteral("let me in")),
            client.call(spec::method::kMessagesHistory, conversationParam(conversationId)),
            client.call(spec::method::kConversationsGet, conversationParam(conversationId)),
            client.call(spec::method::kConversationsLeave, conversationParam(conversationId))};
}

void TestChatPrivate::nonMemberIsRefusedLikeMadeUpConversation() {
    WithOutsider setup;
    QCOMPARE(startChatWithOutsider(setup), QString());
    const auto& [alice, bob, carol, conversationId] = setup;

    const QList<QJsonObject> foreign = probeConversation(*carol.client, conversationId);
    const QList<QJsonObject> madeUp = probeConversation(*carol.client, kMadeUpConversationId);
    const QStringList ids{conversationId, kMadeUpConversationId};
    for (qsizetype i = 0; i < foreign.size(); ++i) {
        NATTER_COMPARE_ERROR(foreign.at(i), "not_member");
        QCOMPARE(errorWithoutIds(foreign.at(i), ids), errorWithoutIds(madeUp.at(i), ids));
    }
    // Nothing reached the members and nothing was stored.
    QCOMPARE(fullHistory(*alice.client, conversationId).size(), 1);
    QCOMPARE(eventsNamed(*bob.client, spec::event::kConversationUpdated).size(), 0);
}

void TestChatPrivate::nonMemberSyncLearnsNothing() {
    WithOutsider setup;
    QCOMPARE(startChatWithOutsider(setup), QString());
    const auto& [alice, bob, carol, conversationId] = setup;

    // A cursor for someone else's conversation must be answered exactly like one for a
    // conversation that does not exist (section 4: indistinguishable on purpose).
    for (const int cursor : {0, 1, 1000}) {
        const auto syncWith = [&](const QString& id) {
            return carol.client->call(spec::method::kSync,
                                      {{QStringLiteral("cursors"), QJsonObject{{id, cursor}}}});
        };
        const QJsonObject foreign = syncWith(conversationId);
        const QJsonObject madeUp = syncWith(kMadeUpConversationId);
        // Neither is a conversation carol is (still) a member of: both are listed in `removed`, so
        // a client drops the cursor, and nothing of the conversation is shown.
        NATTER_VERIFY_RESULT(foreign);
        NATTER_VERIFY_RESULT(madeUp);
        QVERIFY(resultOf(foreign).value(QStringLiteral("conversations")).toArray().isEmpty());
        QCOMPARE(resultOf(foreign).value(QStringLiteral("removed")).toArray(),
                 QJsonArray({conversationId}));
        QCOMPARE(resultOf(madeUp).value(QStringLiteral("removed")).toArray(),
                 QJsonArray({kMadeUpConversationId}));
    }
}

QTEST_GUILESS_MAIN(TestChatPrivate)
#include "tst_chat_private.moc"
