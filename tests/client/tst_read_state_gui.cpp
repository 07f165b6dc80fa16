// Unread badges, the window title count, "Seen" receipts, presence and "typing…" on the
// offscreen platform against the real natter-server, as Ann sees them while Bob writes.
// Screenshots go to $NATTER_TEST_ARTIFACTS.
#include <QLabel>
#include <QListView>
#include <QStandardPaths>
#include <QtTest>

#include "chat_test_support.h"
#include "core/profile.h"
#include "gui_test_support.h"
#include "models/conversation_list_model.h"
#include "models/message_list_model.h"
#include "protocol_limits.h"
#include "server_process.h"
#include "ui/composer.h"
#include "ui/conversation_view.h"
#include "ui/conversations_page.h"

using namespace natter;
using namespace natter::test;

class TestReadStateGui : public GuiServerTest {
    Q_OBJECT

private slots:
    void init() {
        bob_ = std::make_unique<ChatPeer>();
        QVERIFY(bob_->signUp(server_.url(), QStringLiteral("bob")));
        const QString annName = registerOnPhone(server_.url(), QStringLiteral("ann"));
        QVERIFY(!annName.isEmpty());
        QVERIFY(startSignedInApp(profile_, app_, server_.url(), annName));
        ann_ = app_->accountClient()->account()->user;
        page_ = app_->mainWindow()->conversationsPage();
        app_->mainWindow()->showConversationsPage();
    }

    void cleanup() {
        app_.reset();
        profile_.reset();
        bob_.reset();
    }

    // Unread messages show as a badge and in the title; opening the chat in the active window
    // reads them (on Bob's side too), while a chat open behind another window stays unread.
    void badgeAndTitleClearWhenTheChatIsRead() {
        const QString id = bobWrites({QStringLiteral("Are you there?"), QStringLiteral("Ann?")});
        QListView* list = page_->conversationList();
        const QModelIndex row = list->model()->index(0, 0);
        QTRY_COMPARE_WITH_TIMEOUT(row.data(ConversationListModel::UnreadCountRole).toInt(), 2,
                                  kServerWaitMs);
        QCOMPARE(app_->mainWindow()->windowTitle(), QStringLiteral("(2) Natter"));
        QTRY_COMPARE(row.data(ConversationListModel::PresenceRole).toInt(),
                     int(Presence::Status::Online));
        QVERIFY2(row.data(Qt::AccessibleTextRole)
                     .toString()
                     .contains(QStringLiteral("2 unread, online")),
                 qPrintable(row.data(Qt::AccessibleTextRole).toString()));
        saveScreenshot(app_->mainWindow(), QStringLiteral("read-state-unread-badge.png"));

        // Another window is in front: opening the chat does not count as reading it.
        QWidget other;
        other.resize(200, 100);
        other.show();
        other.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&other));
        list->setCurrentIndex(row);
        QTRY_COMPARE(page_->conversationView()->model()->rowCount(), 2);
        QTest::qWait(3 * ConversationView::kMarkReadDelayMs);
        QCOMPARE(app_->chatClient()->totalUnread(), 2);

        other.hide();
        app_->mainWindow()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(app_->mainWindow()));
        QTRY_COMPARE_WITH_TIMEOUT(app_->mainWindow()->windowTitle(), QStringLiteral("Natter"),
                                  kServerWaitMs);
        QCOMPARE(row.data(ConversationListModel::UnreadCountRole).toInt(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(bob_->chat.conversation(id)->readPositions.value(ann_.id), 2,
                                  kServerWaitMs);
        // A message arriving in the open, visible chat is read at once.
        bob_->chat.sendText(id, QStringLiteral("Good."));
        QTRY_COMPARE_WITH_TIMEOUT(bob_->chat.conversation(id)->readPositions.value(ann_.id), 3,
                                  kServerWaitMs);
        QCOMPARE(app_->mainWindow()->windowTitle(), QStringLiteral("Natter"));
        saveScreenshot(app_->mainWindow(), QStringLiteral("read-state-read.png"));
    }

    // Opened with more unread messages than fit: the newest are in view and a button leads
    // back to the first unread one.
    void jumpToTheFirstUnreadMessage() {
        QStringList texts;
        for (int i = 1; i <= 15; ++i) {
            texts << QStringLiteral("news %1").arg(i);
        }
        bobWrites(texts);
        QListView* list = page_->conversationList();
        QTRY_COMPARE_WITH_TIMEOUT(
            list->model()->index(0, 0).data(ConversationListModel::UnreadCountRole).toInt(), 15,
            kServerWaitMs);
        list->setCurrentIndex(list->model()->index(0, 0));
        ConversationView* view = page_->conversationView();
        auto* jump = child<QPushButton>(view, QStringLiteral("jumpToUnreadButton"));
        QTRY_VERIFY(jump->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(app_->mainWindow()->windowTitle(), QStringLiteral("Natter"),
                                  kServerWaitMs);
        saveScreenshot(app_->mainWindow(), QStringLiteral("read-state-jump-to-unread.png"));
        const QModelIndex first = view->model()->index(0, 0);
        QVERIFY(view->messageView()->visualRect(first).bottom() < 0);
        QTest::mouseClick(jump, Qt::LeftButton);
        QTRY_VERIFY(view->messageView()->visualRect(first).top() >= 0);
        QCOMPARE(first.data(MessageListModel::BodyRole).toString(), QStringLiteral("news 1"));
        QVERIFY(!jump->isVisible());
    }

    // My message says "Sent" until Bob has read it, then "Seen".
    void seenAppearsWhenTheOtherSideReads() {
        const QString id = openChatWithBob();
        ConversationView* view = page_->conversationView();
        typeAndPressEnter(view->composer()->editor(), QStringLiteral("Lunch at noon?"));
        const QModelIndex mine = view->model()->index(1, 0);
        QTRY_COMPARE_WITH_TIMEOUT(mine.data(MessageListModel::ReceiptTextRole).toString(),
                                  QStringLiteral("Sent"), kServerWaitMs);
        QVERIFY(bob_->waitForBodies(id, {QStringLiteral("hi"), QStringLiteral("Lunch at noon?")}));
        bob_->chat.markRead(id, 2);
        QTRY_COMPARE_WITH_TIMEOUT(mine.data(MessageListModel::ReceiptTextRole).toString(),
                                  QStringLiteral("Seen"), kServerWaitMs);
        // Bob's "hi" is on screen in the active window: no badge for the open chat.
        QTRY_COMPARE_WITH_TIMEOUT(app_->chatClient()->totalUnread(), 0, kServerWaitMs);
        saveScreenshot(app_->mainWindow(), QStringLiteral("read-state-seen.png"));
    }

    // In a group my message counts who has read it, and names them in its tooltip.
    void groupShowsSeenByCount() {
        ChatPeer cleo;
        QVERIFY(cleo.signUp(server_.url(), QStringLiteral("cleo")));
        bobWrites({QStringLiteral("hi")});  // so Ann can find Bob and Cleo's names resolve
        QSignalSpy created(app_->chatClient(), &ChatClient::groupCreated);
        app_->chatClient()->createGroup(QStringLiteral("Lunch"), {bob_->user.id, cleo.user.id},
                                        QStringLiteral("Noon at the usual place?"));
        QVERIFY(created.wait(kServerWaitMs));
        const QString id = created.first().first().value<Conversation>().id;
        page_->openConversation(id);
        ConversationView* view = page_->conversationView();
        QTRY_COMPARE(view->model()->rowCount(), 2);  // the group_created note and my message
        const QModelIndex mine = view->model()->index(1, 0);
        QTRY_COMPARE_WITH_TIMEOUT(mine.data(MessageListModel::ReceiptTextRole).toString(),
                                  QStringLiteral("Sent"), kServerWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(bob_->chat.conversation(id).has_value(), kServerWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(cleo.chat.conversation(id).has_value(), kServerWaitMs);
        bob_->chat.markRead(id, 2);
        QTRY_COMPARE_WITH_TIMEOUT(mine.data(MessageListModel::ReceiptTextRole).toString(),
                                  QStringLiteral("Seen by 1"), kServerWaitMs);
        cleo.chat.markRead(id, 2);
        QTRY_COMPARE_WITH_TIMEOUT(mine.data(MessageListModel::ReceiptTextRole).toString(),
                                  QStringLiteral("Seen by 2"), kServerWaitMs);
        QStringList names{bob_->user.displayName, cleo.user.displayName};
        names.sort(Qt::CaseInsensitive);
        QCOMPARE(mine.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Seen by ") + names.join(QStringLiteral(", ")));
        saveScreenshot(app_->mainWindow(), QStringLiteral("read-state-group-seen-by.png"));
    }

    // Bob typing shows under the header and goes when he stops; Ann typing reaches Bob and
    // ends when she clears the box.
    void typingShowsOnBothSides() {
        const QString id = openChatWithBob();
        auto* typing = child<QLabel>(page_->conversationView(), QStringLiteral("typingIndicator"));
        QVERIFY(typing->text().isEmpty());
        bob_->chat.noteTyping(id);
        QTRY_COMPARE_WITH_TIMEOUT(typing->text(),
                                  bob_->user.displayName + QStringLiteral(" is typing\u2026"),
                                  kServerWaitMs);
        saveScreenshot(app_->mainWindow(), QStringLiteral("read-state-typing.png"));
        bob_->chat.stopTyping(id);
        QTRY_VERIFY_WITH_TIMEOUT(typing->text().isEmpty(), kServerWaitMs);

        QPlainTextEdit* editor = page_->conversationView()->composer()->editor();
        editor->setFocus();
        QTest::keyClicks(editor, QStringLiteral("hm"));
        QTRY_COMPARE_WITH_TIMEOUT(bob_->chat.typingUsers(id), QStringList{ann_.id}, kServerWaitMs);
        editor->clear();
        QTRY_VERIFY_WITH_TIMEOUT(bob_->chat.typingUsers(id).isEmpty(), kServerWaitMs);
    }

    // The header says "online" while Bob is signed in and when he was last seen after.
    void headerShowsPresence() {
        openChatWithBob();
        auto* subtitle =
            child<QLabel>(page_->conversationView(), QStringLiteral("conversationMembers"));
        QTRY_COMPARE_WITH_TIMEOUT(subtitle->text(), QStringLiteral("online"), kServerWaitMs);
        bob_->account.logout();
        QTRY_VERIFY_WITH_TIMEOUT(subtitle->text().startsWith(QStringLiteral("last seen ")),
                                 limits::kPresenceOfflineGraceMs + 10'000);
        QCOMPARE(page_->conversationList()
                     ->model()
                     ->index(0, 0)
                     .data(ConversationListModel::PresenceRole)
                     .toInt(),
                 int(Presence::Status::Offline));
        saveScreenshot(app_->mainWindow(), QStringLiteral("read-state-last-seen.png"));
    }

private:
    // Bob writes to Ann; returns the conversation once Ann's list shows it.
    QString bobWrites(const QStringList& texts) {
        for (const QString& text : texts) {
            bob_->chat.sendTextToUser(ann_, text);
        }
        const QString id = bob_->waitForPrivateChatWith(ann_);
        if (!acceptChatRequest(*app_->chatClient(), bob_->user)) {
            return {};
        }
        if (!QTest::qWaitFor([&] { return page_->conversationList()->model()->rowCount() == 1; },
                             kServerWaitMs)) {
            return {};
        }
        return id;
    }

    QString openChatWithBob() {
        const QString id = bobWrites({QStringLiteral("hi")});
        page_->conversationList()->setCurrentIndex(page_->conversationList()->model()->index(0, 0));
        // Open in the active window: what is on screen counts as read.
        (void)QTest::qWaitFor(
            [&] {
                return page_->conversationView()->model()->rowCount() == 1 &&
                       app_->chatClient()->totalUnread() == 0;
            },
            kServerWaitMs);
        return id;
    }

    std::unique_ptr<ChatPeer> bob_;
    UserInfo ann_;
    std::unique_ptr<Profile> profile_;
    std::unique_ptr<AppController> app_;
    ConversationsPage* page_ = nullptr;
};

QTEST_MAIN(TestReadStateGui)
#include "tst_read_state_gui.moc"
