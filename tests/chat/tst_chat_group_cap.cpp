// The group member cap (docs/protocol.md section 2 kMaxGroupMembers = 256, owner included;
// section 5.2 create_group / add_members `group_full`). Reaching the cap honestly takes 257 real
// accounts, since unknown ids are `not_found`, so this test has its own executable.
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

constexpr int kMaxGroupMembers = 256;

}  // namespace

class TestChatGroupCap : public QObject {
    Q_OBJECT

private:
    ChatServer server_;
    ChatUser owner_;
    QList<ChatUser> others_;  // kMaxGroupMembers of them: one more than fits beside the owner

private slots:
    void initTestCase();
    void cleanupTestCase();

    void createGroupBeyondTheCapIsGroupFull();
    void createGroupAtTheCapThenAddingOneMoreIsGroupFull();
    void creatorAndDuplicatesDoNotCountTowardsTheCap();
};

void TestChatGroupCap::initTestCase() {
    QCOMPARE(server_.start(), QString());
    const QList<ChatUser> users =
        server_.registerUsers(QStringLiteral("cap"), kMaxGroupMembers + 1);
    QCOMPARE(users.size(), kMaxGroupMembers + 1);
    owner_ = users.first();
    others_ = users.mid(1);
}

void TestChatGroupCap::cleanupTestCase() {
    NATTER_VERIFY_NO_PROBLEMS(server_.releaseClients());
}

void TestChatGroupCap::createGroupBeyondTheCapIsGroupFull() {
    // 256 others + the owner = 257 members.
    const QJsonObject tooMany = owner_.client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Crowd"), userIdsOf(others_), QStringLiteral("hi all")));
    NATTER_COMPARE_ERROR(tooMany, "group_full");
    const QJsonObject list = owner_.client->call(spec::method::kConversationsList);
    QVERIFY(resultOf(list).value(QStringLiteral("conversations")).toArray().isEmpty());
}

void TestChatGroupCap::createGroupAtTheCapThenAddingOneMoreIsGroupFull() {
    // 255 others + the owner: exactly 256 members.
    const QJsonObject created =
        owner_.client->call(spec::method::kConversationsCreateGroup,
                            createGroupParams(QStringLiteral("Full house"),
                                              userIdsOf(others_.mid(0, kMaxGroupMembers - 1)),
                                              QStringLiteral("hi all")));
    NATTER_VERIFY_RESULT(created);
    const QString groupId = idOf(conversationOf(created));
    QCOMPARE(conversationOf(created).value(QStringLiteral("members")).toArray().size(),
             kMaxGroupMembers);

    QJsonObject add = conversationParam(groupId);
    add.insert(QStringLiteral("member_ids"), QJsonArray{others_.last().userId});
    NATTER_COMPARE_ERROR(owner_.client->call(spec::method::kConversationsAddMembers, add),
                         "group_full");
    NATTER_COMPARE_ERROR(
        others_.last().client->call(spec::method::kConversationsGet, conversationParam(groupId)),
        "not_member");
    const QJsonObject got =
        others_.first().client->call(spec::method::kConversationsGet, conversationParam(groupId));
    QCOMPARE(conversationOf(got).value(QStringLiteral("members")).toArray().size(),
             kMaxGroupMembers);
    QCOMPARE(conversationOf(got).value(QStringLiteral("last_seq")).toInt(), 2);
}

void TestChatGroupCap::creatorAndDuplicatesDoNotCountTowardsTheCap() {
    // 255 distinct others, plus the creator and a duplicate, which section 5.2 says are ignored.
    QStringList memberIds = userIdsOf(others_.mid(1, kMaxGroupMembers - 1));
    memberIds << owner_.userId << memberIds.first();
    const QJsonObject created = owner_.client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Listed twice"), memberIds, QStringLiteral("hi")));
    NATTER_VERIFY_RESULT(created);
    QCOMPARE(conversationOf(created).value(QStringLiteral("members")).toArray().size(),
             kMaxGroupMembers);
}

QTEST_GUILESS_MAIN(TestChatGroupCap)
#include "tst_chat_group_cap.moc"
