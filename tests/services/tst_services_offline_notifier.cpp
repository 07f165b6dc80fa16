// OfflineNotifier in-process (docs/protocol.md section 8), as MessageService's delivery observer:
// the notify delay is measured on the manual clock, so nothing is posted however long the test
// runs until the clock is moved past it; then one signed summary per offline user reaches a real
// HTTP receiver on 127.0.0.1. The only real waits are the notifier's check interval (50 ms with
// this delay) and the loopback HTTP request.
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QtTest>

#include "notify/offline_notifier.h"
#include "service_harness.h"
#include "webhook_receiver.h"

using namespace natter;
using namespace natter::test;

namespace {

constexpr int kDelayMs = 200;          // the notifier checks every kDelayMs / 4 = 50 ms
constexpr int kQuietTicksMs = 3 * 50;  // long enough for several checks
constexpr int kPostWaitMs = 5'000;
const QByteArray kSecret = QByteArrayLiteral("hook-secret");
const QString kSecretText = QStringLiteral("the secret text");

}  // namespace

class TestServicesOfflineNotifier : public ServiceTest {
    Q_OBJECT

private:
    WebhookReceiver hook_;
    std::unique_ptr<OfflineNotifier> notifier_;
    std::unique_ptr<MessageService> messages_;

    // The posts about the user so far.
    QList<WebhookPost> postsFor(const TestUser& user) const {
        QList<WebhookPost> found;
        for (const WebhookPost& post : hook_.posts()) {
            const QJsonObject body = QJsonDocument::fromJson(post.body).object();
            if (body.value(QStringLiteral("user")).toObject().value(QStringLiteral("id")) ==
                user.publicId()) {
                found.append(post);
            }
        }
        return found;
    }
    QList<QJsonObject> summariesFor(const TestUser& user) const {
        QList<QJsonObject> summaries;
        for (const WebhookPost& post : postsFor(user)) {
            summaries.append(QJsonDocument::fromJson(post.body).object());
        }
        return summaries;
    }
    Answer send(const TestUser& from, const SendRequest& request) {
        return ask(from, [&](const ReplyRef& r) { messages_->send(from.identity, request, r); });
    }

private slots:
    void initTestCase() { QVERIFY(hook_.listen()); }
    // The notifier observes this test's world.
    void init() {
        ServiceTest::init();
        notifier_ = std::make_unique<OfflineNotifier>(
            OfflineNotifierSettings{hook_.url(QStringLiteral("/hook")), kSecret, kDelayMs},
            world().ports);
        messages_ =
            std::make_unique<MessageService>(world().ports, world().spamGuard, notifier_.get());
    }
    void cleanup() {
        messages_.reset();
        notifier_.reset();
        ServiceTest::cleanup();
    }

    void offlineRecipientGetsOneSignedSummaryWithoutText();
    void onlineReturningAndMutedRecipientsGetNone();
};

void TestServicesOfflineNotifier::offlineRecipientGetsOneSignedSummaryWithoutText() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser bob = w.offlineUser(QStringLiteral("bob"));
    const qint64 since = w.clock.nowMs();
    const QString chat =
        conversationOf(*send(alice, toUser(bob, QStringLiteral("m1"), kSecretText)));
    QVERIFY(send(alice, inConversation(chat, QStringLiteral("m2"), kSecretText))->isOk());

    // However long the notifier runs, the clock has not reached the delay.
    QTest::qWait(kQuietTicksMs);
    QVERIFY(summariesFor(bob).isEmpty());
    w.clock.advance(kDelayMs);
    QTRY_COMPARE_WITH_TIMEOUT(summariesFor(bob).size(), 1, kPostWaitMs);

    const WebhookPost post = postsFor(bob).first();
    QCOMPARE(post.path, QByteArrayLiteral("/hook"));
    QCOMPARE(post.headers.value("x-natter-signature"),
             QByteArrayLiteral("sha256=") +
                 QMessageAuthenticationCode::hash(post.body, kSecret, QCryptographicHash::Sha256)
                     .toHex());
    QVERIFY(!post.body.contains(kSecretText.toUtf8()));
    const QJsonObject summary = summariesFor(bob).first();
    QCOMPARE(summary.value(QStringLiteral("type")).toString(), QStringLiteral("unread_messages"));
    QCOMPARE(summary.value(QStringLiteral("unread")).toInt(), 2);
    QCOMPARE(summary.value(QStringLiteral("since")).toInteger(), since);
    const QJsonArray conversations = summary.value(QStringLiteral("conversations")).toArray();
    QCOMPARE(conversations.size(), 1);
    const QJsonObject entry = conversations.first().toObject();
    QCOMPARE(entry.value(QStringLiteral("id")).toString(), chat);
    QCOMPARE(entry.value(QStringLiteral("name")).toString(), QStringLiteral("ALICE"));
    QCOMPARE(entry.value(QStringLiteral("last_sender")).toString(), QStringLiteral("ALICE"));
    QCOMPARE(entry.value(QStringLiteral("request")).toBool(), true);
    // The sender is online and told nothing; a summary is sent once.
    QTest::qWait(kQuietTicksMs);
    QCOMPARE(summariesFor(bob).size(), 1);
    QVERIFY(summariesFor(alice).isEmpty());
}

void TestServicesOfflineNotifier::onlineReturningAndMutedRecipientsGetNone() {
    ServiceWorld& w = world();
    const TestUser alice = w.user(QStringLiteral("alice"));
    const TestUser online = w.user(QStringLiteral("online"));
    const TestUser returning = w.offlineUser(QStringLiteral("returning"));
    const TestUser muting = w.offlineUser(QStringLiteral("muting"));
    const TestUser away = w.offlineUser(QStringLiteral("away"));
    // Muting's conversation exists, and is muted, before the message that would notify.
    const QString mutedChat = conversationOf(*w.send(alice, toUser(muting, QStringLiteral("x"))));
    QVERIFY(ask(muting, [&](const ReplyRef& r) {
                w.readState.setMuted(muting.identity, mutedChat, true, r);
            })->isOk());

    for (const TestUser& to : {online, returning, away}) {
        QVERIFY(send(alice, toUser(to, QStringLiteral("to-") + to.publicId()))->isOk());
    }
    QVERIFY(send(alice, inConversation(mutedChat, QStringLiteral("muted")))->isOk());
    w.connect(returning.identity);  // back before the delay
    w.clock.advance(kDelayMs);

    // `away` is the control: once it is told, the others were checked in the same pass.
    QTRY_COMPARE_WITH_TIMEOUT(summariesFor(away).size(), 1, kPostWaitMs);
    QTest::qWait(kQuietTicksMs);
    for (const TestUser& user : {alice, online, returning, muting}) {
        QVERIFY2(summariesFor(user).isEmpty(), qPrintable(user.publicId()));
    }
    QCOMPARE(summariesFor(away).size(), 1);
}

QTEST_GUILESS_MAIN(TestServicesOfflineNotifier)
#include "tst_services_offline_notifier.moc"
