// account.set_display_name and user.updated (docs/protocol.md 5.1, 5.7), from the document alone:
// the new name is answered, announced to the user's other connections and to everyone sharing a
// conversation with them (nobody else), shown as the private chat's name, found by users.search,
// kept over a restart; bad names are refused like auth.register's. Built twice: on SQLite
// (tst_chat_profile) and on PostgreSQL (tst_chat_profile_postgres, NATTER_PROFILE_ON_POSTGRES).
#include <QtTest>
#include <memory>

#include "chat_checks.h"
#include "chat_on_store.h"
#include "protocol_checks.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

#ifdef NATTER_PROFILE_ON_POSTGRES
constexpr bool kOnPostgres = true;
#else
constexpr bool kOnPostgres = false;
#endif

const QString kSetDisplayName = QStringLiteral("account.set_display_name");
const QString kUserUpdated = QStringLiteral("user.updated");
constexpr int kDisplayNameMaxChars = 64;  // section 5.1

QJsonObject rename(WsTestClient& client, const QJsonValue& displayName) {
    return client.call(kSetDisplayName, {{QStringLiteral("display_name"), displayName}});
}

QJsonObject userOf(const QJsonObject& object) {
    return object.value(QStringLiteral("user")).toObject();
}

QString displayNameOf(const QJsonObject& user) {
    return user.value(QStringLiteral("display_name")).toString();
}

// The name `viewer` sees on the conversation (a private chat: the other member's display name).
QString conversationName(WsTestClient& viewer, const QString& conversationId) {
    const QJsonObject got =
        viewer.call(spec::method::kConversationsGet, conversationParam(conversationId));
    return conversationOf(got).value(QStringLiteral("name")).toString();
}

}  // namespace

class TestChatProfile : public QObject {
    Q_OBJECT

private:
    SuiteDatabase database_{kOnPostgres};
    std::unique_ptr<ChatServer> server_;

    // Alice and Bob share a private chat (its id in `chatId`); Carol shares nothing with them.
    QList<ChatUser> threeUsers(QString& chatId) {
        QList<ChatUser> users = server_->registerUsers(QStringLiteral("prof"), 3);
        if (users.size() == 3) {
            chatId = conversationIdOf(
                sendText(*users.at(0).client, toUser(users.at(1).userId), QStringLiteral("hello")));
        }
        return users;
    }

private slots:
    void initTestCase() {
        const QString why = startChatServer(server_, {}, database_.postgres());
        QVERIFY2(why.isEmpty(), qPrintable(why));
    }
    void cleanupTestCase() { stopChatServer(server_, database_.postgres()); }
    void cleanup() { NATTER_VERIFY_NO_PROBLEMS(server_->releaseClients()); }

    void renameReachesMembersAndOtherSessions();
    void badNamesAreRefusedLikeAtRegistration();
    void theNameSurvivesARestart();
};

void TestChatProfile::renameReachesMembersAndOtherSessions() {
    QString chatId;
    const QList<ChatUser> users = threeUsers(chatId);
    QCOMPARE(users.size(), 3);
    QVERIFY(!chatId.isEmpty());
    const ChatUser& alice = users.at(0);
    WsTestClient* bob = users.at(1).client;
    WsTestClient* carol = users.at(2).client;
    WsTestClient* aliceLaptop = server_->loginNewDevice(alice, QStringLiteral("Laptop"));
    QVERIFY(aliceLaptop);

    // Trimmed, like auth.register's display_name.
    const QJsonObject renamed = rename(*alice.client, QStringLiteral("  Alice Liddell "));
    QVERIFY2(isResult(renamed), qPrintable(describe(renamed)));
    QJsonObject expected = alice.userObject();
    expected.insert(QStringLiteral("display_name"), QStringLiteral("Alice Liddell"));
    QCOMPARE(userOf(resultOf(renamed)), expected);

    for (WsTestClient* hearer : {bob, aliceLaptop}) {
        const QJsonObject event = hearer->waitForEvent(kUserUpdated, 0);
        QCOMPARE(userOf(event.value(QStringLiteral("data")).toObject()), expected);
    }
    QCOMPARE(conversationName(*bob, chatId), QStringLiteral("Alice Liddell"));
    const QJsonObject found = bob->call(spec::method::kUsersSearch,
                                        {{QStringLiteral("query"), QStringLiteral("alice lid")}});
    QVERIFY(
        userIdsOf(resultOf(found).value(QStringLiteral("users")).toArray()).contains(alice.userId));
    // A round trip each: anything meant for them would have arrived before its answer.
    QVERIFY(isResult(carol->call(spec::method::kSessionsList)));
    QVERIFY(isResult(alice.client->call(spec::method::kSessionsList)));
    QVERIFY(eventsNamed(*carol, kUserUpdated).isEmpty());
    QVERIFY(eventsNamed(*alice.client, kUserUpdated).isEmpty());  // it learnt from the answer
}

void TestChatProfile::badNamesAreRefusedLikeAtRegistration() {
    const ChatUser alice = server_->registerUser(QStringLiteral("prof"), QStringLiteral("Alice"));
    QVERIFY(alice.ok());
    const QList<QJsonValue> badNames{QString(),
                                     QStringLiteral("   "),
                                     QString(kDisplayNameMaxChars + 1, u'x'),
                                     QStringLiteral("tab\there"),
                                     QJsonValue(42),
                                     QJsonValue()};
    for (const QJsonValue& bad : badNames) {
        const QJsonObject refused = rename(*alice.client, bad);
        QCOMPARE(errorCodeOf(refused), QStringLiteral("invalid_params"));
        QCOMPARE(errorOf(refused).value(QStringLiteral("field")).toString(),
                 QStringLiteral("display_name"));
    }
    const QJsonObject missing = alice.client->call(kSetDisplayName);
    QCOMPARE(errorCodeOf(missing), QStringLiteral("invalid_params"));
    // The longest allowed name is taken; nothing refused has changed it.
    const QString longest(kDisplayNameMaxChars, u'y');
    QCOMPARE(displayNameOf(userOf(resultOf(rename(*alice.client, longest)))), longest);
    // Before sign-in the method is not available.
    WsTestClient* anonymous = server_->connect();
    QVERIFY(anonymous);
    QCOMPARE(errorCodeOf(rename(*anonymous, QStringLiteral("Eve"))),
             QStringLiteral("unauthenticated"));
}

void TestChatProfile::theNameSurvivesARestart() {
    QString chatId;
    const QList<ChatUser> users = threeUsers(chatId);
    QCOMPARE(users.size(), 3);
    QVERIFY(isResult(rename(*users.at(0).client, QStringLiteral("Renamed Alice"))));
    server_->releaseClients();

    QCOMPARE(server_->process().stop(), 0);
    const QString why = server_->start();
    QVERIFY2(why.isEmpty(), qPrintable(why + u'\n' + server_->logTail()));
    WsTestClient* alice = server_->connect();
    QVERIFY(alice);
    const QJsonObject resumed =
        alice->call(spec::method::kAuthResume, resumeParams(users.at(0).token));
    QCOMPARE(displayNameOf(userOf(resultOf(resumed))), QStringLiteral("Renamed Alice"));
    WsTestClient* bob = server_->resume(users.at(1).token);
    QVERIFY(bob);
    QCOMPARE(conversationName(*bob, chatId), QStringLiteral("Renamed Alice"));
}

QTEST_GUILESS_MAIN(TestChatProfile)
#include "tst_chat_profile.moc"
