// Group conversations (docs/protocol.md section 5.2 "Kinds", "Ownership" and the conversations.*
// methods; section 5.7 events) as their members see them.
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "chat_server_test.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

QJsonObject membersParams(const QString& conversationId, const QStringList& memberIds) {
    QJsonObject params = conversationParam(conversationId);
    params.insert(QStringLiteral("member_ids"), QJsonArray::fromStringList(memberIds));
    return params;
}

QJsonObject memberParams(const QString& conversationId, const QString& memberId) {
    QJsonObject params = conversationParam(conversationId);
    params.insert(QStringLiteral("member_id"), memberId);
    return params;
}

QJsonObject renameParams(const QString& conversationId, const QString& name) {
    QJsonObject params = conversationParam(conversationId);
    params.insert(QStringLiteral("name"), name);
    return params;
}

QStringList sorted(QStringList list) {
    list.sort();
    return list;
}

QStringList memberIdsOf(const QJsonObject& conversation) {
    return sorted(userIdsOf(conversation.value(QStringLiteral("members")).toArray()));
}

QJsonObject metaOf(const QJsonObject& message) {
    return message.value(QStringLiteral("meta")).toObject();
}

QString actionOf(const QJsonObject& message) {
    return metaOf(message).value(QStringLiteral("action")).toString();
}

QStringList metaMembers(const QJsonObject& message) {
    QStringList ids;
    for (const QJsonValue& id : metaOf(message).value(QStringLiteral("members")).toArray()) {
        ids.append(id.toString());
    }
    return sorted(ids);
}

// The error codes `client` gets for the owner's actions on `conversationId`, in this order: adding
// `newMemberId`, removing `memberId`, renaming to `name` ("<result>" for one that was done).
QStringList ownerActionErrors(WsTestClient& client, const QString& conversationId,
                              const QString& newMemberId, const QString& memberId,
                              const QString& name) {
    return {errorCodeOf(client.call(spec::method::kConversationsAddMembers,
                                    membersParams(conversationId, {newMemberId}))),
            errorCodeOf(client.call(spec::method::kConversationsRemoveMember,
                                    memberParams(conversationId, memberId))),
            errorCodeOf(client.call(spec::method::kConversationsRename,
                                    renameParams(conversationId, name)))};
}

}  // namespace

class TestChatGroups : public ChatServerTest {
    Q_OBJECT

private:
    // Registers `count` users; the first creates a group with the next `initialMembers` of them.
    bool makeGroup(int count, int initialMembers);
    // The system message a member heard last in the group, after waiting for it to arrive.
    QJsonObject lastHeard(const ChatUser& user, int seq);
    // Checks what a member hears about a membership change: conversation.updated (showing
    // `expectedMembers`), then message.new with the system message at `seq` doing `action`.
    void verifyHeardChange(const ChatUser& user, int seq, const QString& action,
                           const QStringList& expectedMembers);
    QJsonObject get(const ChatUser& user);
    void forgetTestState() override;

    QList<ChatUser> users_;
    QString groupId_;

private slots:
    void createGroupStoresSystemMessageThenFirstMessage();
    void ownerAddsMemberWhoSeesWholeHistory();
    void ownerRemovesMemberWhoLosesAccess();
    void ownerRenamesGroup();
    void nonOwnerCannotManageGroup();
    void memberLeaves();
    void ownerLeavingPassesOwnershipToEarliestMember();
    void lastMemberLeavingEndsGroup();
    void privateConversationRefusesGroupActions();
    void unknownMemberIdIsNotFound();
};

void TestChatGroups::forgetTestState() {
    users_.clear();
    groupId_.clear();
}

bool TestChatGroups::makeGroup(int count, int initialMembers) {
    users_ = server_.registerUsers(QStringLiteral("grp"), count);
    if (users_.size() != count) {
        return false;
    }
    const QJsonObject created = users_.first().client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Team"), userIdsOf(users_.mid(1, initialMembers)),
                          QStringLiteral("welcome")));
    groupId_ = idOf(conversationOf(created));
    return isResult(created);
}

QJsonObject TestChatGroups::lastHeard(const ChatUser& user, int seq) {
    return waitForMessageSeq(*user.client, groupId_, seq)
        .value(QStringLiteral("message"))
        .toObject();
}

void TestChatGroups::verifyHeardChange(const ChatUser& user, int seq, const QString& action,
                                       const QStringList& expectedMembers) {
    const QJsonObject system = lastHeard(user, seq);
    QVERIFY2(!system.isEmpty(),
             qPrintable(user.username + QStringLiteral(" missed seq %1").arg(seq)));
    QCOMPARE(system.value(QStringLiteral("type")).toString(), QStringLiteral("system"));
    QVERIFY(system.value(QStringLiteral("sender")).isNull());
    QCOMPARE(actionOf(system), action);
    // Section 5.7: conversation.updated comes before the system message's message.new.
    const qsizetype messageIndex =
        indexOfEvent(*user.client, spec::event::kMessageNew, groupId_, seq);
    qsizetype updatedIndex = -1;
    for (qsizetype i = 0; i < messageIndex; ++i) {
        const QJsonObject& received = user.client->received().at(i);
        if (received.value(QStringLiteral("event")).toString() ==
                spec::event::kConversationUpdated &&
            idOf(received.value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("conversation"))
                     .toObject()) == groupId_) {
            updatedIndex = i;
        }
    }
    QVERIFY2(updatedIndex >= 0, "no conversation.updated before the system message");
    const QJsonObject updated = user.client->received()
                                    .at(updatedIndex)
                                    .value(QStringLiteral("data"))
                                    .toObject()
                                    .value(QStringLiteral("conversation"))
                                    .toObject();
    NATTER_VERIFY_NO_PROBLEMS(conversationShapeProblems(updated));
    QCOMPARE(memberIdsOf(updated), sorted(expectedMembers));
}

QJsonObject TestChatGroups::get(const ChatUser& user) {
    return user.client->call(spec::method::kConversationsGet, conversationParam(groupId_));
}

void TestChatGroups::createGroupStoresSystemMessageThenFirstMessage() {
    users_ = server_.registerUsers(QStringLiteral("grp"), 3);
    QCOMPARE(users_.size(), 3);
    const ChatUser& owner = users_.at(0);
    WsTestClient* ownerPhone = server_.resume(owner.token);
    QVERIFY(ownerPhone);
    // The creator may be listed; duplicates are ignored.
    const QStringList listed{users_.at(1).userId, owner.userId, users_.at(2).userId,
                             users_.at(1).userId};
    const QJsonObject created = owner.client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Book club"), listed, QStringLiteral("welcome")));
    NATTER_VERIFY_RESULT(created);
    QCOMPARE(resultOf(created).value(QStringLiteral("duplicate")), QJsonValue(false));
    const QJsonObject conversation = conversationOf(created);
    groupId_ = idOf(conversation);
    NATTER_VERIFY_NO_PROBLEMS(conversationShapeProblems(conversation));
    QCOMPARE(conversation.value(QStringLiteral("kind")).toString(), QStringLiteral("group"));
    QCOMPARE(conversation.value(QStringLiteral("name")).toString(), QStringLiteral("Book club"));
    QCOMPARE(conversation.value(QStringLiteral("owner_id")).toString(), owner.userId);
    QCOMPARE(memberIdsOf(conversation),
             sorted({owner.userId, users_.at(1).userId, users_.at(2).userId}));
    const QJsonObject first = messageOf(created);
    QCOMPARE(seqOf(first), 2);
    QCOMPARE(first.value(QStringLiteral("sender")).toObject(), owner.userObject());
    QCOMPARE(first.value(QStringLiteral("body")).toString(), QStringLiteral("welcome"));

    const QList<QJsonObject> history = fullHistory(*users_.at(2).client, groupId_);
    QCOMPARE(history.size(), 2);
    QCOMPARE(seqOf(history.at(0)), 1);
    QCOMPARE(actionOf(history.at(0)), QStringLiteral("group_created"));
    QVERIFY(history.at(0).value(QStringLiteral("sender")).isNull());
    QCOMPARE(metaOf(history.at(0)).value(QStringLiteral("actor")).toString(), owner.userId);
    QCOMPARE(history.at(1), first);

    // Every member connection except the creating one hears the first message, named after the
    // group. A system message has no sending connection (section 5.2 "Delivery"): every member
    // connection hears group_created, the creating one included, and before the first message.
    for (WsTestClient* client :
         {users_.at(1).client, users_.at(2).client, ownerPhone, owner.client}) {
        QCOMPARE(
            waitForMessageSeq(*client, groupId_, 1).value(QStringLiteral("message")).toObject(),
            history.at(0));
        if (client != owner.client) {
            QVERIFY(indexOfEvent(*client, spec::event::kMessageNew, groupId_, 1) <
                    indexOfEvent(*client, spec::event::kMessageNew, groupId_, 2));
        }
    }
    for (WsTestClient* client : {users_.at(1).client, users_.at(2).client, ownerPhone}) {
        const QJsonObject data = waitForMessageSeq(*client, groupId_, 2);
        QCOMPARE(data.value(QStringLiteral("conversation"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("Book club"));
        QCOMPARE(data.value(QStringLiteral("message")).toObject(), first);
    }
    // A member's reply (seq 3) reaches the creating connection; an event for seq 2 would have come
    // first.
    NATTER_VERIFY_RESULT(
        sendText(*users_.at(1).client, toConversation(groupId_), QStringLiteral("thanks")));
    QVERIFY(!waitForMessageSeq(*owner.client, groupId_, 3).isEmpty());
    QCOMPARE(indexOfEvent(*owner.client, spec::event::kMessageNew, groupId_, 2), -1);
}

void TestChatGroups::ownerAddsMemberWhoSeesWholeHistory() {
    QVERIFY(makeGroup(4, 2));
    const ChatUser& owner = users_.at(0);
    const ChatUser& newcomer = users_.at(3);
    const QJsonObject added =
        owner.client->call(spec::method::kConversationsAddMembers,
                           membersParams(groupId_, {newcomer.userId, users_.at(1).userId}));
    NATTER_VERIFY_RESULT(added);
    QStringList everyone{owner.userId, users_.at(1).userId, users_.at(2).userId, newcomer.userId};
    QCOMPARE(memberIdsOf(conversationOf(added)), sorted(everyone));

    verifyHeardChange(newcomer, 3, QStringLiteral("members_added"), everyone);
    verifyHeardChange(users_.at(1), 3, QStringLiteral("members_added"), everyone);
    verifyHeardChange(owner, 3, QStringLiteral("members_added"), everyone);
    const QJsonObject system = lastHeard(newcomer, 3);
    QCOMPARE(metaMembers(system), QStringList{newcomer.userId});
    QCOMPARE(metaOf(system).value(QStringLiteral("actor")).toString(), owner.userId);

    const QList<QJsonObject> history = fullHistory(*newcomer.client, groupId_);
    QCOMPARE(history.size(), 3);
    QCOMPARE(seqOf(history.first()), 1);
    NATTER_VERIFY_RESULT(
        sendText(*newcomer.client, toConversation(groupId_), QStringLiteral("hi all")));
}

void TestChatGroups::ownerRemovesMemberWhoLosesAccess() {
    QVERIFY(makeGroup(3, 2));
    const ChatUser& owner = users_.at(0);
    const ChatUser& removed = users_.at(2);
    const QJsonObject result = owner.client->call(spec::method::kConversationsRemoveMember,
                                                  memberParams(groupId_, removed.userId));
    NATTER_VERIFY_RESULT(result);
    const QStringList remaining{owner.userId, users_.at(1).userId};
    QCOMPARE(memberIdsOf(conversationOf(result)), sorted(remaining));

    verifyHeardChange(users_.at(1), 3, QStringLiteral("member_removed"), remaining);
    verifyHeardChange(owner, 3, QStringLiteral("member_removed"), remaining);
    QCOMPARE(metaMembers(lastHeard(users_.at(1), 3)), QStringList{removed.userId});
    QVERIFY(waitForEvents(*removed.client, spec::event::kConversationRemoved, 1));
    QCOMPARE(eventsNamed(*removed.client, spec::event::kConversationRemoved)
                 .first()
                 .value(QStringLiteral("data"))
                 .toObject(),
             QJsonObject({{QStringLiteral("conversation_id"), groupId_}}));

    NATTER_COMPARE_ERROR(
        sendText(*removed.client, toConversation(groupId_), QStringLiteral("still here?")),
        "not_member");
    NATTER_COMPARE_ERROR(
        removed.client->call(spec::method::kMessagesHistory, conversationParam(groupId_)),
        "not_member");
    NATTER_COMPARE_ERROR(get(removed), "not_member");
    // Removing someone who is not a member (any more) is not_found.
    NATTER_COMPARE_ERROR(owner.client->call(spec::method::kConversationsRemoveMember,
                                            memberParams(groupId_, removed.userId)),
                         "not_found");
    QCOMPARE(fullHistory(*owner.client, groupId_).size(), 3);
}

void TestChatGroups::ownerRenamesGroup() {
    QVERIFY(makeGroup(2, 1));
    const QJsonObject renamed =
        users_.at(0).client->call(spec::method::kConversationsRename,
                                  renameParams(groupId_, QStringLiteral("  Night owls ")));
    NATTER_VERIFY_RESULT(renamed);
    // Section 2: the server trims leading and trailing white space.
    QCOMPARE(conversationOf(renamed).value(QStringLiteral("name")).toString(),
             QStringLiteral("Night owls"));
    verifyHeardChange(users_.at(1), 3, QStringLiteral("renamed"),
                      {users_.at(0).userId, users_.at(1).userId});
    verifyHeardChange(users_.at(0), 3, QStringLiteral("renamed"),
                      {users_.at(0).userId, users_.at(1).userId});
    QCOMPARE(metaOf(lastHeard(users_.at(1), 3)).value(QStringLiteral("name")).toString(),
             QStringLiteral("Night owls"));
    QCOMPARE(conversationOf(get(users_.at(1))).value(QStringLiteral("name")).toString(),
             QStringLiteral("Night owls"));
}

void TestChatGroups::nonOwnerCannotManageGroup() {
    QVERIFY(makeGroup(4, 2));
    QCOMPARE(ownerActionErrors(*users_.at(1).client, groupId_, users_.at(3).userId,
                               users_.at(2).userId, QStringLiteral("Mine")),
             QStringList(3, QStringLiteral("not_owner")));
    const QJsonObject conversation = conversationOf(get(users_.at(0)));
    QCOMPARE(conversation.value(QStringLiteral("last_seq")).toInt(), 2);
    QCOMPARE(conversation.value(QStringLiteral("name")).toString(), QStringLiteral("Team"));
    QCOMPARE(conversation.value(QStringLiteral("members")).toArray().size(), 3);
}

void TestChatGroups::memberLeaves() {
    QVERIFY(makeGroup(3, 2));
    const ChatUser& leaver = users_.at(1);
    const QJsonObject left =
        leaver.client->call(spec::method::kConversationsLeave, conversationParam(groupId_));
    NATTER_VERIFY_RESULT(left);
    QCOMPARE(resultOf(left), QJsonObject());
    QVERIFY(waitForEvents(*leaver.client, spec::event::kConversationRemoved, 1));
    const QStringList remaining{users_.at(0).userId, users_.at(2).userId};
    verifyHeardChange(users_.at(2), 3, QStringLiteral("member_left"), remaining);
    QCOMPARE(metaOf(lastHeard(users_.at(0), 3)).value(QStringLiteral("actor")).toString(),
             leaver.userId);
    NATTER_COMPARE_ERROR(get(leaver), "not_member");
    NATTER_COMPARE_ERROR(
        leaver.client->call(spec::method::kConversationsLeave, conversationParam(groupId_)),
        "not_member");
}

void TestChatGroups::ownerLeavingPassesOwnershipToEarliestMember() {
    QVERIFY(makeGroup(4, 1));
    const ChatUser& owner = users_.at(0);
    const ChatUser& earliest = users_.at(1);
    // users 2 and 3 join later, one at a time, so "joined earliest" is unambiguous.
    NATTER_VERIFY_RESULT(owner.client->call(spec::method::kConversationsAddMembers,
                                            membersParams(groupId_, {users_.at(2).userId})));
    NATTER_VERIFY_RESULT(owner.client->call(spec::method::kConversationsAddMembers,
                                            membersParams(groupId_, {users_.at(3).userId})));
    NATTER_VERIFY_RESULT(
        owner.client->call(spec::method::kConversationsLeave, conversationParam(groupId_)));

    const QStringList remaining{earliest.userId, users_.at(2).userId, users_.at(3).userId};
    verifyHeardChange(users_.at(3), 5, QStringLiteral("member_left"), remaining);
    const QJsonObject ownerChanged = lastHeard(users_.at(3), 6);
    QCOMPARE(actionOf(ownerChanged), QStringLiteral("owner_changed"));
    QCOMPARE(metaMembers(ownerChanged), QStringList{earliest.userId});
    const QJsonObject conversation = conversationOf(get(users_.at(2)));
    QCOMPARE(conversation.value(QStringLiteral("owner_id")).toString(), earliest.userId);
    QCOMPARE(conversation.value(QStringLiteral("last_seq")).toInt(), 6);
    // The new owner may manage the group, the others still may not.
    NATTER_VERIFY_RESULT(earliest.client->call(spec::method::kConversationsRename,
                                               renameParams(groupId_, QStringLiteral("Next"))));
    NATTER_COMPARE_ERROR(users_.at(2).client->call(spec::method::kConversationsRename,
                                                   renameParams(groupId_, QStringLiteral("No"))),
                         "not_owner");
}

void TestChatGroups::lastMemberLeavingEndsGroup() {
    QVERIFY(makeGroup(2, 1));
    NATTER_VERIFY_RESULT(
        users_.at(0).client->call(spec::method::kConversationsLeave, conversationParam(groupId_)));
    NATTER_VERIFY_RESULT(
        users_.at(1).client->call(spec::method::kConversationsLeave, conversationParam(groupId_)));
    QVERIFY(waitForEvents(*users_.at(1).client, spec::event::kConversationRemoved, 1));
    for (const ChatUser& user : std::as_const(users_)) {
        NATTER_COMPARE_ERROR(get(user), "not_member");
        const QJsonObject list = user.client->call(spec::method::kConversationsList);
        QVERIFY(resultOf(list).value(QStringLiteral("conversations")).toArray().isEmpty());
    }
}

void TestChatGroups::privateConversationRefusesGroupActions() {
    users_ = server_.registerUsers(QStringLiteral("pg"), 3);
    QCOMPARE(users_.size(), 3);
    const QJsonObject sent =
        sendText(*users_.at(0).client, toUser(users_.at(1).userId), QStringLiteral("hi"));
    NATTER_VERIFY_RESULT(sent);
    const QString privateId = conversationIdOf(sent);
    WsTestClient& client = *users_.at(0).client;
    NATTER_COMPARE_ERROR(
        client.call(spec::method::kConversationsLeave, conversationParam(privateId)),
        "not_a_group");
    QCOMPARE(ownerActionErrors(client, privateId, users_.at(2).userId, users_.at(1).userId,
                               QStringLiteral("Us")),
             QStringList(3, QStringLiteral("not_a_group")));
    const QJsonObject conversation = conversationOf(
        users_.at(1).client->call(spec::method::kConversationsGet, conversationParam(privateId)));
    QCOMPARE(conversation.value(QStringLiteral("last_seq")).toInt(), 1);
    QCOMPARE(conversation.value(QStringLiteral("members")).toArray().size(), 2);
}

void TestChatGroups::unknownMemberIdIsNotFound() {
    QVERIFY(makeGroup(2, 1));
    NATTER_COMPARE_ERROR(
        users_.at(0).client->call(
            spec::method::kConversationsCreateGroup,
            createGroupParams(QStringLiteral("Ghosts"), {users_.at(1).userId, kMadeUpUserId},
                              QStringLiteral("boo"))),
        "not_found");
    NATTER_COMPARE_ERROR(users_.at(0).client->call(spec::method::kConversationsAddMembers,
                                                   membersParams(groupId_, {kMadeUpUserId})),
                         "not_found");
    const QJsonObject list = users_.at(1).client->call(spec::method::kConversationsList);
    QCOMPARE(resultOf(list).value(QStringLiteral("conversations")).toArray().size(), 1);
    QCOMPARE(conversationOf(get(users_.at(1))).value(QStringLiteral("last_seq")).toInt(), 2);
}

QTEST_GUILESS_MAIN(TestChatGroups)
#include "tst_chat_groups.moc"
