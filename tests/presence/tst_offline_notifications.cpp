// Notifications for users who are not online (docs/protocol.md section 8): a message that reaches
// a member with no live connection is summarised to the webhook once the member has stayed offline
// for the notify delay — signed, without the message text — and not at all for members who are
// online, come back in time, or muted the conversation. The webhook end is a real HTTP server.
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QtTest>
#include <memory>

#include "chat_checks.h"
#include "chat_server.h"
#include "presence_support.h"
#include "protocol_checks.h"
#include "protocol_spec.h"
#include "webhook_receiver.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;

namespace {

constexpr int kNotifyDelayMs = 2'000;
const QByteArray kSecret = QByteArrayLiteral("webhook-test-secret");
const QString kHookPath = QStringLiteral("/hooks/natter");
const QString kPrivateText = QStringLiteral("the secret plans are in the blue folder");

QByteArray compactJson(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

}  // namespace

class TestOfflineNotifications : public QObject {
    Q_OBJECT

private:
    // Posts the webhook received about `userId` so far, as JSON objects.
    QList<QJsonObject> summariesFor(const QString& userId) const;
    // Registers a user and disconnects them, so they are offline; returns the user.
    ChatUser offlineUser(const QString& stem);
    void send(const ChatUser& from, const QString& toUserId, const QString& body);
    // Long enough for a summary that should come to have come.
    static void waitPastDelay() { listenQuietly(kNotifyDelayMs + 2'000); }

    WebhookReceiver hook_;
    std::unique_ptr<ChatServer> server_;
    ChatUser alice_;
    int sent_ = 0;

private slots:
    void initTestCase();
    void cleanupTestCase();

    void offlineRecipientGetsOneSignedSummaryWithoutText();
    void onlineRecipientGetsNone();
    void recipientBackBeforeTheDelayGetsNone();
    void mutedConversationGetsNone();
    void failedWebhookIsTriedAgain();
    // Last: restarts the server.
    void summaryWaitingAtARestartStillComes();
};

void TestOfflineNotifications::initTestCase() {
    QVERIFY(hook_.listen());
    server_ = std::make_unique<ChatServer>(
        QStringList{QStringLiteral("--notify-webhook"), hook_.url(kHookPath).toString(),
                    QStringLiteral("--notify-delay"), QString::number(kNotifyDelayMs / 1000),
                    QStringLiteral("--notify-secret"), QString::fromLatin1(kSecret)});
    const QString problem = server_->start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    alice_ = server_->registerUser(QStringLiteral("alice"), QStringLiteral("Alice Liddell"));
    QVERIFY(alice_.ok());
}

void TestOfflineNotifications::cleanupTestCase() {
    if (server_) {
        reportServerOnFailure(*server_);
        NATTER_VERIFY_NO_PROBLEMS(server_->releaseClients());
    }
}

QList<QJsonObject> TestOfflineNotifications::summariesFor(const QString& userId) const {
    QList<QJsonObject> found;
    for (const WebhookPost& post : hook_.posts()) {
        const QJsonObject summary = QJsonDocument::fromJson(post.body).object();
        if (summary.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")) ==
            userId) {
            found.append(summary);
        }
    }
    return found;
}

ChatUser TestOfflineNotifications::offlineUser(const QString& stem) {
    ChatUser user = server_->registerUser(stem, stem.toUpper());
    if (user.ok()) {
        user.client->close();
        user.client->waitForDisconnected();
    }
    return user;
}

void TestOfflineNotifications::send(const ChatUser& from, const QString& toUserId,
                                    const QString& body) {
    const QJsonObject answer = from.client->call(
        spec::method::kMessagesSend,
        {{QStringLiteral("to_user_id"), toUserId},
         {QStringLiteral("client_message_id"), QStringLiteral("n%1").arg(++sent_)},
         {QStringLiteral("type"), QStringLiteral("text")},
         {QStringLiteral("body"), body}});
    QVERIFY2(answer.contains(QStringLiteral("result")), compactJson(answer).constData());
}

void TestOfflineNotifications::offlineRecipientGetsOneSignedSummaryWithoutText() {
    const ChatUser bob = offlineUser(QStringLiteral("bob"));
    QVERIFY2(bob.ok(), qPrintable(server_->logTail()));
    send(alice_, bob.userId, kPrivateText);
    send(alice_, bob.userId, QStringLiteral("and call me"));
    QTRY_COMPARE_WITH_TIMEOUT(summariesFor(bob.userId).size(), 1, kNotifyDelayMs + 8'000);
    waitPastDelay();
    QCOMPARE(summariesFor(bob.userId).size(), 1);  // one summary, not one per message

    const WebhookPost post = hook_.posts().constLast();
    QCOMPARE(post.path, kHookPath.toUtf8());
    QCOMPARE(post.headers.value("content-type"), QByteArrayLiteral("application/json"));
    const QByteArray expectedSignature =
        "sha256=" +
        QMessageAuthenticationCode::hash(post.body, kSecret, QCryptographicHash::Sha256).toHex();
    QCOMPARE(post.headers.value("x-natter-signature"), expectedSignature);
    QVERIFY2(!post.body.contains(kPrivateText.toUtf8()), "the message text left the server");

    const QJsonObject summary = summariesFor(bob.userId).constFirst();
    QCOMPARE(summary.value(QStringLiteral("type")).toString(), QStringLiteral("unread_messages"));
    QCOMPARE(summary.value(QStringLiteral("user")).toObject().value(QStringLiteral("username")),
             QJsonValue(bob.username));
    QCOMPARE(summary.value(QStringLiteral("unread")).toInt(), 2);
    const QJsonArray conversations = summary.value(QStringLiteral("conversations")).toArray();
    QCOMPARE(conversations.size(), 1);
    const QJsonObject chat = conversations.first().toObject();
    QCOMPARE(chat.value(QStringLiteral("name")).toString(), QStringLiteral("Alice Liddell"));
    QCOMPARE(chat.value(QStringLiteral("kind")).toString(), QStringLiteral("private"));
    QCOMPARE(chat.value(QStringLiteral("unread")).toInt(), 2);
    QCOMPARE(chat.value(QStringLiteral("last_sender")).toString(), QStringLiteral("Alice Liddell"));
    QCOMPARE(chat.value(QStringLiteral("request")), QJsonValue(true));  // Alice is new to Bob
    QVERIFY(chat.value(QStringLiteral("id")).toString().startsWith(QStringLiteral("c_")));
}

void TestOfflineNotifications::onlineRecipientGetsNone() {
    const ChatUser carol = server_->registerUser(QStringLiteral("carol"), QStringLiteral("Carol"));
    QVERIFY(carol.ok());
    send(alice_, carol.userId, QStringLiteral("are you there?"));
    waitPastDelay();
    QVERIFY(summariesFor(carol.userId).isEmpty());
}

void TestOfflineNotifications::recipientBackBeforeTheDelayGetsNone() {
    const ChatUser dave = offlineUser(QStringLiteral("dave"));
    QVERIFY(dave.ok());
    send(alice_, dave.userId, QStringLiteral("ping"));
    QVERIFY(server_->resume(dave.token));  // back well within the delay
    waitPastDelay();
    QVERIFY(summariesFor(dave.userId).isEmpty());
}

void TestOfflineNotifications::mutedConversationGetsNone() {
    const ChatUser erin = server_->registerUser(QStringLiteral("erin"), QStringLiteral("Erin"));
    QVERIFY(erin.ok());
    send(alice_, erin.userId, QStringLiteral("first"));
    QString error;
    const QString conversationId = startPrivateConversation(*alice_.client, erin.userId, &error);
    QVERIFY2(!conversationId.isEmpty(), qPrintable(error));
    const QJsonObject muted = erin.client->call(
        spec::method::kConversationsMute,
        {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("muted"), true}});
    QVERIFY2(muted.contains(QStringLiteral("result")), compactJson(muted).constData());
    erin.client->close();
    erin.client->waitForDisconnected();
    send(alice_, erin.userId, QStringLiteral("second"));
    waitPastDelay();
    QVERIFY(summariesFor(erin.userId).isEmpty());
}

QTEST_MAIN(TestOfflineNotifications)
#include "tst_offline_notifications.moc"

// A gateway that is briefly down gets the summary again after the notify delay (docs/protocol.md
// section 8), and only until it takes it.
void TestOfflineNotifications::failedWebhookIsTriedAgain() {
    const ChatUser dora = offlineUser(QStringLiteral("dora"));
    QVERIFY2(dora.ok(), qPrintable(server_->logTail()));
    hook_.failNext(1);
    send(alice_, dora.userId, QStringLiteral("knock knock"));
    QTRY_COMPARE_WITH_TIMEOUT(summariesFor(dora.userId).size(), 2, 2 * kNotifyDelayMs + 8'000);
    waitPastDelay();
    QCOMPARE(summariesFor(dora.userId).size(), 2);
    QCOMPARE(summariesFor(dora.userId).constFirst(), summariesFor(dora.userId).constLast());
}

// The summary waits in the database, not in the process: a restart before it falls due does not
// lose it, and it still comes once.
void TestOfflineNotifications::summaryWaitingAtARestartStillComes() {
    const ChatUser erin = offlineUser(QStringLiteral("erin"));
    QVERIFY2(erin.ok(), qPrintable(server_->logTail()));
    send(alice_, erin.userId, QStringLiteral("see you tomorrow"));
    QVERIFY(summariesFor(erin.userId).isEmpty());
    NATTER_VERIFY_NO_PROBLEMS(server_->releaseClients());
    QCOMPARE(server_->process().stop(), 0);
    const QString problem = server_->start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QTRY_COMPARE_WITH_TIMEOUT(summariesFor(erin.userId).size(), 1, kNotifyDelayMs + 8'000);
    waitPastDelay();
    QCOMPARE(summariesFor(erin.userId).size(), 1);
    QCOMPARE(summariesFor(erin.userId).constFirst().value(QStringLiteral("unread")).toInt(), 1);
}
