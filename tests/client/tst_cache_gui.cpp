// The app's start from the local cache, as a user sees it: signed in once with "keep me signed
// in", the app closed and the server gone, the next start shows the main window with the
// conversation and its messages at once, offline; once the server is back it catches up.
#include <QListView>
#include <QtTest>

#include "chat_test_support.h"
#include "core/profile.h"
#include "gui_test_support.h"
#include "models/conversation_list_model.h"
#include "models/message_list_model.h"
#include "ui/conversation_view.h"
#include "ui/conversations_page.h"

using namespace natter;
using namespace natter::test;

class TestCacheGui : public QObject {
    Q_OBJECT

public:
    static void initMain() { withoutSystemKeychain(); }

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(startOnFreePort(server_));
    }

    void restartOfflineShowsTheLastKnownConversations() {
        ChatPeer bob;
        QVERIFY(bob.signUp(server_->url(), QStringLiteral("bob")));
        const QString username = uniqueUsername(QStringLiteral("ann"));
        AccountClient registration;
        QVERIFY(registerAccount(registration, server_->url(), username, QStringLiteral("Phone")));
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        QString id;
        {
            AppController app(profile);
            QVERIFY(signInThroughWindow(app, server_->url(), username, /*keepToken=*/true));
            app.chatClient()->sendTextToUser(bob.user, QStringLiteral("see you at noon"));
            id = bob.waitForPrivateChatWith(registration.account()->user);
            QVERIFY(!id.isEmpty());
            QTRY_VERIFY_WITH_TIMEOUT(
                app.chatClient()->messages(id).size() == 1 &&
                    app.chatClient()->messages(id).first().delivery == Delivery::Sent,
                kServerWaitMs);
        }  // the app quits
        QCOMPARE(server_->stop(), 0);

        AppController app(profile);
        app.start();
        QTRY_VERIFY(app.mainWindow()->isVisible());  // only the saved token is awaited
        QVERIFY(!app.signInWindow()->isVisible());
        ConversationsPage* page = app.mainWindow()->conversationsPage();
        QCOMPARE(page->conversationList()->model()->rowCount(), 1);
        const QModelIndex row = page->conversationList()->model()->index(0, 0);
        QCOMPARE(row.data(ConversationListModel::NameRole).toString(), bob.user.displayName);
        QCOMPARE(row.data(ConversationListModel::PreviewRole).toString(),
                 QStringLiteral("You: see you at noon"));
        page->openConversation(id);
        MessageListModel* messages = page->conversationView()->model();
        QCOMPARE(messages->rowCount(), 1);
        QCOMPARE(messages->index(0).data(MessageListModel::BodyRole).toString(),
                 QStringLiteral("see you at noon"));
        QCOMPARE(app.accountClient()->linkState() == AccountClient::LinkState::Online, false);
        saveScreenshot(app.mainWindow(), QStringLiteral("cache-offline-start.png"));

        // Back online: Bob's answer from meanwhile arrives by itself.
        QVERIFY(server_->start());
        bob.chat.sendText(id, QStringLiteral("noon it is"));
        app.accountClient()->reconnectNow();
        QTRY_COMPARE_WITH_TIMEOUT(messages->rowCount(), 2, kServerWaitMs);
        QCOMPARE(messages->index(1).data(MessageListModel::BodyRole).toString(),
                 QStringLiteral("noon it is"));
    }

private:
    std::unique_ptr<ServerProcess> server_;
};

QTEST_MAIN(TestCacheGui)
#include "tst_cache_gui.moc"
