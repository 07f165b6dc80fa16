// The "New messages" divider on the offscreen platform against the real natter-server: above the
// first message that was unread when Ann opened the chat, still there after the chat was marked
// read and while more arrives, and gone when she comes back to the read chat; and above what
// arrived while her window was in the background with the chat open.
#include <QListView>
#include <QtTest>

#include "core/profile.h"
#include "models/message_list_model.h"
#include "server_process.h"
#include "settings_test_support.h"
#include "ui/conversation_view.h"

using namespace natter;
using namespace natter::test;

class TestNewMessagesGui : public GuiServerTest {
    Q_OBJECT

private slots:
    void dividerStaysWhereItWasUntilTheChatIsOpenedAgain() {
        ChatPeer bob;
        ChatPeer cleo;
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bob")));
        QVERIFY(cleo.signUp(server_.url(), QStringLiteral("cleo")));
        startAnnInTheActiveWindow();
        AppController& app = *app_;

        const QString bobChat = annStartsChatWith(app, bob, QStringLiteral("Hello Bob"));
        const QString cleoChat = annStartsChatWith(app, cleo, QStringLiteral("Hello Cleo"));
        QVERIFY(openInList(page_, cleoChat));
        bob.chat.sendText(bobChat, QStringLiteral("old news"));
        bob.chat.sendText(bobChat, QStringLiteral("new one"));
        bob.chat.sendText(bobChat, QStringLiteral("new two"));
        QTRY_COMPARE_WITH_TIMEOUT(app.chatClient()->conversation(bobChat)->unreadCount, 3,
                                  kServerWaitMs);
        // "old news" was read on Ann's phone: the next two are what is new here.
        app.chatClient()->markRead(bobChat, 2);
        QTRY_COMPARE_WITH_TIMEOUT(app.chatClient()->conversation(bobChat)->unreadCount, 2,
                                  kServerWaitMs);

        QVERIFY(openInList(page_, bobChat));
        QTRY_COMPARE(view_->model()->rowCount(), 4);
        QCOMPARE(dividerRows(), QList<int>{2});
        QCOMPARE(body(2), QStringLiteral("new one"));
        QVERIFY(isTallerThanItsTwin(2, 3));  // the divider is painted in the row, above the bubble
        saveScreenshot(app.mainWindow(), QStringLiteral("new-messages-divider.png"));

        // The open chat in the active window is read; the divider does not move.
        QTRY_COMPARE_WITH_TIMEOUT(
            bob.chat.conversation(bobChat)->readPositions.value(app.chatClient()->myUserId()), 4,
            kServerWaitMs);
        // Bob's receipt and Ann's own answer travel on different connections: wait for hers too.
        QTRY_COMPARE_WITH_TIMEOUT(app.chatClient()->totalUnread(), 0, kServerWaitMs);
        QCOMPARE(dividerRows(), QList<int>{2});
        QVERIFY(isTallerThanItsTwin(2, 3));
        bob.chat.sendText(bobChat, QStringLiteral("and more"));
        QTRY_COMPARE_WITH_TIMEOUT(view_->model()->rowCount(), 5, kServerWaitMs);
        QCOMPARE(dividerRows(), QList<int>{2});
        saveScreenshot(app.mainWindow(), QStringLiteral("new-messages-divider-after-read.png"));

        // Away and back: everything was read, so nothing is marked new.
        QTRY_COMPARE_WITH_TIMEOUT(app.chatClient()->totalUnread(), 0, kServerWaitMs);
        QVERIFY(openInList(page_, cleoChat));
        QTRY_COMPARE(view_->key(), cleoChat);
        QVERIFY(openInList(page_, bobChat));
        QTRY_COMPARE(view_->model()->rowCount(), 5);
        QCOMPARE(dividerRows(), QList<int>{});
        QVERIFY(!isTallerThanItsTwin(2, 3));
    }

    // Issue 11, bug 9: with the chat open but the window in the background, what arrives stays
    // unread; once the window is active again it is read, under a "New messages" divider.
    void arrivalsInTheBackgroundAreMarkedNew() {
        ChatPeer bob;
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bob")));
        startAnnInTheActiveWindow();
        AppController& app = *app_;
        const QString bobChat = annStartsChatWith(app, bob, QStringLiteral("Hello Bob"));
        QVERIFY(openInList(page_, bobChat));
        bob.chat.sendText(bobChat, QStringLiteral("seen at once"));
        const QString ann = app.chatClient()->myUserId();
        QTRY_COMPARE_WITH_TIMEOUT(bob.chat.conversation(bobChat)->readPositions.value(ann), 2,
                                  kServerWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(app.chatClient()->totalUnread(), 0, kServerWaitMs);
        QCOMPARE(dividerRows(), QList<int>{});

        QWidget elsewhere;  // another window takes the focus
        elsewhere.show();
        elsewhere.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&elsewhere));
        bob.chat.sendText(bobChat, QStringLiteral("while you were away"));
        bob.chat.sendText(bobChat, QStringLiteral("and this"));
        QTRY_COMPARE_WITH_TIMEOUT(view_->model()->rowCount(), 4, kServerWaitMs);
        QTest::qWait(2 * ConversationView::kMarkReadDelayMs);  // the view would have marked by now
        QCOMPARE(app.chatClient()->conversation(bobChat)->unreadCount, 2);
        QCOMPARE(bob.chat.conversation(bobChat)->readPositions.value(ann), 2);

        app.mainWindow()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(app.mainWindow()));
        QTRY_COMPARE_WITH_TIMEOUT(bob.chat.conversation(bobChat)->readPositions.value(ann), 4,
                                  kServerWaitMs);
        QCOMPARE(dividerRows(), QList<int>{2});
        QCOMPARE(body(2), QStringLiteral("while you were away"));
        QVERIFY(isTallerThanItsTwin(2, 3));
        saveScreenshot(app.mainWindow(), QStringLiteral("new-messages-while-away.png"));
    }

    void cleanup() {
        app_.reset();  // before the profile it uses
        profile_.reset();
    }

private:
    // Ann signs in on a second device; her main window is the active one.
    void startAnnInTheActiveWindow() {
        const QString annName = registerOnPhone(server_.url(), QStringLiteral("ann"));
        QVERIFY(!annName.isEmpty());
        QVERIFY(startSignedInApp(profile_, app_, server_.url(), annName));
        page_ = app_->mainWindow()->conversationsPage();
        view_ = page_->conversationView();
        app_->mainWindow()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(app_->mainWindow()));
    }

    QList<int> dividerRows() const {
        QList<int> rows;
        for (int row = 0; row < view_->model()->rowCount(); ++row) {
            if (view_->model()->index(row, 0).data(MessageListModel::NewMessagesRole).toBool()) {
                rows << row;
            }
        }
        return rows;
    }

    QString body(int row) const {
        return view_->model()->index(row, 0).data(MessageListModel::BodyRole).toString();
    }

    // Rows `row` and `twin` hold messages of the same size from the same sender.
    bool isTallerThanItsTwin(int row, int twin) const {
        view_->messageView()->doItemsLayout();
        const QModelIndex index = view_->model()->index(row, 0);
        const QModelIndex other = view_->model()->index(twin, 0);
        return view_->messageView()->visualRect(index).height() >
               view_->messageView()->visualRect(other).height();
    }

    std::unique_ptr<Profile> profile_;
    std::unique_ptr<AppController> app_;
    ConversationsPage* page_ = nullptr;
    ConversationView* view_ = nullptr;
};

QTEST_MAIN(TestNewMessagesGui)
#include "tst_new_messages_gui.moc"
