// messages.search (docs/protocol.md 5.3a), from the document alone: a member finds a message by
// its words, nobody else does, a group someone left stops answering them, deleted messages are
// never found and edited ones only by their new text; snippets and highlights; paging with the
// cursor; bad params typed; the per-user budget. Built twice: on SQLite (tst_chat_search) and on
// PostgreSQL (tst_chat_search_postgres, NATTER_SEARCH_ON_POSTGRES).
#include <QtTest>
#include <memory>

#include "chat_checks.h"
#include "chat_on_store.h"
#include "protocol_checks.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

#ifdef NATTER_SEARCH_ON_POSTGRES
constexpr bool kOnPostgres = true;
#else
constexpr bool kOnPostgres = false;
#endif

const QString kSearch = QStringLiteral("messages.search");
// Section 2: kMessageSearchBurst searches per user at once.
constexpr int kSearchBurst = 5;
constexpr int kSnippetMaxChars = 120;

QJsonObject search(WsTestClient& client, const QString& query, QJsonObject params = {}) {
    params.insert(QStringLiteral("query"), query);
    return client.call(kSearch, params);
}

QJsonArray hitsOf(const QJsonObject& response) {
    return resultOf(response).value(QStringLiteral("hits")).toArray();
}

// The seqs of the hits, in the order given.
QList<int> hitSeqs(const QJsonObject& response) {
    QList<int> seqs;
    for (const QJsonValue& hit : hitsOf(response)) {
        seqs.append(hit.toObject().value(QStringLiteral("seq")).toInt());
    }
    return seqs;
}

// The highlighted words of a hit, cut out of its snippet by the [start, length] pairs.
QStringList highlightedWords(const QJsonObject& hit) {
    const QList<uint> snippet = hit.value(QStringLiteral("snippet")).toString().toUcs4();
    QStringList words;
    for (const QJsonValue& range : hit.value(QStringLiteral("highlights")).toArray()) {
        const int start = range.toArray().at(0).toInt();
        const int length = range.toArray().at(1).toInt();
        words.append(QString::fromUcs4(
            reinterpret_cast<const char32_t*>(snippet.mid(start, length).constData()), length));
    }
    return words;
}

QString errorField(const QJsonObject& response) {
    return errorOf(response).value(QStringLiteral("field")).toString();
}

}  // namespace

class TestChatSearch : public QObject {
    Q_OBJECT

private:
    SuiteDatabase database_{kOnPostgres};
    std::unique_ptr<ChatServer> server_;

    // Three new users; the first two share a private chat holding `bodies` from the first.
    struct Chat {
        QList<ChatUser> users;
        QString id;
    };
    Chat privateChat(const QStringList& bodies) {
        Chat chat;
        chat.users = server_->registerUsers(QStringLiteral("srch"), 3);
        if (chat.users.size() != 3) {
            return chat;
        }
        for (const QString& body : bodies) {
            const QJsonObject sent = sendText(
                *chat.users.at(0).client,
                chat.id.isEmpty() ? toUser(chat.users.at(1).userId) : toConversation(chat.id),
                body);
            chat.id = conversationIdOf(sent);
        }
        return chat;
    }

private slots:
    void initTestCase();
    void cleanupTestCase() { stopChatServer(server_, database_.postgres()); }
    void cleanup() { NATTER_VERIFY_NO_PROBLEMS(server_->releaseClients()); }

    void membersFindAMessageByItsWords();
    void nobodyElseFindsIt();
    void aGroupLeftNoLongerAnswers();
    void editedByTheNewTextDeletedNever();
    void snippetOfALongMessage();
    void pagesFollowTheCursorNewestFirst();
    void oneConversationOnly();
    void badParamsAreTyped();
    void searchesAreLimitedPerUser();
};

void TestChatSearch::initTestCase() {
    const QString why = startChatServer(server_,
                                        {QStringLiteral("--message-rate"), QStringLiteral("1000"),
                                         QStringLiteral("--message-burst"), QStringLiteral("1000")},
                                        database_.postgres());
    QVERIFY2(why.isEmpty(), qPrintable(why));
}

void TestChatSearch::membersFindAMessageByItsWords() {
    const Chat chat =
        privateChat({QStringLiteral("The quick brown fox"), QStringLiteral("nothing to see here")});
    QVERIFY(!chat.id.isEmpty());
    const ChatUser& alice = chat.users.at(0);
    // Whole words, prefixes, any case, in any order: every word must occur.
    for (const QString& query : {QStringLiteral("fox quick"), QStringLiteral("QUI BRO")}) {
        const QJsonObject found = search(*chat.users.at(1).client, query);
        QVERIFY2(isResult(found), qPrintable(errorCodeOf(found)));
        QCOMPARE(hitsOf(found).size(), 1);
        const QJsonObject hit = hitsOf(found).at(0).toObject();
        QCOMPARE(hit.value(QStringLiteral("conversation_id")).toString(), chat.id);
        QCOMPARE(hit.value(QStringLiteral("seq")).toInt(), 1);
        QCOMPARE(hit.value(QStringLiteral("sender")).toObject(), alice.userObject());
        QCOMPARE(hit.value(QStringLiteral("type")).toString(), QStringLiteral("text"));
        QVERIFY(hit.value(QStringLiteral("sent_at")).toInteger() > 0);
        QCOMPARE(hit.value(QStringLiteral("snippet")).toString(),
                 QStringLiteral("The quick brown fox"));
        QVERIFY(resultOf(found).value(QStringLiteral("next_cursor")).isNull());
    }
    const QJsonObject both = search(*alice.client, QStringLiteral("fox quick"));
    QCOMPARE(highlightedWords(hitsOf(both).at(0).toObject()),
             (QStringList{QStringLiteral("quick"), QStringLiteral("fox")}));
    // One word missing: no hit; a word inside another word is not a prefix of it.
    QVERIFY(hitsOf(search(*alice.client, QStringLiteral("quick cat"))).isEmpty());
    QVERIFY(hitsOf(search(*alice.client, QStringLiteral("uick"))).isEmpty());
    // Letters beyond ASCII, in upper case too.
    const QJsonObject german =
        sendText(*alice.client, toConversation(chat.id), QStringLiteral("Grüße aus der Straße"));
    QVERIFY(isResult(german));
    QCOMPARE(hitSeqs(search(*alice.client, QStringLiteral("GRÜSSE straße"))), QList<int>{});
    QCOMPARE(hitSeqs(search(*alice.client, QStringLiteral("GRÜẞE straß"))), QList<int>{3});
}

void TestChatSearch::nobodyElseFindsIt() {
    const Chat chat = privateChat({QStringLiteral("zanzibar rendezvous at noon")});
    QVERIFY(!chat.id.isEmpty());
    WsTestClient& carol = *chat.users.at(2).client;
    const QJsonObject outsider = search(carol, QStringLiteral("zanzibar"));
    QVERIFY(isResult(outsider));
    QVERIFY(hitsOf(outsider).isEmpty());
    QJsonObject named{{QStringLiteral("conversation_id"), chat.id}};
    QCOMPARE(errorCodeOf(search(carol, QStringLiteral("zanzibar"), named)),
             QStringLiteral("not_member"));
    named.insert(QStringLiteral("conversation_id"), kMadeUpConversationId);
    QCOMPARE(errorCodeOf(search(carol, QStringLiteral("zanzibar"), named)),
             QStringLiteral("not_member"));
    QCOMPARE(hitsOf(search(*chat.users.at(1).client, QStringLiteral("zanzibar"))).size(), 1);
}

void TestChatSearch::aGroupLeftNoLongerAnswers() {
    const QList<ChatUser> users = server_->registerUsers(QStringLiteral("srchg"), 3);
    QCOMPARE(users.size(), 3);
    const QJsonObject created =
        users.at(0).client->call(QStringLiteral("conversations.create_group"),
                                 createGroupParams(QStringLiteral("Plans"), userIdsOf(users.mid(1)),
                                                   QStringLiteral("marmalade for breakfast")));
    QVERIFY2(isResult(created), qPrintable(errorCodeOf(created)));
    const QString groupId = idOf(conversationOf(created));
    WsTestClient& carol = *users.at(2).client;
    QCOMPARE(hitSeqs(search(carol, QStringLiteral("marmalade"))), QList<int>{2});
    QVERIFY(
        isResult(carol.call(QStringLiteral("conversations.leave"), conversationParam(groupId))));
    const QJsonObject afterLeaving = search(carol, QStringLiteral("marmalade"));
    QVERIFY(isResult(afterLeaving));
    QVERIFY(hitsOf(afterLeaving).isEmpty());
    QCOMPARE(hitSeqs(search(*users.at(1).client, QStringLiteral("marmalade"))), QList<int>{2});
    // System messages are not searchable: the group's name is not in a hit.
    QVERIFY(hitsOf(search(*users.at(1).client, QStringLiteral("plans"))).isEmpty());
}

void TestChatSearch::editedByTheNewTextDeletedNever() {
    const Chat chat = privateChat({QStringLiteral("original pumpkin soup")});
    QVERIFY(!chat.id.isEmpty());
    WsTestClient& alice = *chat.users.at(0).client;
    WsTestClient& bob = *chat.users.at(1).client;
    QVERIFY(isResult(
        alice.call(QStringLiteral("messages.edit"),
                   QJsonObject{{QStringLiteral("conversation_id"), chat.id},
                               {QStringLiteral("seq"), 1},
                               {QStringLiteral("body"), QStringLiteral("changed turnip soup")}})));
    QVERIFY(hitsOf(search(bob, QStringLiteral("pumpkin"))).isEmpty());
    const QJsonObject edited = search(bob, QStringLiteral("turnip"));
    QCOMPARE(hitSeqs(edited), QList<int>{1});  // the message, not its change entry
    QVERIFY(hitsOf(edited).at(0).toObject().value(QStringLiteral("edited_at")).toInteger() > 0);
    QVERIFY(isResult(alice.call(
        QStringLiteral("messages.delete"),
        QJsonObject{{QStringLiteral("conversation_id"), chat.id}, {QStringLiteral("seq"), 1}})));
    QVERIFY(hitsOf(search(bob, QStringLiteral("turnip"))).isEmpty());
    QVERIFY(hitsOf(search(alice, QStringLiteral("soup"))).isEmpty());
}

void TestChatSearch::snippetOfALongMessage() {
    const QString body = QStringLiteral("lorem ").repeated(40) + QStringLiteral("Needle ") +
                         QStringLiteral("ipsum ").repeated(40);
    const Chat chat = privateChat({body});
    QVERIFY(!chat.id.isEmpty());
    const QJsonObject found = search(*chat.users.at(1).client, QStringLiteral("needle"));
    QCOMPARE(hitsOf(found).size(), 1);
    const QJsonObject hit = hitsOf(found).at(0).toObject();
    const QString snippet = hit.value(QStringLiteral("snippet")).toString();
    QVERIFY2(
        snippet.startsWith(QStringLiteral("\u2026")) && snippet.endsWith(QStringLiteral("\u2026")),
        qPrintable(snippet));
    QVERIFY(snippet.size() <= kSnippetMaxChars + 2);
    QCOMPARE(highlightedWords(hit), QStringList{QStringLiteral("Needle")});
}

void TestChatSearch::pagesFollowTheCursorNewestFirst() {
    QStringList bodies;
    for (int i = 1; i <= 5; ++i) {
        bodies.append(QStringLiteral("paging word %1").arg(i));
    }
    const Chat chat = privateChat(bodies);
    QVERIFY(!chat.id.isEmpty());
    WsTestClient& bob = *chat.users.at(1).client;
    QList<int> seqs;
    QJsonObject params{{QStringLiteral("limit"), 2}};
    for (int page = 0; page < 3; ++page) {
        const QJsonObject found = search(bob, QStringLiteral("paging"), params);
        QVERIFY2(isResult(found), qPrintable(errorCodeOf(found)));
        seqs += hitSeqs(found);
        const QJsonValue next = resultOf(found).value(QStringLiteral("next_cursor"));
        QCOMPARE(next.isNull(), page == 2);
        params.insert(QStringLiteral("cursor"), next);
    }
    QCOMPARE(seqs, (QList<int>{5, 4, 3, 2, 1}));
}

void TestChatSearch::oneConversationOnly() {
    const Chat chat = privateChat({QStringLiteral("walrus one")});
    QVERIFY(!chat.id.isEmpty());
    const ChatUser& alice = chat.users.at(0);
    const QJsonObject other =
        sendText(*alice.client, toUser(chat.users.at(2).userId), QStringLiteral("walrus two"));
    QVERIFY(isResult(other));
    QCOMPARE(hitsOf(search(*alice.client, QStringLiteral("walrus"))).size(), 2);
    const QJsonObject inOne =
        search(*alice.client, QStringLiteral("walrus"),
               QJsonObject{{QStringLiteral("conversation_id"), conversationIdOf(other)}});
    QCOMPARE(hitsOf(inOne).size(), 1);
    QCOMPARE(hitsOf(inOne).at(0).toObject().value(QStringLiteral("snippet")).toString(),
             QStringLiteral("walrus two"));
}

void TestChatSearch::badParamsAreTyped() {
    const ChatUser user = server_->registerUser(QStringLiteral("srchbad"));
    QVERIFY(user.ok());
    WsTestClient& client = *user.client;
    QCOMPARE(errorField(client.call(kSearch)), QStringLiteral("query"));
    const QStringList badQueries{QString(), QStringLiteral("   "), QStringLiteral("?! -- ..."),
                                 QStringLiteral("x").repeated(101),
                                 QStringLiteral("a b c d e f g h i")};
    for (const QString& query : badQueries) {
        const QJsonObject refused = search(client, query);
        QCOMPARE(errorCodeOf(refused), QStringLiteral("invalid_params"));
        QCOMPARE(errorField(refused), QStringLiteral("query"));
    }
    const QList<std::pair<QString, QJsonValue>> badParams{
        {QStringLiteral("limit"), 0},
        {QStringLiteral("limit"), 51},
        {QStringLiteral("limit"), QStringLiteral("5")},
        {QStringLiteral("cursor"), QStringLiteral("not a cursor")},
        {QStringLiteral("cursor"), 7},
        {QStringLiteral("conversation_id"), 7}};
    for (const auto& [field, value] : badParams) {
        const QJsonObject refused = search(client, QStringLiteral("word"), {{field, value}});
        QCOMPARE(errorCodeOf(refused), QStringLiteral("invalid_params"));
        QCOMPARE(errorField(refused), field);
    }
    // Refused requests took none of the budget; eight words are allowed.
    for (int i = 0; i < kSearchBurst; ++i) {
        QVERIFY(isResult(search(client, QStringLiteral("a b c d e f g h"))));
    }
}

void TestChatSearch::searchesAreLimitedPerUser() {
    const QList<ChatUser> users = server_->registerUsers(QStringLiteral("srchrate"), 2);
    QCOMPARE(users.size(), 2);
    // A second device of the same user draws from the same budget.
    WsTestClient* phone = server_->loginNewDevice(users.at(0), QStringLiteral("Phone"));
    QVERIFY(phone);
    QJsonObject refused;
    int answered = 0;
    // Bounded: the budget refills one search per second, far slower than these calls.
    for (int i = 0; i < 4 * kSearchBurst && refused.isEmpty(); ++i) {
        const QJsonObject response =
            search(i % 2 == 0 ? *users.at(0).client : *phone, QStringLiteral("anything"));
        if (isResult(response)) {
            ++answered;
        } else {
            refused = response;
        }
    }
    QCOMPARE(errorCodeOf(refused), QStringLiteral("rate_limited"));
    QVERIFY(answered >= kSearchBurst);
    QCOMPARE(errorOf(refused).value(QStringLiteral("message")).toString(),
             spec::rate_limited_message::kMessageSearch);
    QVERIFY(errorOf(refused).value(QStringLiteral("retry_after_ms")).toInteger() > 0);
    // Another user's budget is their own.
    QVERIFY(isResult(search(*users.at(1).client, QStringLiteral("anything"))));
}

QTEST_GUILESS_MAIN(TestChatSearch)
#include "tst_chat_search.moc"
