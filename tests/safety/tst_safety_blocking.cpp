// Blocking (docs/protocol.md section 5.6 "Blocking", users.block / users.unblock / users.blocked,
// section 5.7 block.changed): while either of two users has blocked the other, neither can message
// the other privately, start a chat with the other, add the other to a group or show typing in
// their chat, and nothing refused is stored; groups they share keep working; all of the blocker's
// devices agree; unblocking restores everything.
#include <QJsonArray>
#include <QtTest>

#include "chat_checks.h"
#include "presence_support.h"
#include "protocol_spec.h"
#include "safety_support.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;
using namespace natter::test::safety;

class TestSafetyBlocking : public SafetyTest {
    Q_OBJECT

private:
    // Registers blocker (with a second device), other, third and fourth; with `chat`, other sends
    // the blocker a first message (conversation_). Nobody has blocked anybody yet.
    bool setUpUsers(bool chat);
    // Fails unless every way of sending `from` -> `to` privately answers blocked and stores
    // nothing.
    void verifyPrivateSendsRefused(const ChatUser& from, const ChatUser& to);
    // Fails unless create_group and add_members by `adder` with `addee` answer blocked (field
    // member_ids) and store nothing.
    void verifyCannotAddToGroup(const ChatUser& adder, const ChatUser& addee);
    QJsonObject blockChangedData(const ChatUser& user, bool blocked) const;

    ChatUser blocker_, other_, third_, fourth_;
    WsTestClient* blockerPhone_ = nullptr;
    QString conversation_;

private slots:
    void blockedListIsMostRecentFirstAndIdempotent();
    void blockRefusesSelfAndUnknownUsers();
    void everyDeviceOfTheBlockerHearsOfIt();
    void blockedFlagIsForTheBlockerOnly();
    void neitherCanSendPrivateMessages();
    void neitherCanStartAPrivateChat();
    void neitherCanAddTheOtherToAGroup();
    void typingIsRefusedInTheirPrivateChatOnly();
    void sharedGroupsAreUnaffected();
    void mutualBlockNeedsBothToUnblock();
    void unblockRestoresSending();
};

bool TestSafetyBlocking::setUpUsers(bool chat) {
    const QList<ChatUser> users = newUsers(4);
    if (users.size() != 4) {
        return false;
    }
    blocker_ = users.at(0), other_ = users.at(1), third_ = users.at(2), fourth_ = users.at(3);
    blockerPhone_ = server().loginNewDevice(blocker_, QStringLiteral("Phone"));
    QString error;
    conversation_ =
        chat ? startPrivateConversation(*other_.client, blocker_.userId, &error) : QString();
    if (!blockerPhone_ || (chat && conversation_.isEmpty())) {
        qWarning().noquote() << "setting up failed:" << error;
        return false;
    }
    return true;
}

QJsonObject TestSafetyBlocking::blockChangedData(const ChatUser& user, bool blocked) const {
    return {{QStringLiteral("user"), user.userObject()}, {QStringLiteral("blocked"), blocked}};
}

void TestSafetyBlocking::verifyPrivateSendsRefused(const ChatUser& from, const ChatUser& to) {
    const qint64 lastSeq = lastSeqSeenBy(*to.client, conversation_);
    const qsizetype toFrom = positionOf(*to.client);
    NATTER_COMPARE_ERROR(sendText(*from.client, toConversation(conversation_), QStringLiteral("a")),
                         "blocked");
    NATTER_COMPARE_ERROR(sendText(*from.client, toUser(to.userId), QStringLiteral("b")), "blocked");
    NATTER_COMPARE_ERROR(sendText(*from.client, toUsername(to.username), QStringLiteral("c")),
                         "blocked");
    listenQuietly();
    QCOMPARE(eventData(*to.client, spec::event::kMessageNew, toFrom).size(), 0);
    QCOMPARE(lastSeqSeenBy(*to.client, conversation_), lastSeq);
    QCOMPARE(lastSeqSeenBy(*from.client, conversation_), lastSeq);
}

void TestSafetyBlocking::verifyCannotAddToGroup(const ChatUser& adder, const ChatUser& addee) {
    QString error;
    const QStringList thirdBefore = conversationIdsOf(*third_.client, &error);
    const QStringList addeeBefore = conversationIdsOf(*addee.client, &error);
    NATTER_COMPARE_ERROR_FIELD(
        adder.client->call(spec::method::kConversationsCreateGroup,
                           createGroupParams(QStringLiteral("Team"), {addee.userId, third_.userId},
                                             QStringLiteral("welcome"))),
        "blocked", "member_ids");
    QCOMPARE(conversationIdsOf(*third_.client, &error), thirdBefore);
    QCOMPARE(conversationIdsOf(*addee.client, &error), addeeBefore);

    const QString group = createGroup(*adder.client, {third_.userId}, &error);
    QVERIFY2(!group.isEmpty(), qPrintable(error));
    const qint64 lastSeq = lastSeqSeenBy(*third_.client, group);
    QJsonObject params = conversationParam(group);
    // One blocked id refuses the whole request: the fourth is not added either.
    params.insert(QStringLiteral("member_ids"), QJsonArray{fourth_.userId, addee.userId});
    NATTER_COMPARE_ERROR_FIELD(adder.client->call(spec::method::kConversationsAddMembers, params),
                               "blocked", "member_ids");
    const QJsonObject conversation = fetchConversation(*third_.client, group, &error);
    QCOMPARE(userIdsOf(conversation.value(QStringLiteral("members")).toArray()).size(), 2);
    QVERIFY(!conversationIdsOf(*fourth_.client, &error).contains(group));
    QCOMPARE(lastSeqSeenBy(*third_.client, group), lastSeq);
    QCOMPARE(conversationIdsOf(*addee.client, &error), addeeBefore);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestSafetyBlocking::blockedListIsMostRecentFirstAndIdempotent() {
    QVERIFY(setUpUsers(false));
    QString error;
    QCOMPARE(blockedIds(*blocker_.client, &error), QStringList());
    NATTER_VERIFY_EMPTY_RESULT(block(*blocker_.client, other_.userId));
    NATTER_VERIFY_RESULT(block(*blocker_.client, third_.userId));
    NATTER_VERIFY_EMPTY_RESULT(block(*blocker_.client, third_.userId));
    QCOMPARE(blockedIds(*blockerPhone_, &error), QStringList({third_.userId, other_.userId}));
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonArray users = resultOf(blocker_.client->call(spec::method::kUsersBlocked))
                                 .value(QStringLiteral("users"))
                                 .toArray();
    QCOMPARE(users.first().toObject(), third_.userObject());

    NATTER_VERIFY_RESULT(unblock(*blocker_.client, other_.userId));
    NATTER_VERIFY_EMPTY_RESULT(unblock(*blocker_.client, other_.userId));
    QCOMPARE(blockedIds(*blocker_.client, &error), QStringList({third_.userId}));
    // The blocked user's own list is theirs alone.
    QCOMPARE(blockedIds(*third_.client, &error), QStringList());
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestSafetyBlocking::blockRefusesSelfAndUnknownUsers() {
    QVERIFY(setUpUsers(false));
    NATTER_COMPARE_INVALID_PARAM(block(*blocker_.client, blocker_.userId), "user_id");
    NATTER_COMPARE_INVALID_PARAM(blocker_.client->call(spec::method::kUsersBlock, {}), "user_id");
    NATTER_COMPARE_INVALID_PARAM(
        blocker_.client->call(spec::method::kUsersBlock, {{QStringLiteral("user_id"), 7}}),
        "user_id");
    NATTER_COMPARE_INVALID_PARAM(blocker_.client->call(spec::method::kUsersUnblock, {}), "user_id");
    NATTER_COMPARE_ERROR(block(*blocker_.client, kMadeUpUserId), "not_found");
    NATTER_COMPARE_ERROR(unblock(*blocker_.client, kMadeUpUserId), "not_found");
    QString error;
    QCOMPARE(blockedIds(*blocker_.client, &error), QStringList());
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestSafetyBlocking::everyDeviceOfTheBlockerHearsOfIt() {
    QVERIFY(setUpUsers(true));
    const qsizetype laptopFrom = positionOf(*blocker_.client);
    const qsizetype phoneFrom = positionOf(*blockerPhone_);
    const qsizetype otherFrom = positionOf(*other_.client);
    // Every successful call is announced, also the ones that changed nothing.
    NATTER_VERIFY_RESULT(block(*blocker_.client, other_.userId));
    NATTER_VERIFY_RESULT(block(*blockerPhone_, other_.userId));
    NATTER_VERIFY_RESULT(unblock(*blockerPhone_, other_.userId));
    NATTER_VERIFY_RESULT(unblock(*blocker_.client, other_.userId));
    const QString expected =
        jsonText({blockChangedData(other_, true), blockChangedData(other_, true),
                  blockChangedData(other_, false), blockChangedData(other_, false)});
    for (const auto& [client, from] :
         {std::pair{blocker_.client, laptopFrom}, std::pair{blockerPhone_, phoneFrom}}) {
        QVERIFY(waitForEventCount(*client, spec::event::kBlockChanged, 4, from));
        listenQuietly();
        QCOMPARE(jsonText(eventData(*client, spec::event::kBlockChanged, from)), expected);
    }
    // Blocking is not announced to the blocked user.
    QCOMPARE(eventData(*other_.client, spec::event::kBlockChanged, otherFrom).size(), 0);
}

void TestSafetyBlocking::blockedFlagIsForTheBlockerOnly() {
    QVERIFY(setUpUsers(true));
    NATTER_VERIFY_NO_PROBLEMS(
        flagProblems(*blocker_.client, conversation_, QStringLiteral("blocked"), false));
    NATTER_VERIFY_RESULT(block(*blocker_.client, other_.userId));
    NATTER_VERIFY_NO_PROBLEMS(
        flagProblems(*blockerPhone_, conversation_, QStringLiteral("blocked"), true));
    NATTER_VERIFY_NO_PROBLEMS(
        flagProblems(*other_.client, conversation_, QStringLiteral("blocked"), false));
    NATTER_VERIFY_RESULT(unblock(*blocker_.client, other_.userId));
    NATTER_VERIFY_NO_PROBLEMS(
        flagProblems(*blockerPhone_, conversation_, QStringLiteral("blocked"), false));
}

void TestSafetyBlocking::neitherCanSendPrivateMessages() {
    QVERIFY(setUpUsers(true));
    NATTER_VERIFY_RESULT(block(*blocker_.client, other_.userId));
    verifyPrivateSendsRefused(other_, blocker_);
    verifyPrivateSendsRefused(blocker_, other_);
}

void TestSafetyBlocking::neitherCanStartAPrivateChat() {
    QVERIFY(setUpUsers(false));
    NATTER_VERIFY_RESULT(block(*blocker_.client, other_.userId));
    NATTER_COMPARE_ERROR(sendText(*other_.client, toUser(blocker_.userId), QStringLiteral("hi")),
                         "blocked");
    NATTER_COMPARE_ERROR(
        sendText(*other_.client, toUsername(blocker_.username), QStringLiteral("hi")), "blocked");
    // Usernames are case-insensitive (section 5.1): the same person, still blocked.
    NATTER_COMPARE_ERROR(
        sendText(*other_.client, toUsername(blocker_.username.toUpper()), QStringLiteral("hi")),
        "blocked");
    NATTER_COMPARE_ERROR(sendText(*blocker_.client, toUser(other_.userId), QStringLiteral("hi")),
                         "blocked");
    QString error;
    QCOMPARE(conversationIdsOf(*other_.client, &error), QStringList());
    QCOMPARE(conversationIdsOf(*blocker_.client, &error), QStringList());
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestSafetyBlocking::neitherCanAddTheOtherToAGroup() {
    QVERIFY(setUpUsers(false));
    NATTER_VERIFY_RESULT(block(*blocker_.client, other_.userId));
    verifyCannotAddToGroup(blocker_, other_);
    if (QTest::currentTestFailed()) {
        return;
    }
    verifyCannotAddToGroup(other_, blocker_);
}

void TestSafetyBlocking::typingIsRefusedInTheirPrivateChatOnly() {
    QVERIFY(setUpUsers(true));
    QString error;
    const QString group = createGroup(*third_.client, {blocker_.userId, other_.userId}, &error);
    QVERIFY2(!group.isEmpty(), qPrintable(error));
    NATTER_VERIFY_RESULT(block(*blocker_.client, other_.userId));
    const qsizetype blockerFrom = positionOf(*blocker_.client);
    NATTER_COMPARE_ERROR(setTyping(*other_.client, conversation_, true), "blocked");
    NATTER_COMPARE_ERROR(setTyping(*blocker_.client, conversation_, true), "blocked");
    NATTER_VERIFY_RESULT(setTyping(*other_.client, group, true));
    // Only the group's typing reaches the blocker.
    QVERIFY(waitForEventCount(*blocker_.client, spec::event::kTyping, 1, blockerFrom));
    listenQuietly();
    const QList<QJsonObject> typing =
        eventData(*blocker_.client, spec::event::kTyping, blockerFrom);
    QCOMPARE(typing.size(), 1);
    QCOMPARE(typing.constFirst().value(QStringLiteral("conversation_id")).toString(), group);
}

void TestSafetyBlocking::sharedGroupsAreUnaffected() {
    QVERIFY(setUpUsers(true));
    QString error;
    const QString group = createGroup(*third_.client, {blocker_.userId, other_.userId}, &error);
    QVERIFY2(!group.isEmpty(), qPrintable(error));
    NATTER_VERIFY_RESULT(block(*blocker_.client, other_.userId));
    const QJsonObject fromOther =
        sendText(*other_.client, toConversation(group), QStringLiteral("still here"));
    NATTER_VERIFY_RESULT(fromOther);
    const QJsonObject fromBlocker =
        sendText(*blocker_.client, toConversation(group), QStringLiteral("me too"));
    NATTER_VERIFY_RESULT(fromBlocker);
    QVERIFY(!waitForMessageSeq(*blocker_.client, group, seqOf(messageOf(fromOther))).isEmpty());
    QVERIFY(!waitForMessageSeq(*other_.client, group, seqOf(messageOf(fromBlocker))).isEmpty());
}

void TestSafetyBlocking::mutualBlockNeedsBothToUnblock() {
    QVERIFY(setUpUsers(true));
    NATTER_VERIFY_RESULT(block(*blocker_.client, other_.userId));
    NATTER_VERIFY_RESULT(block(*other_.client, blocker_.userId));
    NATTER_VERIFY_RESULT(unblock(*blocker_.client, other_.userId));
    // The other still blocks the blocker: still refused both ways.
    verifyPrivateSendsRefused(blocker_, other_);
    verifyPrivateSendsRefused(other_, blocker_);
    NATTER_VERIFY_NO_PROBLEMS(
        flagProblems(*blocker_.client, conversation_, QStringLiteral("blocked"), false));
    NATTER_VERIFY_NO_PROBLEMS(
        flagProblems(*other_.client, conversation_, QStringLiteral("blocked"), true));
}

void TestSafetyBlocking::unblockRestoresSending() {
    QVERIFY(setUpUsers(true));
    NATTER_VERIFY_RESULT(block(*blocker_.client, other_.userId));
    NATTER_COMPARE_ERROR(
        sendText(*other_.client, toConversation(conversation_), QStringLiteral("hello?")),
        "blocked");
    NATTER_VERIFY_RESULT(unblock(*blockerPhone_, other_.userId));
    const QJsonObject sent =
        sendText(*other_.client, toUser(blocker_.userId), QStringLiteral("hello again"));
    NATTER_VERIFY_RESULT(sent);
    QCOMPARE(conversationIdOf(sent), conversation_);
    QVERIFY(!waitForMessageSeq(*blocker_.client, conversation_, seqOf(messageOf(sent))).isEmpty());
    NATTER_VERIFY_RESULT(
        sendText(*blocker_.client, toConversation(conversation_), QStringLiteral("welcome back")));
    NATTER_VERIFY_RESULT(setTyping(*other_.client, conversation_, true));
    QString error;
    QVERIFY2(!createGroup(*blocker_.client, {other_.userId}, &error).isEmpty(), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestSafetyBlocking)
#include "tst_safety_blocking.moc"
