// Read state across devices and receipts (docs/protocol.md section 5.5 "Read state",
// conversations.mark_read, section 3.4 Conversation read members, section 5.7 read_state.changed
// and receipt.read): the marker belongs to the user, so every device sees the same unread count
// and every device's badge clears; the other members get receipts; the marker never moves back
// and never beyond the conversation's last message; a group shows who has seen what.
#include <QSet>
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "presence_support.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;

class TestPresenceReadState : public QObject {
    Q_OBJECT

private:
    // Registers reader (with a second device), sender and outsider; sender sends `count` messages
    // to reader, and both reader devices have received them. Returns the conversation id.
    QString startUnreadConversation(int count);
    // Fails unless conversations.get, conversations.list and sync all show this read state.
    void verifyReadStateEverywhere(WsTestClient& client, const QString& conversationId,
                                   qint64 lastReadSeq, qint64 unreadCount);
    // Marks read through `device` and checks the answer and the events on every connection.
    void markAndVerifyEvents(WsTestClient& device, const QString& conversationId, qint64 seq,
                             qint64 unreadAfter);

    ChatServer server_;
    ChatUser reader_, sender_, outsider_;
    WsTestClient* readerPhone_ = nullptr;
    WsTestClient* senderPhone_ = nullptr;

private slots:
    void initTestCase();
    void cleanup();

    void everyDeviceSeesTheSameUnreadCount();
    void markReadClearsEveryDeviceAndSendsReceipts();
    void markerNeverMovesBackwardsNorBeyondLastSeq();
    void nonMemberCannotMarkRead();
    void groupShowsWhoHasSeenWhat();
    void everyConversationObjectCarriesTheViewersReadState();
};

void TestPresenceReadState::initTestCase() {
    const QString problem = server_.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPresenceReadState::cleanup() {
    reportServerOnFailure(server_);
    NATTER_VERIFY_NO_PROBLEMS(server_.releaseClients());
}

QString TestPresenceReadState::startUnreadConversation(int count) {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("rs"), 3);
    if (users.size() != 3) {
        return {};
    }
    reader_ = users.at(0), sender_ = users.at(1), outsider_ = users.at(2);
    readerPhone_ = server_.loginNewDevice(reader_, QStringLiteral("Phone"));
    senderPhone_ = server_.loginNewDevice(sender_, QStringLiteral("Phone"));
    QString error;
    const QString conversationId =
        startPrivateConversation(*sender_.client, reader_.userId, &error);
    for (int i = 1; i < count && !conversationId.isEmpty(); ++i) {
        sendText(*sender_.client, toConversation(conversationId), QStringLiteral("more %1").arg(i));
    }
    // Accepted: a chat request sends no receipts (section 5.6).
    const bool accepted = !conversationId.isEmpty() &&
                          isResult(reader_.client->call(spec::method::kConversationsAccept,
                                                        chat::conversationParam(conversationId)));
    const bool delivered = accepted && readerPhone_ && senderPhone_ && !conversationId.isEmpty() &&
                           waitForMessageEvents(*reader_.client, conversationId, count) &&
                           waitForMessageEvents(*readerPhone_, conversationId, count);
    if (!delivered) {
        qWarning().noquote() << "setting up the conversation failed:" << error;
        return {};
    }
    return conversationId;
}

void TestPresenceReadState::verifyReadStateEverywhere(WsTestClient& client,
                                                      const QString& conversationId,
                                                      qint64 lastReadSeq, qint64 unreadCount) {
    const QList<qint64> expected{lastReadSeq, unreadCount};
    QString error;
    QCOMPARE(readStateOf(fetchConversation(client, conversationId, &error)), expected);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const ConversationList list = listAllConversations(client);
    QVERIFY2(list.error.isEmpty(), qPrintable(list.error));
    QCOMPARE(readStateOf(list.byId.value(conversationId)), expected);
    QVERIFY(isInteger(list.totalUnread));
    QCOMPARE(list.totalUnread.toInteger(), unreadCount);
    const QHash<QString, QJsonObject> synced = syncedConversations(client, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(readStateOf(synced.value(conversationId)), expected);
}

void TestPresenceReadState::markAndVerifyEvents(WsTestClient& device, const QString& conversationId,
                                                qint64 seq, qint64 unreadAfter) {
    const qsizetype readerFrom = positionOf(*reader_.client);
    const qsizetype phoneFrom = positionOf(*readerPhone_);
    const qsizetype senderFrom = positionOf(*sender_.client);
    const qsizetype senderPhoneFrom = positionOf(*senderPhone_);
    const QJsonObject expected = readStateData(conversationId, seq, unreadAfter, unreadAfter);
    const QJsonObject answer = markRead(device, conversationId, seq);
    NATTER_VERIFY_RESULT(answer);
    NATTER_COMPARE_JSON(resultOf(answer), expected);

    // Both of the reader's devices (the marking one included) clear their badge; the sender
    // gets the receipt. Nobody gets the other kind.
    QVERIFY(waitForEventCount(*reader_.client, spec::event::kReadStateChanged, 1, readerFrom));
    QVERIFY(waitForEventCount(*readerPhone_, spec::event::kReadStateChanged, 1, phoneFrom));
    QVERIFY(waitForEventCount(*sender_.client, spec::event::kReceiptRead, 1, senderFrom));
    QVERIFY(waitForEventCount(*senderPhone_, spec::event::kReceiptRead, 1, senderPhoneFrom));
    listenQuietly();
    for (const auto& [client, from] :
         {std::pair{reader_.client, readerFrom}, std::pair{readerPhone_, phoneFrom}}) {
        const QList<QJsonObject> changes = eventData(*client, spec::event::kReadStateChanged, from);
        QCOMPARE(changes.size(), 1);
        NATTER_COMPARE_JSON(changes.constFirst(), expected);
        QCOMPARE(eventData(*client, spec::event::kReceiptRead, from).size(), 0);
    }
    for (const auto& [client, from] :
         {std::pair{sender_.client, senderFrom}, std::pair{senderPhone_, senderPhoneFrom}}) {
        const QList<QJsonObject> receipts = eventData(*client, spec::event::kReceiptRead, from);
        QCOMPARE(receipts.size(), 1);
        NATTER_COMPARE_JSON(receipts.constFirst(),
                            receiptData(conversationId, reader_.userId, seq));
        QCOMPARE(eventData(*client, spec::event::kReadStateChanged, from).size(), 0);
    }
}

void TestPresenceReadState::everyDeviceSeesTheSameUnreadCount() {
    const QString conversationId = startUnreadConversation(3);
    QVERIFY(!conversationId.isEmpty());
    verifyReadStateEverywhere(*reader_.client, conversationId, 0, 3);
    verifyReadStateEverywhere(*readerPhone_, conversationId, 0, 3);
    // The sender's own messages are not unread for the sender.
    QString error;
    QCOMPARE(readStateOf(fetchConversation(*sender_.client, conversationId, &error)).at(1), 0);
}

void TestPresenceReadState::markReadClearsEveryDeviceAndSendsReceipts() {
    const QString conversationId = startUnreadConversation(3);
    QVERIFY(!conversationId.isEmpty());
    markAndVerifyEvents(*reader_.client, conversationId, 2, 1);
    if (QTest::currentTestFailed())
        return;
    verifyReadStateEverywhere(*readerPhone_, conversationId, 2, 1);
    markAndVerifyEvents(*readerPhone_, conversationId, 3, 0);
    if (QTest::currentTestFailed())
        return;
    verifyReadStateEverywhere(*reader_.client, conversationId, 3, 0);

    // A new message from the other side is one more unread on every device.
    sendText(*sender_.client, toConversation(conversationId), QStringLiteral("one more"));
    QVERIFY(waitForMessageEvents(*readerPhone_, conversationId, 4));
    verifyReadStateEverywhere(*readerPhone_, conversationId, 3, 1);
}

void TestPresenceReadState::markerNeverMovesBackwardsNorBeyondLastSeq() {
    const QString conversationId = startUnreadConversation(3);
    QVERIFY(!conversationId.isEmpty());
    NATTER_VERIFY_RESULT(markRead(*reader_.client, conversationId, 3));
    QVERIFY(waitForEventCount(*readerPhone_, spec::event::kReadStateChanged, 1));
    QVERIFY(waitForEventCount(*sender_.client, spec::event::kReceiptRead, 1));

    // Smaller markers change nothing and announce nothing.
    for (qint64 smaller : {2, 0}) {
        const QJsonObject answer = markRead(*readerPhone_, conversationId, smaller);
        NATTER_VERIFY_RESULT(answer);
        NATTER_COMPARE_JSON(resultOf(answer), readStateData(conversationId, 3, 0, 0));
    }
    listenQuietly();
    QCOMPARE(eventData(*readerPhone_, spec::event::kReadStateChanged).size(), 1);
    QCOMPARE(eventData(*reader_.client, spec::event::kReadStateChanged).size(), 1);
    QCOMPARE(eventData(*sender_.client, spec::event::kReceiptRead).size(), 1);
    verifyReadStateEverywhere(*reader_.client, conversationId, 3, 0);

    // A seq from the future is refused and moves nothing.
    NATTER_COMPARE_ERROR(markRead(*reader_.client, conversationId, 4), "cursor_out_of_range");
    NATTER_COMPARE_ERROR(markRead(*reader_.client, conversationId, 1'000'000),
                         "cursor_out_of_range");
    verifyReadStateEverywhere(*reader_.client, conversationId, 3, 0);
}

void TestPresenceReadState::nonMemberCannotMarkRead() {
    const QString conversationId = startUnreadConversation(1);
    QVERIFY(!conversationId.isEmpty());
    NATTER_COMPARE_ERROR(markRead(*outsider_.client, conversationId, 1), "not_member");
    NATTER_COMPARE_ERROR(markRead(*outsider_.client, kMadeUpConversationId, 0), "not_member");
    NATTER_COMPARE_ERROR(markRead(*reader_.client, kMadeUpConversationId, 0), "not_member");
    listenQuietly();
    QCOMPARE(eventData(*sender_.client, spec::event::kReceiptRead).size(), 0);
    QCOMPARE(eventData(*reader_.client, spec::event::kReadStateChanged).size(), 0);
    verifyReadStateEverywhere(*reader_.client, conversationId, 0, 1);
}

void TestPresenceReadState::groupShowsWhoHasSeenWhat() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("rg"), 3);
    QCOMPARE(users.size(), 3);
    const ChatUser& owner = users.at(0);
    const ChatUser& member = users.at(1);
    const ChatUser& viewer = users.at(2);
    QString error;
    // seq 1: group_created (system), seq 2: owner's first message, seq 3-4: member's.
    const QString groupId = createGroup(*owner.client, {member.userId, viewer.userId}, &error);
    QVERIFY2(!groupId.isEmpty(), qPrintable(error));
    sendText(*member.client, toConversation(groupId), QStringLiteral("three"));
    sendText(*member.client, toConversation(groupId), QStringLiteral("four"));
    QVERIFY(waitForMessageSeq(*viewer.client, groupId, 4).size() > 0);
    QVERIFY(waitForMessageSeq(*owner.client, groupId, 4).size() > 0);
    QCOMPARE(readStateOf(fetchConversation(*viewer.client, groupId, &error)),
             (QList<qint64>{0, 3}));
    QCOMPARE(readStateOf(fetchConversation(*owner.client, groupId, &error)), (QList<qint64>{0, 2}));
    QCOMPARE(readStateOf(fetchConversation(*member.client, groupId, &error)).at(1), 1);

    const QJsonObject answer = markRead(*viewer.client, groupId, 4);
    NATTER_COMPARE_JSON(resultOf(answer), readStateData(groupId, 4, 0, 0));
    for (const ChatUser* other : {&owner, &member}) {
        QVERIFY(waitForEventCount(*other->client, spec::event::kReceiptRead, 1));
        NATTER_COMPARE_JSON(eventData(*other->client, spec::event::kReceiptRead).constFirst(),
                            receiptData(groupId, viewer.userId, 4));
        // "Seen by": the viewer's marker among the other members' markers, never one's own.
        const QJsonObject conversation = fetchConversation(*other->client, groupId, &error);
        const QHash<QString, qint64> positions = readPositionsOf(conversation);
        const QSet<QString> others = QSet<QString>{owner.userId, member.userId, viewer.userId} -
                                     QSet<QString>{other->userId};
        QCOMPARE(QSet<QString>(positions.keyBegin(), positions.keyEnd()), others);
        QCOMPARE(positions.value(viewer.userId), 4);
    }
    const QHash<QString, qint64> viewerSees =
        readPositionsOf(fetchConversation(*viewer.client, groupId, &error));
    QVERIFY(!viewerSees.contains(viewer.userId));
    QCOMPARE(viewerSees.size(), 2);
}

void TestPresenceReadState::everyConversationObjectCarriesTheViewersReadState() {
    // Section 3.4: read state is part of the Conversation object, so it is wherever one is.
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("ro"), 3);
    QCOMPARE(users.size(), 3);
    const ChatUser& owner = users.at(0);
    const ChatUser& member = users.at(1);
    const ChatUser& added = users.at(2);
    // seq 1: group_created, seq 2: the owner's first message.
    const QJsonObject created = owner.client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Read state"), {member.userId}, QStringLiteral("two")));
    const QJsonObject group = conversationOf(created);
    QCOMPARE(readStateOf(group), (QList<qint64>{0, 0}));
    QCOMPARE(readPositionsOf(group).keys(), QList<QString>{member.userId});

    // The creation's own events (conversation.updated may be among them) come before the first
    // message's message.new; only what add_members causes is looked at below.
    QVERIFY(!waitForMessageSeq(*member.client, idOf(group), 2).isEmpty());
    const qsizetype memberFrom = positionOf(*member.client);
    const QJsonObject answer =
        owner.client->call(spec::method::kConversationsAddMembers,
                           {{QStringLiteral("conversation_id"), idOf(group)},
                            {QStringLiteral("member_ids"), QJsonArray{added.userId}}});
    QCOMPARE(readStateOf(conversationOf(answer)), (QList<qint64>{0, 0}));
    // Each recipient of conversation.updated sees its own read state: the owner's message.
    for (const auto& [client, from] :
         {std::pair{member.client, memberFrom}, std::pair{added.client, qsizetype(0)}}) {
        QVERIFY(waitForEventCount(*client, spec::event::kConversationUpdated, 1, from));
        const QJsonObject updated = eventData(*client, spec::event::kConversationUpdated, from)
                                        .constFirst()
                                        .value(QStringLiteral("conversation"))
                                        .toObject();
        QVERIFY2(readStateOf(updated) == (QList<qint64>{0, 1}), qPrintable(describe(updated)));
        // Two other members for everyone in a group of three.
        QVERIFY2(readPositionsOf(updated).size() == 2, qPrintable(describe(updated)));
    }
}

QTEST_GUILESS_MAIN(TestPresenceReadState)
#include "tst_presence_read_state.moc"
