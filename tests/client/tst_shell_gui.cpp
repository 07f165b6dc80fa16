// The window's shell on the offscreen platform against the real natter-server: the sidebar
// header (own name, menu with Settings, Devices, Blocked people, Sign out; no tabs, no menu
// bar), the chat header, the keyboard (Ctrl+Tab / Ctrl+Shift+Tab and Alt+Down / Alt+Up between
// chats, Esc closing what is open, every header button reachable by Tab), the smallest window
// (no sideways scrolling in the list), and screenshots of the main window in light and dark,
// English and German ($NATTER_TEST_ARTIFACTS/shell-<theme>-<lang>.png).
#include <QAction>
#include <QDialog>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScrollBar>
#include <QTabWidget>
#include <QToolButton>
#include <QtTest>

#include "core/app_settings.h"
#include "core/translations.h"
#include "models/message_list_model.h"
#include "settings_test_support.h"
#include "ui/avatar.h"
#include "ui/composer.h"
#include "ui/conversation_view.h"
#include "ui/devices_page.h"
#include "ui/people_page.h"
#include "ui/sidebar_header.h"

using namespace natter;
using namespace natter::test;

class TestShellGui : public GuiServerTest {
    Q_OBJECT

private slots:
    void init() {
        if (annName_.isEmpty()) {
            QVERIFY(bob_.signUp(server_.url(), QStringLiteral("bob")));
            QVERIFY(cleo_.signUp(server_.url(), QStringLiteral("cleo")));
            QVERIFY(dan_.signUp(server_.url(), QStringLiteral("dan")));
            annName_ = registerOnPhone(server_.url(), QStringLiteral("ann"));
            QVERIFY(!annName_.isEmpty());
        }
        QVERIFY(startSignedInApp(profile_, app_, server_.url(), annName_));
        if (chats_.isEmpty()) {
            for (ChatPeer* peer : {&bob_, &cleo_, &dan_}) {
                chats_ << annStartsChatWith(*app_, *peer,
                                            QStringLiteral("Hello ") + peer->user.displayName);
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(page()->conversationList()->model()->rowCount(), 3,
                                  kServerWaitMs);
        window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window()));
    }

    void cleanup() {
        app_.reset();
        profile_.reset();
    }

    // Who is signed in is the sidebar's header; Devices and Blocked people open from its menu
    // (and from Settings) as dialogs that Esc closes.
    void sidebarHeaderAndMenu() {
        QVERIFY(window()->findChild<QTabWidget*>() == nullptr);
        QVERIFY(window()->findChild<QMenuBar*>() == nullptr);
        SidebarHeader* header = page()->sidebarHeader();
        QCOMPARE(child<QLabel>(header, QStringLiteral("ownNameLabel"))->text(),
                 app_->accountClient()->account()->user.displayName);
        QCOMPARE(
            child<AvatarWidget>(header, QStringLiteral("ownAvatar"))->initials(),
            ConversationListModel::initialsOf(app_->accountClient()->account()->user.displayName));
        QStringList menu;
        for (const QAction* action : header->menuButton()->menu()->actions()) {
            if (!action->isSeparator()) {
                menu << action->text();
            }
        }
        QCOMPARE(menu, QStringList(
                           {QStringLiteral("&Settings\u2026"), QStringLiteral("&Devices\u2026"),
                            QStringLiteral("&Blocked people\u2026"), QStringLiteral("Sign &out")}));

        header->devicesAction()->trigger();
        QVERIFY(QTest::qWaitForWindowActive(window()->devicesPage()->window()));
        QTest::keyClick(window()->devicesPage()->window(), Qt::Key_Escape);
        QTRY_VERIFY(!window()->devicesPage()->isVisible());

        header->blockedPeopleAction()->trigger();
        QVERIFY(QTest::qWaitForWindowActive(window()->peoplePage()->window()));
        QTest::keyClick(window()->peoplePage()->window(), Qt::Key_Escape);
        QTRY_VERIFY(!window()->peoplePage()->isVisible());

        SettingsDialog* settings = openSettingsWithKeyboard(*app_);
        QVERIFY(settings);
        QCOMPARE(child<QLineEdit>(settings, QStringLiteral("displayNameEdit"))->text(),
                 app_->accountClient()->account()->user.displayName);
        QTest::mouseClick(child<QPushButton>(settings, QStringLiteral("settingsDevicesButton")),
                          Qt::LeftButton);
        QTRY_VERIFY(!app_->settingsDialog());
        QTRY_VERIFY(window()->devicesPage()->isVisible());
        window()->showConversationsPage();
        QVERIFY(!window()->devicesPage()->isVisible());
    }

    // Sign out in the menu asks first, then signs this device out.
    void signOutFromTheMenu() {
        page()->sidebarHeader()->signOutAction()->trigger();
        QVERIFY(answerQuestion(window(), QStringLiteral("signOutConfirmDialog"),
                               QStringLiteral("confirmSignOutButton")));
        QTRY_VERIFY_WITH_TIMEOUT(!window()->isVisible(), kServerWaitMs);
        QVERIFY(app_->signInWindow()->isVisible());
    }

    // The chat header: avatar, name and presence, the details and ⋮ buttons as icons.
    void chatHeader() {
        page()->openConversation(chats_.at(0));
        ConversationView* view = page()->conversationView();
        QCOMPARE(child<QLabel>(view, QStringLiteral("conversationTitle"))->text(),
                 bob_.user.displayName);
        QCOMPARE(child<AvatarWidget>(view, QStringLiteral("conversationAvatar"))->initials(),
                 ConversationListModel::initialsOf(bob_.user.displayName));
        QTRY_COMPARE(child<QLabel>(view, QStringLiteral("conversationMembers"))->text(),
                     QStringLiteral("online"));
        auto* options = child<QToolButton>(view, QStringLiteral("conversationOptionsButton"));
        QVERIFY(options->isVisible() && options->text().isEmpty() && !options->icon().isNull());
        QVERIFY(options->menu()->findChild<QAction*>(QStringLiteral("muteAction")));
    }

    // Ctrl+Tab / Ctrl+Shift+Tab and Alt+Down / Alt+Up go through the list, wherever the focus
    // is (here: writing in the composer), and wrap round.
    void keyboardMovesBetweenChats() {
        QAbstractItemModel* list = page()->conversationList()->model();
        const auto rowId = [&](int row) {
            return list->index(row, 0).data(ConversationListModel::IdRole).toString();
        };
        page()->openConversation(rowId(0));
        QWidget* editor = page()->conversationView()->composer()->editor();
        editor->setFocus();
        QTRY_VERIFY(editor->hasFocus());
        QTest::keyClick(editor, Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(page()->conversationView()->key(), rowId(1));
        QTest::keyClick(editor, Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(page()->conversationView()->key(), rowId(2));
        QTest::keyClick(editor, Qt::Key_Tab, Qt::ControlModifier);  // wraps to the top
        QCOMPARE(page()->conversationView()->key(), rowId(0));
        QTest::keyClick(editor, Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(page()->conversationView()->key(), rowId(2));
        QTest::keyClick(editor, Qt::Key_Up, Qt::AltModifier);
        QCOMPARE(page()->conversationView()->key(), rowId(1));
    }

    // Esc in the filter clears it (the whole list is back), a second Esc leaves it; the header's
    // buttons all take keyboard focus.
    void escapeAndFocus() {
        auto* filter = child<QLineEdit>(page(), QStringLiteral("conversationFilterEdit"));
        QTest::keyClick(window(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(filter->hasFocus());
        QTest::keyClicks(filter, bob_.user.displayName);
        QTRY_COMPARE(page()->conversationList()->model()->rowCount(), 1);
        QTest::keyClick(filter, Qt::Key_Escape);
        QVERIFY(filter->text().isEmpty());
        QCOMPARE(page()->conversationList()->model()->rowCount(), 3);
        QTest::keyClick(filter, Qt::Key_Escape);
        QVERIFY(page()->conversationList()->hasFocus());
        SidebarHeader* header = page()->sidebarHeader();
        for (QWidget* button : {static_cast<QWidget*>(header->menuButton()),
                                static_cast<QWidget*>(header->newChatButton())}) {
            QVERIFY(button->focusPolicy() & Qt::TabFocus);
            button->setFocus(Qt::TabFocusReason);
            QTRY_VERIFY(button->hasFocus());
        }
    }

    // At its smallest the window shows the chat alone (single-pane mode), and back in the list
    // never scrolls it sideways, however long the names and previews are.
    void smallestWindow() {
        window()->resize(window()->minimumSize());
        page()->openConversation(chats_.at(0));
        QTRY_COMPARE(window()->size(), window()->minimumSize());
        QVERIFY(page()->showsChatAlone());
        // The chat's history arrives after it opens: the picture should show it.
        QTRY_VERIFY(page()->conversationView()->model()->rowCount() >= 1);
        saveScreenshot(window(), QStringLiteral("shell-smallest.png"));
        page()->showList();
        QListView* list = page()->conversationList();
        QTRY_VERIFY(list->isVisible());
        QVERIFY(list->width() >= ConversationsPage::kSidebarMinWidth - 1);
        QVERIFY(!list->horizontalScrollBar()->isVisible());
        saveScreenshot(window(), QStringLiteral("shell-smallest-list.png"));
    }

    void screenshots_data() {
        QTest::addColumn<AppSettings::Theme>("theme");
        QTest::addColumn<bool>("german");
        QTest::newRow("light-en") << AppSettings::Theme::Light << false;
        QTest::newRow("dark-en") << AppSettings::Theme::Dark << false;
        QTest::newRow("light-de") << AppSettings::Theme::Light << true;
        QTest::newRow("dark-de") << AppSettings::Theme::Dark << true;
    }

    // Last: German is installed for the windows made after it.
    void screenshots() {
        QFETCH(AppSettings::Theme, theme);
        QFETCH(bool, german);
        if (german) {
            QVERIFY(installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)));
            QVERIFY(startSignedInApp(profile_, app_, server_.url(), annName_));
            QTRY_COMPARE_WITH_TIMEOUT(page()->conversationList()->model()->rowCount(), 3,
                                      kServerWaitMs);
            QCOMPARE(page()->sidebarHeader()->newChatButton()->toolTip(),
                     QStringLiteral("Neuer Chat"));
        }
        app_->appSettings()->setTheme(theme);
        page()->openConversation(chats_.at(0));
        QTRY_VERIFY(page()->conversationView()->model()->rowCount() >= 1);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        saveScreenshot(window(), QStringLiteral("shell-%1.png").arg(tag));
        QToolButton* button = page()->sidebarHeader()->menuButton();
        QMenu* menu = button->menu();
        menu->popup(button->mapToGlobal(QPoint(0, button->height())));  // as a click opens it
        QTRY_VERIFY(menu->isVisible());
        saveScreenshot(menu, QStringLiteral("shell-menu-%1.png").arg(tag));
        menu->close();
    }

private:
    MainWindow* window() { return app_->mainWindow(); }
    ConversationsPage* page() { return window()->conversationsPage(); }

    ChatPeer bob_;
    ChatPeer cleo_;
    ChatPeer dan_;
    QString annName_;
    QStringList chats_;
    std::unique_ptr<Profile> profile_;
    std::unique_ptr<AppController> app_;
};

QTEST_MAIN(TestShellGui)
#include "tst_shell_gui.moc"
