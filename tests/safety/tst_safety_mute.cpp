// Mute (docs/protocol.md section 5.6 "Mute", conversations.mute, section 5.7 conversation.muted):
// muting belongs to the user, so all their devices (and later sign-ins) agree, each change is
// announced to all of them, and nobody else is affected; a muted conversation still counts its
// unread messages.
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

QJsonObject mutedData(const QString& conversationId, bool muted) {
    return {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("muted"), muted}};
}

}  // namespace

class TestSafetyMute : public SafetyTest {
    Q_OBJECT

private:
    // Registers muter (with a second device), partner and outsider; the partner sends the muter a
    // first message, which reached both devices. Returns the conversation id.
    QString startConversation();
    // Mutes (or unmutes) through `device` and fails unless the answer and the conversation.muted
    // events are right: on both of the muter's devices, nowhere else.
    void muteAndVerifyEvents(WsTestClient& device, const QString& conversationId, bool muted);

    ChatUser muter_, partner_, outsider_;
    WsTestClient* muterPhone_ = nullptr;

private slots:
    void muteReachesEveryDeviceOfTheUserOnly();
    void mutedIsPerUserInEveryConversationObject();
    void groupsCanBeMutedToo();
    void mutedConversationStillCountsUnread();
    void strangersAndBadParamsAreRefused();
};

QString TestSafetyMute::startConversation() {
    const QList<ChatUser> users = newUsers(3);
    if (users.size() != 3) {
        return {};
    }
    muter_ = users.at(0), partner_ = users.at(1), outsider_ = users.at(2);
    muterPhone_ = server().loginNewDevice(muter_, QStringLiteral("Phone"));
    QString error;
    const QString id = startPrivateConversation(*partner_.client, muter_.userId, &error);
    if (id.isEmpty() || !muterPhone_ || !waitForMessageEvents(*muterPhone_, id, 1)) {
        qWarning().noquote() << "setting up failed:" << error;
        return {};
    }
    return id;
}

void TestSafetyMute::muteAndVerifyEvents(WsTestClient& device, const QString& conversationId,
                                         bool muted) {
    const QList<WsTestClient*> clients{muter_.client, muterPhone_, partner_.client};
    QList<qsizetype> from;
    for (WsTestClient* client : clients) {
        from.append(presence::positionOf(*client));
    }
    const QJsonObject answer = mute(device, conversationId, muted);
    NATTER_VERIFY_RESULT(answer);
    NATTER_COMPARE_JSON(resultOf(answer), mutedData(conversationId, muted));
    QVERIFY(waitForEventCount(*muter_.client, spec::event::kConversationMuted, 1, from.at(0)));
    QVERIFY(waitForEventCount(*muterPhone_, spec::event::kConversationMuted, 1, from.at(1)));
    listenQuietly();
    for (qsizetype i = 0; i < clients.size(); ++i) {
        const QList<QJsonObject> expected =
            i < 2 ? QList<QJsonObject>{mutedData(conversationId, muted)} : QList<QJsonObject>{};
        QCOMPARE(jsonText(eventData(*clients.at(i), spec::event::kConversationMuted, from.at(i))),
                 jsonText(expected));
    }
}

void TestSafetyMute::muteReachesEveryDeviceOfTheUserOnly() {
    const QString id = startConversation();
    QVERIFY(!id.isEmpty());
    muteAndVerifyEvents(*muter_.client, id, true);
    if (QTest::currentTestFailed()) {
        return;
    }
    muteAndVerifyEvents(*muterPhone_, id, false);
    if (QTest::currentTestFailed()) {
        return;
    }
    // Unmuting what is not muted changes nothing, so nobody is told.
    const qsizetype laptopFrom = presence::positionOf(*muter_.client);
    NATTER_COMPARE_JSON(resultOf(mute(*muterPhone_, id, false)), mutedData(id, false));
    listenQuietly();
    QCOMPARE(eventData(*muter_.client, spec::event::kConversationMuted, laptopFrom).size(), 0);
}

void TestSafetyMute::mutedIsPerUserInEveryConversationObject() {
    const QString id = startConversation();
    QVERIFY(!id.isEmpty());
    NATTER_VERIFY_NO_PROBLEMS(flagProblems(*muter_.client, id, QStringLiteral("muted"), false));
    NATTER_VERIFY_RESULT(mute(*muterPhone_, id, true));
    NATTER_VERIFY_NO_PROBLEMS(flagProblems(*muter_.client, id, QStringLiteral("muted"), true));
    NATTER_VERIFY_NO_PROBLEMS(flagProblems(*partner_.client, id, QStringLiteral("muted"), false));
    // A device that signs in later knows it too; muting twice changes nothing.
    NATTER_VERIFY_RESULT(mute(*muter_.client, id, true));
    WsTestClient* tablet = server().loginNewDevice(muter_, QStringLiteral("Tablet"));
    QVERIFY(tablet);
    NATTER_VERIFY_NO_PROBLEMS(flagProblems(*tablet, id, QStringLiteral("muted"), true));
    NATTER_VERIFY_RESULT(mute(*tablet, id, false));
    NATTER_VERIFY_NO_PROBLEMS(flagProblems(*muterPhone_, id, QStringLiteral("muted"), false));
}

void TestSafetyMute::groupsCanBeMutedToo() {
    const QList<ChatUser> users = newUsers(2);
    QCOMPARE(users.size(), 2);
    QString error;
    const QString group = createGroup(*users.at(0).client, {users.at(1).userId}, &error);
    QVERIFY2(!group.isEmpty(), qPrintable(error));
    NATTER_VERIFY_RESULT(mute(*users.at(1).client, group, true));
    NATTER_VERIFY_NO_PROBLEMS(
        flagProblems(*users.at(1).client, group, QStringLiteral("muted"), true));
    NATTER_VERIFY_NO_PROBLEMS(
        flagProblems(*users.at(0).client, group, QStringLiteral("muted"), false));
}

void TestSafetyMute::mutedConversationStillCountsUnread() {
    const QString id = startConversation();
    QVERIFY(!id.isEmpty());
    NATTER_VERIFY_RESULT(mute(*muter_.client, id, true));
    NATTER_VERIFY_RESULT(sendText(*partner_.client, toConversation(id), QStringLiteral("psst")));
    NATTER_VERIFY_RESULT(sendText(*partner_.client, toConversation(id), QStringLiteral("psst!")));
    QString error;
    QCOMPARE(readStateOf(fetchConversation(*muterPhone_, id, &error)), (QList<qint64>{0, 3}));
    const ConversationList list = listAllConversations(*muterPhone_);
    QVERIFY2(list.error.isEmpty(), qPrintable(list.error));
    QCOMPARE(list.totalUnread, QJsonValue(3));
}

void TestSafetyMute::strangersAndBadParamsAreRefused() {
    const QString id = startConversation();
    QVERIFY(!id.isEmpty());
    NATTER_COMPARE_ERROR(mute(*outsider_.client, id, true), "not_member");
    NATTER_COMPARE_ERROR(mute(*outsider_.client, kMadeUpConversationId, true), "not_member");
    NATTER_COMPARE_INVALID_PARAM(
        muter_.client->call(spec::method::kConversationsMute, conversationParam(id)), "muted");
    QJsonObject params = conversationParam(id);
    params.insert(QStringLiteral("muted"), 1);
    NATTER_COMPARE_INVALID_PARAM(muter_.client->call(spec::method::kConversationsMute, params),
                                 "muted");
    NATTER_COMPARE_INVALID_PARAM(
        muter_.client->call(spec::method::kConversationsMute, {{QStringLiteral("muted"), true}}),
        "conversation_id");
    NATTER_VERIFY_NO_PROBLEMS(flagProblems(*muter_.client, id, QStringLiteral("muted"), false));
}

QTEST_GUILESS_MAIN(TestSafetyMute)
#include "tst_safety_mute.moc"
