// messages.history paging, conversations.list, contacts.recent and users.search (docs/protocol.md
// sections 2, 5.2 and 5.3), exactly as documented.
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

constexpr int kHistoryMessages = 23;

QJsonObject historyParams(const QString& conversationId, const QJsonObject& extra) {
    QJsonObject params = conversationParam(conversationId);
    for (auto it = extra.begin(); it != extra.end(); ++it) {
        params.insert(it.key(), it.value());
    }
    return params;
}

QList<int> seqsOf(const QJsonObject& historyResponse) {
    QList<int> seqs;
    for (const QJsonValue& message :
         resultOf(historyResponse).value(QStringLiteral("messages")).toArray()) {
        seqs.append(seqOf(message.toObject()));
    }
    return seqs;
}

QList<int> range(int first, int last) {
    QList<int> seqs;
    for (int seq = first; seq <= last; ++seq) {
        seqs.append(seq);
    }
    return seqs;
}

QStringList usernamesOf(const QJsonObject& response) {
    QStringList names;
    for (const QJsonValue& user : resultOf(response).value(QStringLiteral("users")).toArray()) {
        names.append(user.toObject().value(QStringLiteral("username")).toString());
    }
    return names;
}

QJsonObject searchParams(const QString& query, int limit = 0) {
    QJsonObject params{{QStringLiteral("query"), query}};
    if (limit > 0) {
        params.insert(QStringLiteral("limit"), limit);
    }
    return params;
}

}  // namespace

class TestChatHistoryLists : public QObject {
    Q_OBJECT

private:
    ChatServer server_;
    WsTestClient* historyClient_ = nullptr;
    QString historyConversation_;

private slots:
    void initTestCase();
    void cleanup();

    void historyPage_data();
    void historyPage();
    void historyCursorsBeyondTheEnd();
    void conversationsListByActivityInPages();
    void recentContactsRankByLatestSharedActivity();
    void searchByUsernameOrDisplayNamePrefix();
    void searchIsRateLimitedPerConnection();
};

void TestChatHistoryLists::initTestCase() {
    QCOMPARE(server_.start(), QString());
}

void TestChatHistoryLists::cleanup() {
    // The history fixture lives across the data rows; everything else is per test.
    if (QString::fromLatin1(QTest::currentTestFunction()) != QLatin1String("historyPage")) {
        historyClient_ = nullptr;
        NATTER_VERIFY_NO_PROBLEMS(server_.releaseClients());
    }
}

void TestChatHistoryLists::historyPage_data() {
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QList<int>>("seqs");
    QTest::addColumn<bool>("hasMore");
    const int last = kHistoryMessages;
    const auto row = [](const char* name, const QJsonObject& params, const QList<int>& seqs,
                        bool hasMore) { QTest::newRow(name) << params << seqs << hasMore; };
    row("default: newest 50", {}, range(1, last), false);
    row("newest 10", {{QStringLiteral("limit"), 10}}, range(last - 9, last), true);
    row("before 14", {{QStringLiteral("before_seq"), 14}, {QStringLiteral("limit"), 10}},
        range(4, 13), true);
    row("before 11 exactly fits",
        {{QStringLiteral("before_seq"), 11}, {QStringLiteral("limit"), 10}}, range(1, 10), false);
    row("before 4", {{QStringLiteral("before_seq"), 4}, {QStringLiteral("limit"), 10}}, range(1, 3),
        false);
    row("before 1", {{QStringLiteral("before_seq"), 1}}, {}, false);
    row("before last+1", {{QStringLiteral("before_seq"), last + 1}, {QStringLiteral("limit"), 5}},
        range(last - 4, last), true);
    row("after 0", {{QStringLiteral("after_seq"), 0}, {QStringLiteral("limit"), 10}}, range(1, 10),
        true);
    row("after 13 exactly fits", {{QStringLiteral("after_seq"), 13}, {QStringLiteral("limit"), 10}},
        range(14, last), false);
    row("after 20", {{QStringLiteral("after_seq"), 20}, {QStringLiteral("limit"), 10}},
        range(21, last), false);
    row("after last", {{QStringLiteral("after_seq"), last}}, {}, false);
    row("limit 1", {{QStringLiteral("limit"), 1}}, {last}, true);
    row("limit max", {{QStringLiteral("limit"), spec::kHistoryPageMax}}, range(1, last), false);
}

void TestChatHistoryLists::historyPage() {
    if (!historyClient_) {
        const QList<ChatUser> users = server_.registerUsers(QStringLiteral("hist"), 2);
        QCOMPARE(users.size(), 2);
        for (int i = 0; i < kHistoryMessages; ++i) {
            const QJsonObject sent =
                sendText(*users.at(i % 2).client, toUser(users.at(1 - i % 2).userId),
                         QStringLiteral("h%1").arg(i + 1));
            NATTER_VERIFY_RESULT(sent);
            historyConversation_ = conversationIdOf(sent);
        }
        historyClient_ = users.first().client;
    }
    QFETCH(QJsonObject, params);
    QFETCH(QList<int>, seqs);
    QFETCH(bool, hasMore);
    const QJsonObject response = historyClient_->call(spec::method::kMessagesHistory,
                                                      historyParams(historyConversation_, params));
    NATTER_VERIFY_RESULT(response);
    QCOMPARE(seqsOf(response), seqs);
    QCOMPARE(resultOf(response).value(QStringLiteral("has_more")), QJsonValue(hasMore));
    for (const QJsonValue& message :
         resultOf(response).value(QStringLiteral("messages")).toArray()) {
        QCOMPARE(message.toObject().value(QStringLiteral("body")).toString(),
                 QStringLiteral("h%1").arg(seqOf(message.toObject())));
    }
}

void TestChatHistoryLists::historyCursorsBeyondTheEnd() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("hend"), 2);
    QCOMPARE(users.size(), 2);
    const QJsonObject sent =
        sendText(*users.at(0).client, toUser(users.at(1).userId), QStringLiteral("only"));
    NATTER_VERIFY_RESULT(sent);
    const QString id = conversationIdOf(sent);
    WsTestClient& client = *users.at(1).client;
    NATTER_COMPARE_ERROR(client.call(spec::method::kMessagesHistory,
                                     historyParams(id, {{QStringLiteral("before_seq"), 3}})),
                         "cursor_out_of_range");
    NATTER_COMPARE_ERROR(client.call(spec::method::kMessagesHistory,
                                     historyParams(id, {{QStringLiteral("after_seq"), 2}})),
                         "cursor_out_of_range");
    NATTER_VERIFY_RESULT(client.call(spec::method::kMessagesHistory,
                                     historyParams(id, {{QStringLiteral("before_seq"), 2}})));
    NATTER_COMPARE_INVALID_PARAM(
        client.call(spec::method::kMessagesHistory,
                    historyParams(id, {{QStringLiteral("limit"), spec::kHistoryPageMax + 1}})),
        "limit");
    NATTER_COMPARE_INVALID_PARAM(client.call(spec::method::kMessagesHistory,
                                             historyParams(id, {{QStringLiteral("limit"), 0}})),
                                 "limit");
}

void TestChatHistoryLists::conversationsListByActivityInPages() {
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("lst"), 3);
    QCOMPARE(users.size(), 3);
    WsTestClient& alice = *users.at(0).client;
    QStringList newestFirst;  // conversation ids, most recently active first
    for (int i = 0; i < 7; ++i) {
        const QJsonObject created =
            alice.call(spec::method::kConversationsCreateGroup,
                       createGroupParams(QStringLiteral("G%1").arg(i), {users.at(1 + i % 2).userId},
                                         QStringLiteral("g%1").arg(i)));
        NATTER_VERIFY_RESULT(created);
        newestFirst.prepend(idOf(conversationOf(created)));
        QTest::qWait(3);  // distinct millisecond timestamps make "most recent" unambiguous
    }
    for (int i = 1; i <= 2; ++i) {
        const QJsonObject sent =
            sendText(alice, toUser(users.at(i).userId), QStringLiteral("private %1").arg(i));
        newestFirst.prepend(conversationIdOf(sent));
        QTest::qWait(3);
    }
    // New activity in the oldest group moves it to the front.
    const QString oldest = newestFirst.takeLast();
    NATTER_VERIFY_RESULT(
        sendText(*users.at(1).client, toConversation(oldest), QStringLiteral("I'm back")));
    newestFirst.prepend(oldest);

    QStringList listed;
    QJsonValue cursor;
    for (int page = 0; page < 10 && (page == 0 || !cursor.isNull()); ++page) {
        QJsonObject params{{QStringLiteral("limit"), 4}};
        if (page > 0) {
            params.insert(QStringLiteral("cursor"), cursor);
        }
        const QJsonObject response = alice.call(spec::method::kConversationsList, params);
        NATTER_VERIFY_RESULT(response);
        const QJsonArray conversations =
            resultOf(response).value(QStringLiteral("conversations")).toArray();
        QVERIFY(conversations.size() <= 4);
        for (const QJsonValue& value : conversations) {
            const QJsonObject conversation = value.toObject();
            NATTER_VERIFY_NO_PROBLEMS(conversationShapeProblems(conversation));
            QVERIFY(conversation.value(QStringLiteral("last_message")).isObject());
            listed.append(idOf(conversation));
        }
        cursor = resultOf(response).value(QStringLiteral("next_cursor"));
        QVERIFY(cursor.isNull() || cursor.isString());
    }
    QVERIFY2(cursor.isNull(), "next_cursor never became null");
    QCOMPARE(listed, newestFirst);
    const QJsonObject first =
        resultOf(alice.call(spec::method::kConversationsList, {{QStringLiteral("limit"), 1}}))
            .value(QStringLiteral("conversations"))
            .toArray()
            .first()
            .toObject();
    QCOMPARE(first.value(QStringLiteral("last_message"))
                 .toObject()
                 .value(QStringLiteral("body"))
                 .toString(),
             QStringLiteral("I'm back"));
    NATTER_COMPARE_INVALID_PARAM(
        alice.call(spec::method::kConversationsList,
                   {{QStringLiteral("limit"), spec::kConversationPageMax + 1}}),
        "limit");
    NATTER_VERIFY_RESULT(alice.call(spec::method::kConversationsList,
                                    {{QStringLiteral("limit"), spec::kConversationPageMax}}));
}

void TestChatHistoryLists::recentContactsRankByLatestSharedActivity() {
    const int partners = spec::kRecentContacts + 2;
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("rc"), partners + 1);
    QCOMPARE(users.size(), partners + 1);
    WsTestClient& alice = *users.at(0).client;
    QStringList newestFirst;
    for (int i = 1; i <= partners; ++i) {
        NATTER_VERIFY_RESULT(sendText(alice, toUser(users.at(i).userId), QStringLiteral("hi")));
        newestFirst.prepend(users.at(i).userId);
        QTest::qWait(3);
    }
    // A group shared with the two oldest partners becomes their latest shared activity.
    const QJsonObject group = users.at(2).client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Old friends"), {users.at(0).userId, users.at(1).userId},
                          QStringLiteral("remember us?")));
    NATTER_VERIFY_RESULT(group);
    newestFirst.removeAll(users.at(1).userId);
    newestFirst.removeAll(users.at(2).userId);
    const QJsonObject recent = alice.call(spec::method::kContactsRecent);
    NATTER_VERIFY_RESULT(recent);
    const QStringList ranked = userIdsOf(resultOf(recent).value(QStringLiteral("users")).toArray());
    QCOMPARE(ranked.size(), spec::kRecentContacts);
    // Both group partners share the same latest activity; their order between them is open.
    QCOMPARE(QSet<QString>(ranked.begin(), ranked.begin() + 2),
             QSet<QString>({users.at(1).userId, users.at(2).userId}));
    QCOMPARE(ranked.mid(2), newestFirst.mid(0, spec::kRecentContacts - 2));
    QVERIFY(!ranked.contains(users.at(0).userId));
}

void TestChatHistoryLists::searchByUsernameOrDisplayNamePrefix() {
    const ChatUser caller =
        server_.registerUser(QStringLiteral("zedcaller"), QStringLiteral("Zed Caller"));
    const ChatUser alpha =
        server_.registerUser(QStringLiteral("zedalpha"), QStringLiteral("Quentin"));
    const ChatUser beta =
        server_.registerUser(QStringLiteral("zedbeta"), QStringLiteral("Someone"));
    const ChatUser other = server_.registerUser(QStringLiteral("qux"), QStringLiteral("ZEDDY"));
    const ChatUser unrelated =
        server_.registerUser(QStringLiteral("amy"), QStringLiteral("Amy Zed"));
    QVERIFY(caller.ok() && alpha.ok() && beta.ok() && other.ok() && unrelated.ok());
    WsTestClient& client = *caller.client;

    const QStringList expected{other.username, alpha.username,
                               beta.username};  // ordered by username
    QCOMPARE(
        usernamesOf(client.call(spec::method::kUsersSearch, searchParams(QStringLiteral("zed")))),
        expected);
    QCOMPARE(
        usernamesOf(client.call(spec::method::kUsersSearch, searchParams(QStringLiteral("ZeD")))),
        expected);
    QCOMPARE(usernamesOf(
                 client.call(spec::method::kUsersSearch, searchParams(QStringLiteral("zed"), 2))),
             expected.mid(0, 2));
    QCOMPARE(
        usernamesOf(client.call(spec::method::kUsersSearch, searchParams(QStringLiteral("quent")))),
        QStringList{alpha.username});
    // Prefixes only: "Amy Zed" does not start with "zed", and nobody starts with "alpha".
    QCOMPARE(
        usernamesOf(client.call(spec::method::kUsersSearch, searchParams(QStringLiteral("alpha")))),
        QStringList());
    const QJsonObject full = client.call(spec::method::kUsersSearch, searchParams(alpha.username));
    QCOMPARE(resultOf(full).value(QStringLiteral("users")).toArray(),
             QJsonArray({alpha.userObject()}));
    NATTER_COMPARE_INVALID_PARAM(
        client.call(spec::method::kUsersSearch,
                    searchParams(QStringLiteral("zed"), spec::kUserSearchMax + 1)),
        "limit");
}

void TestChatHistoryLists::searchIsRateLimitedPerConnection() {
    const ChatUser user = server_.registerUser(QStringLiteral("burst"));
    QVERIFY(user.ok());
    const int requests = spec::kUserSearchBurst + 8;
    for (int i = 0; i < requests; ++i) {
        user.client->sendRequest(QStringLiteral("s%1").arg(i), spec::method::kUsersSearch,
                                 searchParams(QStringLiteral("burst")));
    }
    int limited = 0;
    for (int i = 0; i < requests; ++i) {
        const QJsonObject response = user.client->waitForResponse(QStringLiteral("s%1").arg(i));
        if (i < spec::kUserSearchBurst) {
            NATTER_VERIFY_RESULT(response);
        } else if (errorCodeOf(response) == QLatin1String("rate_limited")) {
            ++limited;
            QVERIFY(errorOf(response).value(QStringLiteral("retry_after_ms")).toInt() > 0);
        }
    }
    QVERIFY2(limited > 0,
             "a burst of searches beyond spec::kUserSearchBurst was never rate limited");
    // Another connection has its own allowance.
    WsTestClient* second = server_.resume(user.token);
    QVERIFY(second);
    NATTER_VERIFY_RESULT(
        second->call(spec::method::kUsersSearch, searchParams(QStringLiteral("burst"))));
}

QTEST_GUILESS_MAIN(TestChatHistoryLists)
#include "tst_chat_history_lists.moc"
