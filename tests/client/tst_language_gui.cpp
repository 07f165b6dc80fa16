// A language chosen in Settings applies at once, on the offscreen platform against the real
// natter-server: the windows come back in German with the same chat open, its draft, the window's
// size and Settings still open; back to English the same way. Screenshots:
// $NATTER_TEST_ARTIFACTS/language-de-<theme>.png (wide) and language-de-narrow-<theme>.png.
#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPointer>
#include <QtTest>

#include "core/app_settings.h"
#include "core/translations.h"
#include "models/message_list_model.h"
#include "settings_test_support.h"
#include "ui/composer.h"
#include "ui/conversation_view.h"

using namespace natter;
using namespace natter::test;

class TestLanguageGui : public GuiServerTest {
    Q_OBJECT

private slots:
    void init() {
        if (annName_.isEmpty()) {
            QVERIFY(bob_.signUp(server_.url(), QStringLiteral("bob")));
            annName_ = registerOnPhone(server_.url(), QStringLiteral("ann"));
            QVERIFY(!annName_.isEmpty());
        }
        QVERIFY(startSignedInApp(profile_, app_, server_.url(), annName_));
        if (chat_.isEmpty()) {
            chat_ = annStartsChatWith(*app_, bob_, QStringLiteral("Are we still on for Friday?"));
            bob_.chat.sendText(chat_, QStringLiteral("Yes! Shall I bring the board games?"));
        }
        QTRY_COMPARE_WITH_TIMEOUT(page()->conversationList()->model()->rowCount(), 1,
                                  kServerWaitMs);
    }

    void cleanup() {
        app_.reset();
        profile_.reset();
        installTranslations(*qApp, UiLanguage::English);
    }

    void switchesLiveKeepingChatAndDraft_data() {
        QTest::addColumn<AppSettings::Theme>("theme");
        QTest::newRow("light") << AppSettings::Theme::Light;
        QTest::newRow("dark") << AppSettings::Theme::Dark;
    }

    void switchesLiveKeepingChatAndDraft() {
        QFETCH(AppSettings::Theme, theme);
        app_->appSettings()->setTheme(theme);
        window()->resize(1100, 700);
        QVERIFY(openInList(page(), chat_));
        const QString draft = QStringLiteral("Half a thought");
        QTest::keyClicks(page()->conversationView()->composer()->editor(), draft);
        QCOMPARE(filterEdit()->placeholderText(), QStringLiteral("Filter conversations"));

        chooseLanguage(UiLanguage::German);
        QCOMPARE(filterEdit()->placeholderText(), QStringLiteral("Unterhaltungen filtern"));
        QCOMPARE(window()->size(), QSize(1100, 700));
        QCOMPARE(page()->conversationView()->key(), chat_);
        QCOMPARE(page()->conversationView()->composer()->editor()->toPlainText(), draft);
        QVERIFY(app_->chatClient()->isReady());  // still signed in, on the same connection
        QVERIFY(app_->settingsDialog());
        QCOMPARE(app_->settingsDialog()->windowTitle(), QStringLiteral("Einstellungen"));
        QTRY_VERIFY(page()->conversationView()->model()->rowCount() >= 2);
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        app_->settingsDialog()->close();
        saveScreenshot(window(), QStringLiteral("language-de-%1.png").arg(tag));

        // In a narrow window the list stays in front if it was.
        window()->resize(MainWindow::kMinimumWidth, 640);
        QTRY_VERIFY(page()->isSinglePane());
        page()->showList();
        chooseLanguage(UiLanguage::English);
        QCOMPARE(filterEdit()->placeholderText(), QStringLiteral("Filter conversations"));
        QTRY_VERIFY(page()->isSinglePane());
        QVERIFY(!page()->showsChatAlone());
        QVERIFY(page()->conversationList()->isVisible());
        QCOMPARE(page()->conversationView()->key(), chat_);
        app_->settingsDialog()->close();
        chooseLanguage(UiLanguage::German);
        QTRY_VERIFY(page()->conversationList()->isVisible());
        saveScreenshot(window(), QStringLiteral("language-de-narrow-%1.png").arg(tag));
    }

private:
    MainWindow* window() { return app_->mainWindow(); }
    ConversationsPage* page() { return window()->conversationsPage(); }
    QLineEdit* filterEdit() {
        return child<QLineEdit>(page(), QStringLiteral("conversationFilterEdit"));
    }

    // Picks `language` in Settings as a user does; returns once the old window is gone.
    void chooseLanguage(UiLanguage language) {
        QPointer<MainWindow> old = window();
        SettingsDialog* dialog = openSettingsWithKeyboard(*app_);
        QVERIFY(dialog);
        auto* combo = child<QComboBox>(dialog, QStringLiteral("languageCombo"));
        combo->setCurrentIndex(combo->findData(int(language)));
        QTRY_VERIFY(!old);
        QVERIFY(window()->isVisible());
    }

    ChatPeer bob_;
    QString annName_;
    QString chat_;
    std::unique_ptr<Profile> profile_;
    std::unique_ptr<AppController> app_;
};

QTEST_MAIN(TestLanguageGui)
#include "tst_language_gui.moc"
