// Typing indicators (docs/protocol.md section 5.4 typing.set, section 5.7 `typing`, section 2
// kTypingTtlMs, kTypingRatePerSecond / kTypingBurst): the other members' connections hear it, the
// typer's own connections do not; a burst beyond the per-connection rate is refused with
// retry_after_ms; a non-member cannot type into a conversation.
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "presence_support.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;

class TestPresenceTyping : public QObject {
    Q_OBJECT

private:
    // typer (two connections: typer_.client and typerPhone_), two listeners (the first with a
    // second device) and an outsider; a group of the first three. Fresh for every test so each
    // starts with a full typing bucket.
    void setUpGroup();
    // Every listener connection (positions `from`: listener1, its phone, listener2) got exactly one
    // typing event since then, {conversation_id, user_id, typing} plus expires_in_ms 6000 when
    // typing is true; the typer's connections got none.
    void verifyTypingHeard(const QList<qsizetype>& from, bool typing);

    ChatServer server_;
    ChatUser typer_, listener1_, listener2_, outsider_;
    WsTestClient* typerPhone_ = nullptr;
    WsTestClient* listenerPhone_ = nullptr;  // listener1_'s second device
    QString groupId_;

private slots:
    void initTestCase();
    void cleanup();

    void othersHearTypingTheTyperDoesNot();
    void burstBeyondTheRateIsRefusedPerConnection();
    void nonMemberCannotType();
};

void TestPresenceTyping::initTestCase() {
    const QString problem = server_.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestPresenceTyping::cleanup() {
    reportServerOnFailure(server_);
    NATTER_VERIFY_NO_PROBLEMS(server_.releaseClients());
}

void TestPresenceTyping::setUpGroup() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("ty"), 4);
    QCOMPARE(users.size(), 4);
    typer_ = users.at(0), listener1_ = users.at(1), listener2_ = users.at(2),
    outsider_ = users.at(3);
    typerPhone_ = server_.loginNewDevice(typer_, QStringLiteral("Phone"));
    listenerPhone_ = server_.loginNewDevice(listener1_, QStringLiteral("Phone"));
    QVERIFY(listenerPhone_);
    QVERIFY(typerPhone_);
    QString error;
    groupId_ = createGroup(*typer_.client, {listener1_.userId, listener2_.userId}, &error);
    QVERIFY2(!groupId_.isEmpty(), qPrintable(error));
}

void TestPresenceTyping::verifyTypingHeard(const QList<qsizetype>& from, bool typing) {
    const QList<WsTestClient*> listeners{listener1_.client, listenerPhone_, listener2_.client};
    for (qsizetype i = 0; i < listeners.size(); ++i) {
        QVERIFY(waitForEventCount(*listeners.at(i), spec::event::kTyping, 1, from.at(i)));
    }
    listenQuietly();
    for (qsizetype i = 0; i < listeners.size(); ++i) {
        const QList<QJsonObject> events =
            eventData(*listeners.at(i), spec::event::kTyping, from.at(i));
        QCOMPARE(events.size(), 1);
        QJsonObject expected{{QStringLiteral("conversation_id"), groupId_},
                             {QStringLiteral("user_id"), typer_.userId},
                             {QStringLiteral("typing"), typing}};
        QJsonObject actual = events.constFirst();
        if (typing) {
            expected.insert(QStringLiteral("expires_in_ms"), spec::kTypingTtlMs);
        } else {
            // The document does not say whether `typing: false` carries expires_in_ms.
            actual.remove(QStringLiteral("expires_in_ms"));
        }
        NATTER_COMPARE_JSON(actual, expected);
    }
    QCOMPARE(eventData(*typer_.client, spec::event::kTyping).size(), 0);
    QCOMPARE(eventData(*typerPhone_, spec::event::kTyping).size(), 0);
}

void TestPresenceTyping::othersHearTypingTheTyperDoesNot() {
    setUpGroup();
    if (QTest::currentTestFailed())
        return;
    QList<qsizetype> from{positionOf(*listener1_.client), positionOf(*listenerPhone_),
                          positionOf(*listener2_.client)};
    const QJsonObject started = setTyping(*typer_.client, groupId_, true);
    NATTER_VERIFY_RESULT(started);
    QCOMPARE(resultOf(started), QJsonObject());
    verifyTypingHeard(from, true);
    if (QTest::currentTestFailed())
        return;

    from = {positionOf(*listener1_.client), positionOf(*listenerPhone_),
            positionOf(*listener2_.client)};
    const QJsonObject stopped = setTyping(*typer_.client, groupId_, false);
    NATTER_VERIFY_RESULT(stopped);
    QCOMPARE(resultOf(stopped), QJsonObject());
    verifyTypingHeard(from, false);
    // The outsider shares nothing with the group and hears nothing.
    QCOMPARE(eventData(*outsider_.client, spec::event::kTyping).size(), 0);
}

void TestPresenceTyping::burstBeyondTheRateIsRefusedPerConnection() {
    setUpGroup();
    if (QTest::currentTestFailed())
        return;
    // Twice the burst, pipelined: the first kTypingBurst pass; at most one token can have been
    // refilled meanwhile, so at least the last ones are refused.
    constexpr int kRequests = 2 * spec::kTypingBurst;
    for (int i = 0; i < kRequests; ++i) {
        typer_.client->sendRequest(
            QStringLiteral("ty%1").arg(i), spec::method::kTypingSet,
            {{QStringLiteral("conversation_id"), groupId_}, {QStringLiteral("typing"), true}});
    }
    QJsonObject refused;
    for (int i = 0; i < kRequests; ++i) {
        const QJsonObject answer = typer_.client->waitForResponse(QStringLiteral("ty%1").arg(i));
        if (i < spec::kTypingBurst) {
            NATTER_VERIFY_RESULT(answer);
        } else if (!isResult(answer)) {
            NATTER_COMPARE_ERROR(answer, "rate_limited");
            refused = answer;
        }
    }
    QVERIFY2(!refused.isEmpty(), "no typing.set beyond the burst was refused");
    const QJsonValue retryAfter = errorOf(refused).value(QStringLiteral("retry_after_ms"));
    QVERIFY2(isInteger(retryAfter), qPrintable(describe(refused)));
    // One token comes back every 1 / kTypingRatePerSecond seconds.
    QVERIFY2(
        retryAfter.toInteger() > 0 && retryAfter.toInteger() <= 1'000 / spec::kTypingRatePerSecond,
        qPrintable(describe(refused)));

    // Per connection: the typer's other device is not limited; and after waiting as told, the
    // first connection may type again.
    NATTER_VERIFY_RESULT(setTyping(*typerPhone_, groupId_, true));
    QTest::qWait(int(retryAfter.toInteger()));
    NATTER_VERIFY_RESULT(setTyping(*typer_.client, groupId_, false));
}

void TestPresenceTyping::nonMemberCannotType() {
    setUpGroup();
    if (QTest::currentTestFailed())
        return;
    NATTER_COMPARE_ERROR(setTyping(*outsider_.client, groupId_, true), "not_member");
    NATTER_COMPARE_ERROR(setTyping(*outsider_.client, kMadeUpConversationId, true), "not_member");
    listenQuietly();
    QCOMPARE(eventData(*listener1_.client, spec::event::kTyping).size(), 0);
    QCOMPARE(eventData(*typer_.client, spec::event::kTyping).size(), 0);
}

QTEST_GUILESS_MAIN(TestPresenceTyping)
#include "tst_presence_typing.moc"
