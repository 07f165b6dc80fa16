// Delivered state (docs/protocol.md section 5.5 "Delivered state", conversations.mark_delivered,
// section 3.4 read_positions[].last_delivered_seq, section 5.7 receipt.delivered): a user's devices
// report what reached them; the marker belongs to the user, only moves forward, never beyond the
// last message, and mark_read moves it too (announced as a read receipt); the other members (not
// the reader) get receipts and see the marker in read_positions, which is what turns a sender's
// tick into "delivered".
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

namespace {

QJsonObject deliveredData(const QString& conversationId, const QString& userId, qint64 seq) {
    return {{QStringLiteral("conversation_id"), conversationId},
            {QStringLiteral("user_id"), userId},
            {QStringLiteral("last_delivered_seq"), seq}};
}

// The read_positions entry of `userId` in a Conversation (empty when there is none).
QJsonObject markersOf(const QJsonObject& conversation, const QString& userId) {
    for (const QJsonValue& entry : conversation.value(QStringLiteral("read_positions")).toArray()) {
        if (entry.toObject().value(QStringLiteral("user_id")).toString() == userId) {
            return entry.toObject();
        }
    }
    return {};
}

}  // namespace

class TestSafetyDelivered : public SafetyTest {
    Q_OBJECT

private:
    // Registers sender and reader (each with a second device) and an outsider; the sender sends
    // the reader three messages, which reached both reader devices. Returns the conversation id.
    QString startConversation();
    // Fails unless the sender sees the reader's read_positions entry with these markers in
    // conversations.get, conversations.list and sync.
    void verifySenderSees(const QString& conversationId, qint64 lastRead, qint64 lastDelivered);
    // The receipt.delivered data each of the sender's devices (index 0, 1) and the reader's
    // devices (2, 3) received since the positions, as JSON arrays.
    QStringList receiptsSince(const QList<qsizetype>& from) const;
    QList<qsizetype> positionsNow() const;
    QList<WsTestClient*> allDevices() const;

    ChatUser sender_, reader_, outsider_;
    WsTestClient* senderPhone_ = nullptr;
    WsTestClient* readerPhone_ = nullptr;

private slots:
    void markDeliveredTellsTheOtherMembersOnly();
    void markerOnlyMovesForward();
    void markBeyondTheLastMessageIsRefused();
    void strangersAndBadParamsAreRefused();
    void markReadMovesTheDeliveredMarker();
    void everyOtherGroupMemberGetsTheReceipt();
};

QString TestSafetyDelivered::startConversation() {
    const QList<ChatUser> users = newUsers(3);
    if (users.size() != 3) {
        return {};
    }
    sender_ = users.at(0), reader_ = users.at(1), outsider_ = users.at(2);
    senderPhone_ = server().loginNewDevice(sender_, QStringLiteral("Phone"));
    readerPhone_ = server().loginNewDevice(reader_, QStringLiteral("Phone"));
    QString error;
    const QString id = startPrivateConversation(*sender_.client, reader_.userId, &error);
    for (int i = 2; i <= 3 && !id.isEmpty(); ++i) {
        sendText(*sender_.client, toConversation(id), QStringLiteral("message %1").arg(i));
    }
    // Accepted: a chat request sends no receipts (section 5.6).
    if (id.isEmpty() || !senderPhone_ || !readerPhone_ || !isResult(accept(*reader_.client, id)) ||
        !waitForMessageEvents(*readerPhone_, id, 3)) {
        qWarning().noquote() << "setting up failed:" << error;
        return {};
    }
    return id;
}

QList<WsTestClient*> TestSafetyDelivered::allDevices() const {
    return {sender_.client, senderPhone_, reader_.client, readerPhone_};
}

QList<qsizetype> TestSafetyDelivered::positionsNow() const {
    QList<qsizetype> positions;
    for (WsTestClient* client : allDevices()) {
        positions.append(presence::positionOf(*client));
    }
    return positions;
}

QStringList TestSafetyDelivered::receiptsSince(const QList<qsizetype>& from) const {
    QStringList receipts;
    for (qsizetype i = 0; i < allDevices().size(); ++i) {
        receipts.append(
            jsonText(eventData(*allDevices().at(i), spec::event::kReceiptDelivered, from.at(i))));
    }
    return receipts;
}

void TestSafetyDelivered::verifySenderSees(const QString& conversationId, qint64 lastRead,
                                           qint64 lastDelivered) {
    const QJsonObject expected{{QStringLiteral("user_id"), reader_.userId},
                               {QStringLiteral("last_read_seq"), lastRead},
                               {QStringLiteral("last_delivered_seq"), lastDelivered}};
    QString error;
    NATTER_COMPARE_JSON(
        markersOf(fetchConversation(*senderPhone_, conversationId, &error), reader_.userId),
        expected);
    const ConversationList list = listAllConversations(*senderPhone_);
    NATTER_COMPARE_JSON(markersOf(list.byId.value(conversationId), reader_.userId), expected);
    NATTER_COMPARE_JSON(
        markersOf(syncedConversations(*senderPhone_, &error).value(conversationId), reader_.userId),
        expected);
    QVERIFY2(error.isEmpty() && list.error.isEmpty(), qPrintable(error + list.error));
}

void TestSafetyDelivered::markDeliveredTellsTheOtherMembersOnly() {
    const QString id = startConversation();
    QVERIFY(!id.isEmpty());
    const QList<qsizetype> from = positionsNow();
    const QJsonObject answer = markDelivered(*readerPhone_, id, 2);
    NATTER_VERIFY_RESULT(answer);
    NATTER_COMPARE_JSON(resultOf(answer), (QJsonObject{{QStringLiteral("conversation_id"), id},
                                                       {QStringLiteral("last_delivered_seq"), 2}}));
    QVERIFY(waitForEventCount(*sender_.client, spec::event::kReceiptDelivered, 1, from.at(0)));
    QVERIFY(waitForEventCount(*senderPhone_, spec::event::kReceiptDelivered, 1, from.at(1)));
    listenQuietly();
    const QList<QJsonObject> expected{deliveredData(id, reader_.userId, 2)};
    const QString none = jsonText({});
    QCOMPARE(receiptsSince(from),
             (QStringList{jsonText(expected), jsonText(expected), none, none}));
    verifySenderSees(id, 0, 2);
}

void TestSafetyDelivered::markerOnlyMovesForward() {
    const QString id = startConversation();
    QVERIFY(!id.isEmpty());
    NATTER_VERIFY_RESULT(markDelivered(*reader_.client, id, 3));
    QVERIFY(waitForEventCount(*sender_.client, spec::event::kReceiptDelivered, 1));
    QVERIFY(waitForEventCount(*senderPhone_, spec::event::kReceiptDelivered, 1));
    const QList<qsizetype> from = positionsNow();
    for (qint64 seq : {1, 0, 3}) {
        const QJsonObject answer = markDelivered(*readerPhone_, id, seq);
        QCOMPARE(resultOf(answer).value(QStringLiteral("last_delivered_seq")), QJsonValue(3));
    }
    listenQuietly();
    QCOMPARE(receiptsSince(from), QStringList(4, jsonText({})));
    verifySenderSees(id, 0, 3);
}

void TestSafetyDelivered::markBeyondTheLastMessageIsRefused() {
    const QString id = startConversation();
    QVERIFY(!id.isEmpty());
    NATTER_VERIFY_RESULT(markDelivered(*reader_.client, id, 1));
    NATTER_COMPARE_ERROR(markDelivered(*reader_.client, id, 4), "cursor_out_of_range");
    verifySenderSees(id, 0, 1);
}

void TestSafetyDelivered::strangersAndBadParamsAreRefused() {
    const QString id = startConversation();
    QVERIFY(!id.isEmpty());
    NATTER_COMPARE_ERROR(markDelivered(*outsider_.client, id, 1), "not_member");
    NATTER_COMPARE_ERROR(markDelivered(*reader_.client, kMadeUpConversationId, 1), "not_member");
    WsTestClient& reader = *reader_.client;
    const QJsonObject conversation = conversationParam(id);
    NATTER_COMPARE_INVALID_PARAM(
        reader.call(spec::method::kConversationsMarkDelivered, conversation), "seq");
    for (const QJsonValue& seq :
         {QJsonValue(-1), QJsonValue(QStringLiteral("2")), QJsonValue(1.5)}) {
        QJsonObject params = conversation;
        params.insert(QStringLiteral("seq"), seq);
        NATTER_COMPARE_INVALID_PARAM(reader.call(spec::method::kConversationsMarkDelivered, params),
                                     "seq");
    }
    NATTER_COMPARE_INVALID_PARAM(
        reader.call(spec::method::kConversationsMarkDelivered, {{QStringLiteral("seq"), 1}}),
        "conversation_id");
    verifySenderSees(id, 0, 0);
}

void TestSafetyDelivered::markReadMovesTheDeliveredMarker() {
    const QString id = startConversation();
    QVERIFY(!id.isEmpty());
    const QList<qsizetype> from = positionsNow();
    NATTER_VERIFY_RESULT(markRead(*reader_.client, id, 2));
    verifySenderSees(id, 2, 2);
    // What was delivered stays delivered when less was read.
    NATTER_VERIFY_RESULT(markDelivered(*reader_.client, id, 3));
    NATTER_VERIFY_RESULT(markRead(*readerPhone_, id, 1));
    verifySenderSees(id, 2, 3);
    // The move mark_read made is announced by receipt.read alone; the one mark_delivered made by
    // receipt.delivered.
    QVERIFY(waitForEventCount(*senderPhone_, spec::event::kReceiptDelivered, 1, from.at(1)));
    listenQuietly();
    QCOMPARE(jsonText(eventData(*senderPhone_, spec::event::kReceiptDelivered, from.at(1))),
             jsonText({deliveredData(id, reader_.userId, 3)}));
    QCOMPARE(jsonText(eventData(*senderPhone_, spec::event::kReceiptRead, from.at(1))),
             jsonText({receiptData(id, reader_.userId, 2)}));
}

void TestSafetyDelivered::everyOtherGroupMemberGetsTheReceipt() {
    const QList<ChatUser> users = newUsers(3);
    QCOMPARE(users.size(), 3);
    QString error;
    const QString group =
        createGroup(*users.at(0).client, {users.at(1).userId, users.at(2).userId}, &error);
    QVERIFY2(!group.isEmpty(), qPrintable(error));
    const qsizetype ownerFrom = presence::positionOf(*users.at(0).client);
    const qsizetype thirdFrom = presence::positionOf(*users.at(2).client);
    NATTER_VERIFY_RESULT(markDelivered(*users.at(1).client, group, 2));
    const QJsonObject expected = deliveredData(group, users.at(1).userId, 2);
    QVERIFY(waitForEventCount(*users.at(0).client, spec::event::kReceiptDelivered, 1, ownerFrom));
    QVERIFY(waitForEventCount(*users.at(2).client, spec::event::kReceiptDelivered, 1, thirdFrom));
    QCOMPARE(eventData(*users.at(0).client, spec::event::kReceiptDelivered, ownerFrom).constFirst(),
             expected);
    QCOMPARE(eventData(*users.at(2).client, spec::event::kReceiptDelivered, thirdFrom).constFirst(),
             expected);
    listenQuietly();
    QCOMPARE(eventData(*users.at(1).client, spec::event::kReceiptDelivered).size(), 0);
    const QJsonObject seenByThird = fetchConversation(*users.at(2).client, group, &error);
    QCOMPARE(markersOf(seenByThird, users.at(1).userId).value(QStringLiteral("last_delivered_seq")),
             QJsonValue(2));
}

QTEST_GUILESS_MAIN(TestSafetyDelivered)
#include "tst_safety_delivered.moc"
