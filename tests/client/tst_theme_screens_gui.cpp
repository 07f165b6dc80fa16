// Every main screen in the light and the dark theme, on the offscreen platform against the real
// natter-server: sign-in, the conversation list with an open chat, New chat, Group details,
// Devices and Settings (and a group chat, for the senders' names). Each is saved to
// $NATTER_TEST_ARTIFACTS as <screen>-light.png and <screen>-dark.png for people to look at, and
// must really be in the theme's colours.
#include <QDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QTabWidget>
#include <QtTest>

#include "core/app_settings.h"
#include "core/profile.h"
#include "models/message_list_model.h"
#include "server_process.h"
#include "settings_test_support.h"
#include "ui/conversation_view.h"
#include "ui/devices_page.h"
#include "ui/new_chat_dialog.h"

using namespace natter;
using namespace natter::test;

class TestThemeScreensGui : public QObject {
    Q_OBJECT

public:
    static void initMain() { withoutSystemKeychain(); }

private slots:
    void initTestCase() {
        QVERIFY(startGuiTestServer(server_));
        QVERIFY(bob_.signUp(server_.url(), QStringLiteral("bob")));
        QVERIFY(cleo_.signUp(server_.url(), QStringLiteral("cleo")));
        const QString annName = registerOnPhone(server_.url(), QStringLiteral("ann"));
        QVERIFY(!annName.isEmpty());
        QVERIFY(startSignedInApp(profile_, app_, server_.url(), annName));
        QVERIFY(fillScreens());
    }

    void cleanupTestCase() {
        app_.reset();
        QCOMPARE(server_.stop(), 0);
    }

    void screens_data() {
        QTest::addColumn<AppSettings::Theme>("theme");
        QTest::addColumn<QString>("suffix");
        QTest::newRow("light") << AppSettings::Theme::Light << QStringLiteral("light");
        QTest::newRow("dark") << AppSettings::Theme::Dark << QStringLiteral("dark");
    }

    void screens() {
        QFETCH(AppSettings::Theme, theme);
        QFETCH(QString, suffix);
        app_->appSettings()->setTheme(theme);
        const bool dark = theme == AppSettings::Theme::Dark;
        MainWindow* window = app_->mainWindow();
        ConversationsPage* page = window->conversationsPage();

        app_->signInWindow()->show();
        shoot(app_->signInWindow(), QStringLiteral("sign-in-"), suffix, dark);
        app_->signInWindow()->hide();

        window->showConversationsPage();
        QVERIFY(openInList(page, bobChat_));
        QTRY_COMPARE(page->conversationView()->model()->rowCount(), 3);
        shoot(window, QStringLiteral("main-"), suffix, dark);
        QVERIFY(openInList(page, groupChat_));  // names above other people's bubbles
        QTRY_VERIFY(page->conversationView()->model()->rowCount() >= 3);
        shoot(window, QStringLiteral("group-chat-"), suffix, dark);
        QVERIFY(openInList(page, bobChat_));

        page->openNewChatDialog();
        QPointer<NewChatDialog> newChat = page->findChild<NewChatDialog*>();
        QVERIFY(newChat);
        QWidget* personPage = child<QTabWidget>(newChat, QStringLiteral("newChatTabs"))->widget(0);
        QTest::keyClicks(child<QLineEdit>(personPage, QStringLiteral("peopleSearchEdit")),
                         cleo_.user.username.left(10));
        QTRY_COMPARE_WITH_TIMEOUT(
            child<QListWidget>(personPage, QStringLiteral("peopleList"))->count(), 1,
            kServerWaitMs);
        shoot(newChat, QStringLiteral("new-chat-"), suffix, dark);
        newChat->reject();
        QTRY_VERIFY(!newChat);  // gone before the next round looks for one

        page->openGroupDetails(groupChat_);
        QPointer<QDialog> details = page->findChild<QDialog*>(QStringLiteral("groupDetailsDialog"));
        QVERIFY(details);
        QTRY_COMPARE(child<QListWidget>(details, QStringLiteral("membersList"))->count(), 3);
        shoot(details, QStringLiteral("group-details-"), suffix, dark);
        details->close();
        QTRY_VERIFY(!details);

        window->showDevicesPage();
        shoot(window->devicesPage()->window(), QStringLiteral("devices-"), suffix, dark);
        window->showConversationsPage();

        app_->openSettings();
        QVERIFY(app_->settingsDialog());
        shoot(app_->settingsDialog(), QStringLiteral("settings-"), suffix, dark);
        app_->settingsDialog()->close();
        QTRY_VERIFY(!app_->settingsDialog());
    }

private:
    // A private chat with unread messages (so the badge and the divider show) and a group.
    bool fillScreens() {
        bobChat_ = annStartsChatWith(*app_, bob_, QStringLiteral("Are we still on for Friday?"));
        annStartsChatWith(*app_, cleo_, QStringLiteral("Hi Cleo"));
        bob_.chat.sendText(bobChat_, QStringLiteral("Yes! Shall I bring the board games?"));
        QSignalSpy created(app_->chatClient(), &ChatClient::groupCreated);
        app_->chatClient()->createGroup(QStringLiteral("Friday crew"),
                                        {bob_.user.id, cleo_.user.id},
                                        QStringLiteral("Who is in on Friday?"));
        if (!created.wait(kServerWaitMs)) {
            return false;
        }
        groupChat_ = created.first().first().value<Conversation>().id;
        if (!QTest::qWaitFor([&] { return cleo_.chat.conversation(groupChat_).has_value(); },
                             kServerWaitMs)) {
            return false;
        }
        cleo_.chat.sendText(groupChat_, QStringLiteral("Me, with cake."));
        bob_.chat.sendText(bobChat_, QStringLiteral("And snacks, obviously."));
        return QTest::qWaitFor(
            [&] {
                const auto chat = app_->chatClient()->conversation(bobChat_);
                return chat && chat->unreadCount == 2;
            },
            kServerWaitMs);
    }

    // Saves `widget` as <name><suffix>.png after checking its background is in the theme.
    void shoot(QWidget* widget, const QString& name, const QString& suffix, bool dark) {
        QCoreApplication::processEvents();  // the palette reaches open windows by posted events
        const QImage image = widget->grab().toImage();
        const int corner = image.pixelColor(2, image.height() - 3).lightness();
        QVERIFY2(dark ? corner < 90 : corner > 200,
                 qPrintable(name + suffix + QStringLiteral(": background lightness ") +
                            QString::number(corner)));
        saveScreenshot(widget, name + suffix + QStringLiteral(".png"));
    }

    ServerProcess server_;
    ChatPeer bob_;
    ChatPeer cleo_;
    std::unique_ptr<Profile> profile_;
    std::unique_ptr<AppController> app_;
    QString bobChat_;
    QString groupChat_;
};

QTEST_MAIN(TestThemeScreensGui)
#include "tst_theme_screens_gui.moc"
