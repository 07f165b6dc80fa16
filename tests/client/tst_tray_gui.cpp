// Close to tray (issue 11) against the real server. The offscreen platform has no system tray, so
// the suite assumes one (TrayNotifier::assumeSystemTray) the way a desktop with a tray reports it:
// closing the window hides it, messages still arrive (the unread count rises), a one-time notice
// says where the window went, Show Natter brings it back and Quit Natter takes the quit path.
// With the setting off, closing takes the quit path as without a tray.
#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QtTest>

#include "chat_test_support.h"
#include "core/app_settings.h"
#include "core/translations.h"
#include "gui_test_support.h"
#include "ui/tray_notifier.h"

using namespace natter;
using namespace natter::test;

class TestTrayGui : public GuiServerTest {
    Q_OBJECT

public:
    static void initMain() {
        GuiServerTest::initMain();
        TrayNotifier::assumeSystemTray(true);
    }

private:
    std::unique_ptr<Profile> profile_;
    std::unique_ptr<AppController> app_;

    QAction* trayAction(const QString& name) const {
        QMenu* menu = app_->mainWindow()->trayNotifier()->menu();
        return menu ? child<QAction>(menu, name) : nullptr;
    }

private slots:
    void init() {
        const QString username = registerOnPhone(server_.url(), QStringLiteral("tray"));
        QVERIFY(!username.isEmpty());
        QVERIFY(startSignedInApp(profile_, app_, server_.url(), username));
    }

    void cleanup() {
        app_.reset();
        profile_.reset();
    }

    void closingHidesToTrayAndMessagesStillArrive() {
        MainWindow* window = app_->mainWindow();
        TrayNotifier* tray = window->trayNotifier();
        QVERIFY(tray->isAvailable());
        QSignalSpy notices(tray, &TrayNotifier::trayNoticePosted);
        QSignalSpy quits(window, &MainWindow::quitRequested);

        QVERIFY(window->close() == false);  // refused: it hides instead
        QVERIFY(!window->isVisible());
        QCOMPARE(notices.count(), 1);
        QVERIFY(notices.at(0).at(1).toString().contains(QStringLiteral("Quit Natter")));

        ChatPeer bob;
        QVERIFY(bob.signUp(server_.url(), QStringLiteral("bob")));
        QCOMPARE(app_->chatClient()->totalUnread(), 0);
        bob.chat.sendTextToUser(app_->accountClient()->account()->user, QStringLiteral("ping"));
        QTRY_COMPARE_WITH_TIMEOUT(app_->chatClient()->totalUnread(), 1, kServerWaitMs);
        QCOMPARE(window->windowTitle(), MainWindow::titleFor(1));

        QAction* show = trayAction(QStringLiteral("trayShowAction"));
        QVERIFY(show);
        show->trigger();
        QTRY_VERIFY(window->isVisible());

        window->close();  // again: hidden, and no second notice
        QVERIFY(!window->isVisible());
        QCOMPARE(notices.count(), 1);
        QCOMPARE(quits.count(), 0);

        QAction* quit = trayAction(QStringLiteral("trayQuitAction"));
        QVERIFY(quit);
        quit->trigger();
        QCOMPARE(quits.count(), 1);
    }

    void withTheSettingOffClosingQuits() {
        app_->appSettings()->setCloseToTray(false);
        MainWindow* window = app_->mainWindow();
        QSignalSpy quits(window, &MainWindow::quitRequested);
        QVERIFY(window->close());
        QVERIFY(!window->isVisible());
        QCOMPARE(quits.count(), 1);
    }

    // A language switch makes the main window anew: Quit must still end the app from the new one.
    void quitStillEndsTheAppAfterALanguageSwitch() {
        app_->appSettings()->setCloseToTray(false);
        QPointer<MainWindow> old = app_->mainWindow();
        app_->appSettings()->setLanguage(UiLanguage::German);
        QTRY_VERIFY(!old);
        QSignalSpy quits(app_.get(), &AppController::quitRequested);
        QVERIFY(app_->mainWindow()->close());
        QCOMPARE(quits.count(), 1);
        app_->appSettings()->setLanguage(UiLanguage::English);
    }
};

QTEST_MAIN(TestTrayGui)
#include "tst_tray_gui.moc"
