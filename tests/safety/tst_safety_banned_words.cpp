// Banned words (docs/protocol.md section 5.6 "Spam rules" 2, server setting banned-words): an entry
// of the list (a word or a phrase; comments and empty lines ignored) is refused as a whole word,
// case-insensitively and in Unicode NFC, whatever separates a phrase's words, in a message body,
// an attachment caption and a group name, with the field to blame; a longer word that merely
// contains it is fine; nothing refused is stored.
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

class TestSafetyBannedWords : public SafetyTest {
    Q_OBJECT

protected:
    QStringList serverArgs() override {
        return bannedWordsArgs(configDir(),
                               {
                                   QStringLiteral("# words this test server bans"),  // a comment
                                   QStringLiteral("#decoy"),                         // a comment
                                   QStringLiteral("spam"),                           // a word
                                   QString(),                                        // ignored
                                   QStringLiteral("Free Money"),                     // a phrase
                                   QStringLiteral("ärger"),                          // not ASCII
                                   QStringLiteral("caf\u00e9"),                      // precomposed
                                   QStringLiteral("nai\u0308ve"),                    // decomposed
                               });
    }

private:
    // Registers sender and recipient with a private conversation between them (conversation_).
    bool setUpChat();

    ChatUser sender_, recipient_;
    QString conversation_;

private slots:
    void wholeWordsAndPhrasesCaseInsensitively();
    void firstMessageWithABannedWordStartsNoChat();
    void captionOfAnAttachmentIsChecked();
    void groupNameAndFirstMessageAreChecked();
    void renameToABannedNameIsRefused();
};

bool TestSafetyBannedWords::setUpChat() {
    const QList<ChatUser> users = newUsers(2);
    if (users.size() != 2) {
        return false;
    }
    sender_ = users.at(0), recipient_ = users.at(1);
    QString error;
    conversation_ = startPrivateConversation(*sender_.client, recipient_.userId, &error);
    if (conversation_.isEmpty()) {
        qWarning().noquote() << error;
    }
    return !conversation_.isEmpty();
}

void TestSafetyBannedWords::wholeWordsAndPhrasesCaseInsensitively() {
    QVERIFY(setUpChat());
    struct Case {
        QString body;
        bool refused;
    };
    const QList<Case> cases{
        {QStringLiteral("spam"), true},
        {QStringLiteral("This is SPAM!"), true},
        {QStringLiteral("Spam,spam"), true},
        {QStringLiteral("x_spam"), true},  // '_' is neither a letter nor a digit
        {QStringLiteral("get free money now"), true},
        {QStringLiteral("FREE\tMONEY"), true},
        {QStringLiteral("free, money"), true},  // the phrase is a run of whole words
        {QStringLiteral("So viel \u00c4rger"), true},
        {QStringLiteral("free -- money"), true},       // whatever separates the words
        {QStringLiteral("un cafe\u0301 noir"), true},  // compared in NFC: this is "café"
        {QStringLiteral("so na\u00efve"), true},
        {QStringLiteral("spam\u0332"), false},  // a combining mark continues the word
        {QStringLiteral("spammer and antispam"), false},
        {QStringLiteral("spam2"), false},  // digits belong to the word
        {QStringLiteral("freemoney"), false},
        {QStringLiteral("free moneys"), false},
        {QStringLiteral("free the money"), false},
        {QStringLiteral("money free"), false},
        {QStringLiteral("decoy"), false},  // only a comment line says it
        {QStringLiteral("words this test server bans"), false},
    };
    QStringList problems;
    int stored = 0;
    for (const Case& c : cases) {
        const QJsonObject answer = sendText(*sender_.client, toConversation(conversation_), c.body);
        const bool refusedWell = errorCodeOf(answer) == QLatin1String("banned_word") &&
                                 errorFieldOf(answer) == QLatin1String("body");
        stored += isResult(answer) ? 1 : 0;
        if (c.refused ? !refusedWell : !isResult(answer)) {
            problems.append(QStringLiteral("\"%1\" should be %2: %3")
                                .arg(c.body,
                                     c.refused ? QStringLiteral("banned_word (field body)")
                                               : QStringLiteral("sent"),
                                     describe(answer)));
        }
    }
    NATTER_VERIFY_NO_PROBLEMS(problems);
    // Only the first message and the allowed ones exist for the recipient.
    QCOMPARE(lastSeqSeenBy(*recipient_.client, conversation_), qint64(1 + stored));
}

void TestSafetyBannedWords::firstMessageWithABannedWordStartsNoChat() {
    const QList<ChatUser> users = newUsers(2);
    QCOMPARE(users.size(), 2);
    NATTER_COMPARE_ERROR_FIELD(
        sendText(*users.at(0).client, toUser(users.at(1).userId), QStringLiteral("Free money!")),
        "banned_word", "body");
    NATTER_COMPARE_ERROR_FIELD(
        sendText(*users.at(0).client, toUsername(users.at(1).username), QStringLiteral("spam")),
        "banned_word", "body");
    QString error;
    QCOMPARE(conversationIdsOf(*users.at(1).client, &error), QStringList());
    QCOMPARE(conversationIdsOf(*users.at(0).client, &error), QStringList());
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestSafetyBannedWords::captionOfAnAttachmentIsChecked() {
    QVERIFY(setUpChat());
    const QString ref = uploadFile(*sender_.client, QByteArrayLiteral("\xff\xd8\xff photo"));
    QVERIFY(!ref.isEmpty());
    const auto photo = [&](const QString& caption) {
        return sender_.client->call(spec::method::kMessagesSend,
                                    photoParams(toConversation(conversation_), caption, ref));
    };
    NATTER_COMPARE_ERROR_FIELD(photo(QStringLiteral("look: spam")), "banned_word", "body");
    QCOMPARE(lastSeqSeenBy(*recipient_.client, conversation_), qint64(1));
    NATTER_VERIFY_RESULT(photo(QStringLiteral("look at this")));
    NATTER_VERIFY_RESULT(photo(QString()));
    QCOMPARE(lastSeqSeenBy(*recipient_.client, conversation_), qint64(3));
}

void TestSafetyBannedWords::groupNameAndFirstMessageAreChecked() {
    const QList<ChatUser> users = newUsers(2);
    QCOMPARE(users.size(), 2);
    WsTestClient& owner = *users.at(0).client;
    const QStringList members{users.at(1).userId};
    NATTER_COMPARE_ERROR_FIELD(owner.call(spec::method::kConversationsCreateGroup,
                                          createGroupParams(QStringLiteral("Spam club"), members,
                                                            QStringLiteral("hello"))),
                               "banned_word", "name");
    NATTER_COMPARE_ERROR_FIELD(owner.call(spec::method::kConversationsCreateGroup,
                                          createGroupParams(QStringLiteral("Club"), members,
                                                            QStringLiteral("free money"))),
                               "banned_word", "body");
    QString error;
    QCOMPARE(conversationIdsOf(*users.at(1).client, &error), QStringList());
    QCOMPARE(conversationIdsOf(owner, &error), QStringList());
    QVERIFY2(error.isEmpty(), qPrintable(error));
    NATTER_VERIFY_RESULT(owner.call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Spammers anonymous"), members, QStringLiteral("hello"))));
}

void TestSafetyBannedWords::renameToABannedNameIsRefused() {
    const QList<ChatUser> users = newUsers(2);
    QCOMPARE(users.size(), 2);
    QString error;
    const QString group = createGroup(*users.at(0).client, {users.at(1).userId}, &error);
    QVERIFY2(!group.isEmpty(), qPrintable(error));
    const QJsonObject before = fetchConversation(*users.at(1).client, group, &error);
    QJsonObject params = conversationParam(group);
    params.insert(QStringLiteral("name"), QStringLiteral("Free money corner"));
    NATTER_COMPARE_ERROR_FIELD(users.at(0).client->call(spec::method::kConversationsRename, params),
                               "banned_word", "name");
    const QJsonObject after = fetchConversation(*users.at(1).client, group, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(after.value(QStringLiteral("name")), before.value(QStringLiteral("name")));
    QCOMPARE(after.value(QStringLiteral("last_seq")), before.value(QStringLiteral("last_seq")));
    params.insert(QStringLiteral("name"), QStringLiteral("Money corner"));
    NATTER_VERIFY_RESULT(users.at(0).client->call(spec::method::kConversationsRename, params));
}

QTEST_GUILESS_MAIN(TestSafetyBannedWords)
#include "tst_safety_banned_words.moc"
