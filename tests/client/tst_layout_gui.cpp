// The window's layout at different widths, on the offscreen platform against the real
// natter-server: below ConversationsPage::kSinglePaneBelowWidth the page shows the list or the
// open chat, not both (← in the chat header, Esc and Alt+Left go back to the list); widening
// brings the two panes back with the same chat selected; in a wide window the messages and the
// composer stay in a centred column at most ConversationView::kMessageColumnMaxWidth wide.
// Screenshots: $NATTER_TEST_ARTIFACTS/layout-<screen>-<theme>.png.
#include <QListView>
#include <QPlainTextEdit>
#include <QToolButton>
#include <QtTest>

#include "core/app_settings.h"
#include "models/message_list_model.h"
#include "settings_test_support.h"
#include "ui/composer.h"
#include "ui/conversation_view.h"
#include "ui/message_actions.h"

using namespace natter;
using namespace natter::test;

class TestLayoutGui : public GuiServerTest {
    Q_OBJECT

private slots:
    void init() {
        if (annName_.isEmpty()) {
            QVERIFY(bob_.signUp(server_.url(), QStringLiteral("bob")));
            QVERIFY(cleo_.signUp(server_.url(), QStringLiteral("cleo")));
            annName_ = registerOnPhone(server_.url(), QStringLiteral("ann"));
            QVERIFY(!annName_.isEmpty());
        }
        QVERIFY(startSignedInApp(profile_, app_, server_.url(), annName_));
        if (chats_.isEmpty()) {
            chats_ << annStartsChatWith(*app_, bob_, QStringLiteral("Are we still on for Friday?"));
            chats_ << annStartsChatWith(*app_, cleo_, QStringLiteral("Hi Cleo"));
            bob_.chat.sendText(chats_.at(0), QStringLiteral("Yes! Shall I bring the board games? "
                                                            "And snacks, obviously, lots of them, "
                                                            "enough for everybody who comes."));
        }
        QTRY_COMPARE_WITH_TIMEOUT(page()->conversationList()->model()->rowCount(), 2,
                                  kServerWaitMs);
        window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window()));
    }

    void cleanup() {
        app_.reset();
        profile_.reset();
    }

    void themes_data() {
        QTest::addColumn<AppSettings::Theme>("theme");
        QTest::newRow("light") << AppSettings::Theme::Light;
        QTest::newRow("dark") << AppSettings::Theme::Dark;
    }

    // Narrow: the list alone, a click opens the chat alone with ←; ←, Esc and Alt+Left go back.
    void narrowShowsOnePane_data() { themes_data(); }
    void narrowShowsOnePane() {
        QFETCH(AppSettings::Theme, theme);
        app_->appSettings()->setTheme(theme);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        window()->resize(MainWindow::kMinimumWidth, 640);
        QTRY_VERIFY(page()->isSinglePane());
        QVERIFY(window()->minimumWidth() < ConversationsPage::kSinglePaneBelowWidth);
        QVERIFY(list()->isVisible());
        QVERIFY(!view()->isVisible());
        saveScreenshot(window(), QStringLiteral("layout-narrow-list-%1.png").arg(tag));

        clickRowOf(chats_.at(0));
        QTRY_VERIFY(view()->isVisible());
        QVERIFY(!list()->isVisible());
        QCOMPARE(view()->key(), chats_.at(0));
        QToolButton* back = child<QToolButton>(view(), QStringLiteral("backToListButton"));
        QVERIFY(back->isVisible());
        QTRY_VERIFY(view()->model()->rowCount() >= 2);
        saveScreenshot(window(), QStringLiteral("layout-narrow-chat-%1.png").arg(tag));

        QTest::mouseClick(back, Qt::LeftButton);
        QTRY_VERIFY(list()->isVisible());
        QVERIFY(!view()->isVisible());
        QCOMPARE(selectedId(), chats_.at(0));  // the chat stays selected in the list

        QTest::keyClick(list(), Qt::Key_Return);  // Enter on the selected row opens it again
        QTRY_VERIFY(view()->isVisible());
        QTRY_VERIFY(view()->composer()->editor()->hasFocus());
        QTest::keyClick(view()->composer()->editor(), Qt::Key_Escape);
        QTRY_VERIFY(list()->isVisible());

        clickRowOf(chats_.at(1));
        QTRY_VERIFY(view()->isVisible());
        QTest::keyClick(window(), Qt::Key_Left, Qt::AltModifier);
        QTRY_VERIFY(list()->isVisible());
        QVERIFY(!page()->showsChatAlone());
        QCOMPARE(selectedId(), chats_.at(1));
    }

    // Esc with a reply being written cancels the reply; the chat stays open.
    void narrowEscapeCancelsReplyFirst() {
        window()->resize(MainWindow::kMinimumWidth, 640);
        QTRY_VERIFY(page()->isSinglePane());
        clickRowOf(chats_.at(0));
        QTRY_VERIFY(view()->model()->rowCount() >= 2);
        MessageActions* bar = view()->messageActions();
        bar->startReply(view()->model()->index(1, 0));
        QTRY_VERIFY(bar->isVisible());
        QTest::keyClick(view()->composer()->editor(), Qt::Key_Escape);
        QTRY_VERIFY(!bar->isVisible());
        QVERIFY(view()->isVisible());
        QTest::keyClick(view()->composer()->editor(), Qt::Key_Escape);
        QTRY_VERIFY(list()->isVisible());
    }

    // Widening restores both panes with the same chat selected; the message column is capped
    // and centred in a very wide window, the composer with it.
    void wideRestoresTwoPanesAndCapsColumn_data() { themes_data(); }
    void wideRestoresTwoPanesAndCapsColumn() {
        QFETCH(AppSettings::Theme, theme);
        app_->appSettings()->setTheme(theme);
        window()->resize(MainWindow::kMinimumWidth, 640);
        QTRY_VERIFY(page()->isSinglePane());
        clickRowOf(chats_.at(0));
        QTRY_VERIFY(view()->isVisible());

        window()->resize(1920, 900);
        QTRY_VERIFY(!page()->isSinglePane());
        QVERIFY(list()->isVisible());
        QVERIFY(view()->isVisible());
        QCOMPARE(selectedId(), chats_.at(0));
        QCOMPARE(view()->key(), chats_.at(0));
        QVERIFY(!child<QToolButton>(view(), QStringLiteral("backToListButton"))->isVisible());
        QTRY_VERIFY(view()->model()->rowCount() >= 2);

        QListView* messages = view()->messageView();
        QCOMPARE(messages->width(), ConversationView::kMessageColumnMaxWidth);
        QCOMPARE(view()->composer()->width(), ConversationView::kMessageColumnMaxWidth);
        const QPoint left = messages->mapTo(view(), QPoint(0, 0));
        const int rightGap = view()->width() - (left.x() + messages->width());
        QVERIFY2(qAbs(left.x() - rightGap) <= 2,
                 qPrintable(QStringLiteral("left %1 right %2").arg(left.x()).arg(rightGap)));
        saveScreenshot(
            window(),
            QStringLiteral("layout-wide-%1.png").arg(QString::fromLatin1(QTest::currentDataTag())));

        window()->resize(900, 640);  // narrower than the cap: the column takes the whole view
        QTRY_VERIFY(messages->width() < ConversationView::kMessageColumnMaxWidth);
        QVERIFY(messages->width() > view()->width() - 40);
    }

private:
    MainWindow* window() { return app_->mainWindow(); }
    ConversationsPage* page() { return window()->conversationsPage(); }
    ConversationView* view() { return page()->conversationView(); }
    QListView* list() { return page()->conversationList(); }

    QString selectedId() {
        const QModelIndexList selected = list()->selectionModel()->selectedIndexes();
        return selected.size() == 1
                   ? selected.first().data(ConversationListModel::IdRole).toString()
                   : QString();
    }

    void clickRowOf(const QString& id) {
        QAbstractItemModel* model = list()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(ConversationListModel::IdRole).toString() == id) {
                QTest::mouseClick(list()->viewport(), Qt::LeftButton, {},
                                  list()->visualRect(index).center());
                return;
            }
        }
        QFAIL("no such row");
    }

    ChatPeer bob_;
    ChatPeer cleo_;
    QString annName_;
    QStringList chats_;
    std::unique_ptr<Profile> profile_;
    std::unique_ptr<AppController> app_;
};

QTEST_MAIN(TestLayoutGui)
#include "tst_layout_gui.moc"
