// The Settings dialog on the offscreen platform against the real natter-server, driven by
// keyboard: the theme applies to the open windows at once and is kept for the profile, the
// language choice is honoured at the next start, and desktop notifications follow the user's
// choices (off, or without the message text).
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

#include "core/app_settings.h"
#include "core/profile.h"
#include "core/translations.h"
#include "server_process.h"
#include "settings_test_support.h"
#include "ui/conversation_view.h"
#include "ui/sign_in_window.h"
#include "ui/theme.h"
#include "ui/tray_notifier.h"

using namespace natter;
using namespace natter::test;

class TestSettingsGui : public GuiServerTest {
    Q_OBJECT

private slots:
    void init() {
        bob_ = std::make_unique<ChatPeer>();
        QVERIFY(bob_->signUp(server_.url(), QStringLiteral("bob")));
        annName_ = registerOnPhone(server_.url(), QStringLiteral("ann"));
        QVERIFY(!annName_.isEmpty());
        QVERIFY(startSignedInApp(profile_, app_, server_.url(), annName_));
    }

    void cleanup() {
        app_.reset();
        profile_.reset();
        bob_.reset();
    }

    // Dark and light repaint what is open at once, error text keeps its contrast, and the choice
    // is the profile's: the next start comes up in it.
    void themeAppliesLiveAndIsKeptForTheProfile() {
        const QString id = annStartsChatWith(*app_, *bob_, QStringLiteral("hi"));
        QVERIFY(openInList(app_->mainWindow()->conversationsPage(), id));
        QWidget* messages = app_->mainWindow()->conversationsPage()->conversationView();
        auto* error = child<QLabel>(messages, QStringLiteral("composerError"));
        QVERIFY(windowLightness() > 200);  // System: Fusion's light default on offscreen

        SettingsDialog* dialog = openSettingsWithKeyboard(*app_);
        QVERIFY(dialog);
        auto* theme = child<QComboBox>(dialog, QStringLiteral("themeCombo"));
        QTRY_VERIFY(theme->hasFocus());
        QCOMPARE(theme->currentText(), QStringLiteral("System"));
        QTest::keyClick(theme, Qt::Key_End);
        QCOMPARE(theme->currentText(), QStringLiteral("Dark"));
        QVERIFY(windowLightness() < 80);
        QVERIFY(QApplication::palette().color(QPalette::Text).lightness() > 200);
        QTRY_VERIFY(messages->palette().color(QPalette::Base).lightness() < 60);
        QTRY_VERIFY(error->palette().color(QPalette::WindowText).lightness() > 150);
        QTRY_VERIFY(dialog->palette().color(QPalette::Window).lightness() < 80);

        QTest::keyClick(theme, Qt::Key_Up);
        QCOMPARE(theme->currentText(), QStringLiteral("Light"));
        QVERIFY(windowLightness() > 200);
        QTRY_VERIFY(messages->palette().color(QPalette::Base).lightness() > 240);
        QTRY_VERIFY(error->palette().color(QPalette::WindowText).lightness() < 120);

        QTest::keyClick(theme, Qt::Key_Down);
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!app_->settingsDialog());
        QCOMPARE(AppSettings(*profile_).theme(), AppSettings::Theme::Dark);

        applyTheme(AppSettings::Theme::Light);
        app_ = std::make_unique<AppController>(*profile_);  // the next start of this profile
        QVERIFY(windowLightness() < 80);
        app_ = std::make_unique<AppController>(*otherProfile());
        QVERIFY(windowLightness() > 200);  // another profile keeps the system's look
    }

    // Every control says what it is, Tab goes down the dialog in reading order, Esc closes.
    void settingsDialogWorksByKeyboard() {
        SettingsDialog* dialog = openSettingsWithKeyboard(*app_);
        QVERIFY(dialog);
        const QStringList order{QStringLiteral("themeCombo"),
                                QStringLiteral("languageCombo"),
                                QStringLiteral("notificationsCheck"),
                                QStringLiteral("notificationTextCheck"),
                                QStringLiteral("notificationSoundCheck"),
                                QStringLiteral("closeSettingsButton")};
        for (const QString& name : order) {
            QWidget* control = child<QWidget>(dialog, name);
            QVERIFY(control);
            QVERIFY2(!control->accessibleName().isEmpty(), qPrintable(name));
            QTRY_COMPARE(QApplication::focusWidget(), control);
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        }
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape);
        QTRY_VERIFY(!app_->settingsDialog());
    }

    // The language applies at once (Settings comes back in it) and is kept for the next start.
    void languageChoiceAppliesAtOnceAndIsKept() {
        SettingsDialog* dialog = openSettingsWithKeyboard(*app_);
        QVERIFY(dialog);
        auto* language = child<QComboBox>(dialog, QStringLiteral("languageCombo"));
        QCOMPARE(language->currentText(), QStringLiteral("System default"));
        language->setFocus();
        QTest::keyClick(language, Qt::Key_End);
        QCOMPARE(language->currentText(), QStringLiteral("Deutsch"));
        QCOMPARE(AppSettings(*profile_).language(), UiLanguage::German);
        QTRY_VERIFY(app_->settingsDialog() &&
                    app_->settingsDialog()->windowTitle() == QStringLiteral("Einstellungen"));
        QVERIFY(app_->settingsDialog()->isVisible());
        QCOMPARE(QLocale().language(), QLocale::German);
        saveScreenshot(app_->settingsDialog(), QStringLiteral("settings-de.png"));
        app_->settingsDialog()->close();
        QTRY_VERIFY(!app_->settingsDialog());

        // What natter's main() does at start, before it makes any window.
        QVERIFY(installTranslations(*qApp, AppSettings(*profile_).language()));
        {
            SignInWindow signIn;
            QCOMPARE(signIn.windowTitle(), QStringLiteral("Bei Natter anmelden"));
        }
        app_->appSettings()->setLanguage(UiLanguage::English);
        QTRY_COMPARE(app_->signInWindow()->windowTitle(), QStringLiteral("Sign in to Natter"));
        installTranslations(*qApp, UiLanguage::System);
    }

    // While Ann's window is in the background: a notification with the text, then without it,
    // then none at all, as she sets it.
    void notificationsFollowTheSettings() {
        const QString id = annStartsChatWith(*app_, *bob_, QStringLiteral("are you free?"));
        QSignalSpy posted(app_->mainWindow()->trayNotifier(), &TrayNotifier::notificationPosted);
        bobSaysWhileAnnIsAway(id, QStringLiteral("Meet at six?"));
        QTRY_COMPARE_WITH_TIMEOUT(posted.count(), 1, kServerWaitMs);
        QCOMPARE(posted.last().at(0).toString(), bob_->user.displayName);
        QCOMPARE(posted.last().at(1).toString(), QStringLiteral("Meet at six?"));

        toggleInSettings(QStringLiteral("notificationTextCheck"));
        QVERIFY(!app_->appSettings()->notificationShowsText());
        bobSaysWhileAnnIsAway(id, QStringLiteral("The secret plan"));
        QTRY_COMPARE_WITH_TIMEOUT(posted.count(), 2, kServerWaitMs);
        QCOMPARE(posted.last().at(0).toString(), bob_->user.displayName);
        QCOMPARE(posted.last().at(1).toString(), QStringLiteral("New message"));

        toggleInSettings(QStringLiteral("notificationsCheck"));
        QVERIFY(!app_->appSettings()->notificationsEnabled());
        bobSaysWhileAnnIsAway(id, QStringLiteral("Hello?"));
        // The message arrived (the notifier hears of it in the same step): nothing was shown.
        QTRY_VERIFY_WITH_TIMEOUT(
            app_->chatClient()->messages(id).last().body == QStringLiteral("Hello?"),
            kServerWaitMs);
        QCOMPARE(posted.count(), 2);
        QVERIFY(!AppSettings(*profile_).notificationsEnabled());  // kept for the next start
    }

private:
    // Space on a checkbox in Settings, then Esc.
    void toggleInSettings(const QString& checkName) {
        SettingsDialog* dialog = openSettingsWithKeyboard(*app_);
        QVERIFY(dialog);
        auto* check = child<QCheckBox>(dialog, checkName);
        check->setFocus();
        QTest::keyClick(check, Qt::Key_Space);
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!app_->settingsDialog());
    }

    void bobSaysWhileAnnIsAway(const QString& id, const QString& text) {
        other_.resize(200, 100);
        other_.show();
        other_.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&other_));
        QVERIFY(!app_->mainWindow()->isActiveWindow());
        bob_->chat.sendText(id, text);
    }

    Profile* otherProfile() {
        otherProfile_ = std::make_unique<Profile>(uniqueUsername(QStringLiteral("profile")));
        return otherProfile_.get();
    }

    std::unique_ptr<ChatPeer> bob_;
    QString annName_;
    std::unique_ptr<Profile> profile_;
    std::unique_ptr<Profile> otherProfile_;
    std::unique_ptr<AppController> app_;
    QWidget other_;
};

QTEST_MAIN(TestSettingsGui)
#include "tst_settings_gui.moc"
