// Link policy (docs/protocol.md section 5.6 "Spam rules" 3, server setting link-policy): by default
// (contacts) a link is refused in the message that starts a private chat and while the chat is
// still a request for its recipient, and allowed once the recipient replied (the reply itself
// may carry one) or accepted, and in groups; deny refuses links everywhere, allow nowhere. A link
// is a word starting with www. or a scheme followed by ://, in any case.
#include <QtTest>
#include <memory>

#include "chat_checks.h"
#include "presence_support.h"
#include "protocol_spec.h"
#include "safety_support.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;
using namespace natter::test::safety;

namespace {

const QString kHttpsLink = QStringLiteral("see https://example.com/page");
const QString kWwwLink = QStringLiteral("WWW.Example.com is nice");

}  // namespace

class TestSafetyLinks : public SafetyTest {
    Q_OBJECT

private:
    // Registers starter and recipient on `server`; the starter sends a first message without a
    // link. Returns the conversation id.
    QString startChat(ChatServer& server);
    // A second server with --link-policy `policy`, running.
    static std::unique_ptr<ChatServer> startWithPolicy(const QString& policy);

    ChatUser starter_, recipient_;

private slots:
    void linkInTheFirstMessageStartsNoChat();
    void linksAreRefusedWhileTheChatIsARequest();
    void replyAllowsLinks();
    void recipientsReplyMayCarryALink();
    void acceptAllowsLinks();
    void groupsAllowLinks();
    void denyRefusesLinksEverywhere();
    void allowPermitsLinksEverywhere();
};

QString TestSafetyLinks::startChat(ChatServer& server) {
    const QList<ChatUser> users = server.registerUsers(QStringLiteral("ln"), 2);
    if (users.size() != 2) {
        return {};
    }
    starter_ = users.at(0), recipient_ = users.at(1);
    QString error;
    const QString id = startPrivateConversation(*starter_.client, recipient_.userId, &error);
    if (id.isEmpty()) {
        qWarning().noquote() << error;
    }
    return id;
}

std::unique_ptr<ChatServer> TestSafetyLinks::startWithPolicy(const QString& policy) {
    auto server =
        std::make_unique<ChatServer>(QStringList{QStringLiteral("--link-policy"), policy});
    const QString problem = server->start();
    if (!problem.isEmpty()) {
        qWarning().noquote() << "server with link-policy" << policy << "did not start:" << problem;
        return nullptr;
    }
    return server;
}

void TestSafetyLinks::linkInTheFirstMessageStartsNoChat() {
    const QList<ChatUser> users = newUsers(2);
    QCOMPARE(users.size(), 2);
    NATTER_COMPARE_ERROR_FIELD(
        sendText(*users.at(0).client, toUser(users.at(1).userId), kHttpsLink), "link_not_allowed",
        "body");
    NATTER_COMPARE_ERROR_FIELD(
        sendText(*users.at(0).client, toUsername(users.at(1).username), kWwwLink),
        "link_not_allowed", "body");
    QString error;
    QCOMPARE(conversationIdsOf(*users.at(1).client, &error), QStringList());
    QCOMPARE(conversationIdsOf(*users.at(0).client, &error), QStringList());
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestSafetyLinks::linksAreRefusedWhileTheChatIsARequest() {
    const QString id = startChat(server());
    QVERIFY(!id.isEmpty());
    QStringList problems;
    for (const QString& body :
         {kHttpsLink, kWwwLink, QStringLiteral("get it at FTP://files.example.org")}) {
        const QJsonObject answer = sendText(*starter_.client, toConversation(id), body);
        if (errorCodeOf(answer) != QLatin1String("link_not_allowed") ||
            errorFieldOf(answer) != QLatin1String("body")) {
            problems.append(body + QStringLiteral(" should be link_not_allowed (field body): ") +
                            describe(answer));
        }
    }
    NATTER_COMPARE_ERROR_FIELD(starter_.client->call(spec::method::kMessagesSend,
                                                     photoParams(toConversation(id), kHttpsLink)),
                               "link_not_allowed", "body");
    NATTER_VERIFY_NO_PROBLEMS(problems);
    // Not links: a bare domain, a scheme without ://.
    NATTER_VERIFY_RESULT(sendText(*starter_.client, toConversation(id),
                                  QStringLiteral("example.com, mailto:me or wwwhat")));
    QCOMPARE(lastSeqSeenBy(*recipient_.client, id), qint64(2));
}

void TestSafetyLinks::replyAllowsLinks() {
    const QString id = startChat(server());
    QVERIFY(!id.isEmpty());
    NATTER_VERIFY_RESULT(sendText(*recipient_.client, toConversation(id), QStringLiteral("hi!")));
    NATTER_VERIFY_RESULT(sendText(*starter_.client, toConversation(id), kHttpsLink));
    NATTER_VERIFY_RESULT(sendText(*starter_.client, toUser(recipient_.userId), kWwwLink));
    NATTER_VERIFY_RESULT(sendText(*recipient_.client, toConversation(id), kHttpsLink));
}

void TestSafetyLinks::recipientsReplyMayCarryALink() {
    const QString id = startChat(server());
    QVERIFY(!id.isEmpty());
    NATTER_VERIFY_RESULT(sendText(*recipient_.client, toConversation(id), kHttpsLink));
    NATTER_VERIFY_RESULT(sendText(*starter_.client, toConversation(id), kWwwLink));
    QCOMPARE(lastSeqSeenBy(*starter_.client, id), qint64(3));
}

void TestSafetyLinks::acceptAllowsLinks() {
    const QString id = startChat(server());
    QVERIFY(!id.isEmpty());
    NATTER_VERIFY_RESULT(accept(*recipient_.client, id));
    NATTER_VERIFY_RESULT(sendText(*starter_.client, toConversation(id), kWwwLink));
    QCOMPARE(lastSeqSeenBy(*recipient_.client, id), qint64(2));
}

void TestSafetyLinks::groupsAllowLinks() {
    const QList<ChatUser> users = newUsers(2);
    QCOMPARE(users.size(), 2);
    const QJsonObject created = users.at(0).client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Links"), {users.at(1).userId}, kHttpsLink));
    NATTER_VERIFY_RESULT(created);
    NATTER_VERIFY_RESULT(
        sendText(*users.at(1).client, toConversation(idOf(conversationOf(created))), kWwwLink));
}

void TestSafetyLinks::denyRefusesLinksEverywhere() {
    const std::unique_ptr<ChatServer> deny = startWithPolicy(QStringLiteral("deny"));
    QVERIFY(deny);
    const QString id = startChat(*deny);
    QVERIFY(!id.isEmpty());
    NATTER_VERIFY_RESULT(sendText(*recipient_.client, toConversation(id), QStringLiteral("hi!")));
    NATTER_COMPARE_ERROR_FIELD(sendText(*starter_.client, toConversation(id), kHttpsLink),
                               "link_not_allowed", "body");
    NATTER_COMPARE_ERROR_FIELD(
        starter_.client->call(
            spec::method::kConversationsCreateGroup,
            createGroupParams(QStringLiteral("Links"), {recipient_.userId}, kWwwLink)),
        "link_not_allowed", "body");
    QString error;
    const QString group = createGroup(*starter_.client, {recipient_.userId}, &error);
    QVERIFY2(!group.isEmpty(), qPrintable(error));
    NATTER_COMPARE_ERROR_FIELD(sendText(*recipient_.client, toConversation(group), kHttpsLink),
                               "link_not_allowed", "body");
    QCOMPARE(lastSeqSeenBy(*recipient_.client, id), qint64(2));
    QCOMPARE(lastSeqSeenBy(*starter_.client, group), qint64(2));
    NATTER_VERIFY_NO_PROBLEMS(deny->releaseClients());
}

void TestSafetyLinks::allowPermitsLinksEverywhere() {
    const std::unique_ptr<ChatServer> allow = startWithPolicy(QStringLiteral("allow"));
    QVERIFY(allow);
    const QList<ChatUser> users = allow->registerUsers(QStringLiteral("ln"), 2);
    QCOMPARE(users.size(), 2);
    const QJsonObject first = sendText(*users.at(0).client, toUser(users.at(1).userId), kHttpsLink);
    NATTER_VERIFY_RESULT(first);
    NATTER_VERIFY_RESULT(
        sendText(*users.at(0).client, toConversation(conversationIdOf(first)), kWwwLink));
    NATTER_VERIFY_NO_PROBLEMS(allow->releaseClients());
}

QTEST_GUILESS_MAIN(TestSafetyLinks)
#include "tst_safety_links.moc"
