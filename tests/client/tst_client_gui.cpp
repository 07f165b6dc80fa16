// The desktop client's windows, driven like a user would (typing, clicking) on the offscreen
// platform, against the real natter-server.
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QToolButton>
#include <QtTest>

#include "core/profile.h"
#include "core/token_store.h"
#include "file_test_support.h"
#include "gui_test_support.h"
#include "models/sessions_model.h"
#include "protocol_limits.h"
#include "server_process.h"
#include "ui/app_controller.h"
#include "ui/devices_page.h"
#include "ui/main_window.h"
#include "ui/sign_in_window.h"

using natter::AccountClient;
using natter::AppController;
using natter::Profile;
using natter::SessionsModel;
using namespace natter::test;

namespace {

void typeInto(QWidget* window, const QString& editName, const QString& text) {
    auto* edit = child<QLineEdit>(window, editName);
    QVERIFY(edit);
    edit->clear();
    QTest::keyClicks(edit, text);
}

// Clicks a button once it is enabled, as a user would wait for it (it is disabled while a
// request runs).
void click(QWidget* window, const QString& buttonName) {
    auto* button = child<QPushButton>(window, buttonName);
    QVERIFY(button);
    QTRY_VERIFY2_WITH_TIMEOUT(button->isEnabled(), qPrintable(buttonName), kServerWaitMs);
    QTest::mouseClick(button, Qt::LeftButton);
}

QString labelText(QWidget* window, const QString& name) {
    auto* label = child<QLabel>(window, name);
    return label != nullptr && label->isVisible() ? label->text() : QString();
}

}  // namespace

class TestClientGui : public GuiServerTest {
    Q_OBJECT

private slots:
    void createAccountShowsMainWindow() {
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        AppController app(profile);
        app.start(server_.url());
        QWidget* signIn = app.signInWindow();
        QTRY_VERIFY(signIn->isVisible());
        QVERIFY2(!signIn->windowIcon().pixmap(32).isNull(), "the speech-bubble icon renders");
        saveScreenshot(signIn, QStringLiteral("sign-in.png"));

        click(signIn, QStringLiteral("switchModeButton"));
        QVERIFY(child<QLineEdit>(signIn, QStringLiteral("display_nameEdit"))->isVisible());
        const QString username = uniqueUsername(QStringLiteral("ann"));
        typeInto(signIn, QStringLiteral("usernameEdit"), username);
        typeInto(signIn, QStringLiteral("display_nameEdit"), QStringLiteral("Ann Example"));
        typeInto(signIn, QStringLiteral("passwordEdit"), kPassword);
        typeInto(signIn, QStringLiteral("device_nameEdit"), QStringLiteral("Test laptop"));
        saveScreenshot(signIn, QStringLiteral("create-account.png"));
        click(signIn, QStringLiteral("submitButton"));
        QVERIFY2(!child<QPushButton>(signIn, QStringLiteral("submitButton"))->isEnabled(),
                 "the button must be disabled while the request runs");

        QTRY_VERIFY_WITH_TIMEOUT(app.mainWindow()->isVisible(), kServerWaitMs);
        QVERIFY(!signIn->isVisible());
        // The sidebar's header names who is signed in (no "Signed in as" line of its own).
        auto* who = child<QLabel>(app.mainWindow(), QStringLiteral("ownNameLabel"));
        QCOMPARE(who->text(), QStringLiteral("Ann Example"));
        QVERIFY2(who->toolTip().contains(QLatin1Char('@') + username), qPrintable(who->toolTip()));
        // This machine has no password storage and the file fallback is off: the user is told.
        QTRY_COMPARE(labelText(app.mainWindow(), QStringLiteral("mainNoticeLabel")),
                     QStringLiteral("Your system has no password storage; you will need to sign "
                                    "in again next time."));
        saveScreenshot(app.mainWindow(), QStringLiteral("main-window.png"));
    }

    void wrongPasswordShowsInlineErrorAndStays() {
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        AppController app(profile);
        QWidget* signIn = startWithWrongPassword(app, QStringLiteral("ben"));
        QVERIFY(signIn);
        click(signIn, QStringLiteral("submitButton"));
        QTRY_COMPARE_WITH_TIMEOUT(labelText(signIn, QStringLiteral("formErrorLabel")),
                                  QStringLiteral("The username or password is wrong."),
                                  kServerWaitMs);
        QVERIFY(signIn->isVisible());
        QVERIFY(!app.mainWindow()->isVisible());
        QTRY_VERIFY(child<QPushButton>(signIn, QStringLiteral("submitButton"))->isEnabled());
        saveScreenshot(signIn, QStringLiteral("sign-in-error.png"));
    }

    // docs/protocol.md 5.1: once one address has given the wrong password to one account as
    // often as the limit allows, the next attempt is refused, and the window says which limit
    // answered and when to try again (the server's own words are not shown).
    void repeatedWrongPasswordsShowTheSignInThrottle() {
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        AppController app(profile);
        QWidget* signIn = startWithWrongPassword(app, QStringLiteral("dora"));
        QVERIFY(signIn);
        auto* submit = child<QPushButton>(signIn, QStringLiteral("submitButton"));
        const int allowed = int(natter::limits::kLoginFailureBurstPerAccountAddress);
        for (int attempt = 1; attempt <= allowed; ++attempt) {
            click(signIn, QStringLiteral("submitButton"));
            QTRY_VERIFY_WITH_TIMEOUT(submit->isEnabled(), kServerWaitMs);
            QCOMPARE(labelText(signIn, QStringLiteral("formErrorLabel")),
                     QStringLiteral("The username or password is wrong."));
        }
        click(signIn, QStringLiteral("submitButton"));
        QTRY_VERIFY_WITH_TIMEOUT(submit->isEnabled(), kServerWaitMs);
        static const QRegularExpression throttled(
            QStringLiteral("^Too many failed sign-ins to this account from your network address\\. "
                           "Try again in (\\d+ seconds|1 minute)\\.$"));
        const QString shown = labelText(signIn, QStringLiteral("formErrorLabel"));
        QVERIFY2(throttled.match(shown).hasMatch(), qPrintable(shown));
        QVERIFY(!app.mainWindow()->isVisible());
        saveScreenshot(signIn, QStringLiteral("sign-in-throttled.png"));
    }

    void serverFieldErrorsAppearNextToTheField() {
        const QString username = uniqueUsername(QStringLiteral("cleo"));
        AccountClient owner;
        QVERIFY(registerAccount(owner, server_.url(), username, QStringLiteral("Desk")));
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        AppController app(profile);
        app.start(server_.url());
        QWidget* signIn = app.signInWindow();
        QTRY_VERIFY(signIn->isVisible());
        click(signIn, QStringLiteral("switchModeButton"));
        typeInto(signIn, QStringLiteral("usernameEdit"), username);  // taken
        typeInto(signIn, QStringLiteral("display_nameEdit"), QStringLiteral("Cleo"));
        typeInto(signIn, QStringLiteral("passwordEdit"), kPassword);
        click(signIn, QStringLiteral("submitButton"));
        QTRY_COMPARE_WITH_TIMEOUT(labelText(signIn, QStringLiteral("usernameError")),
                                  QStringLiteral("This username is already taken. Please choose "
                                                 "another one."),
                                  kServerWaitMs);
        QVERIFY(labelText(signIn, QStringLiteral("formErrorLabel")).isEmpty());
        saveScreenshot(signIn, QStringLiteral("sign-in-field-error.png"));
    }

    void devicesPageListsSessionsAndSignsOutOthers() {
        AccountClient phone;
        const QString username = signUpOnPhone(phone, QStringLiteral("dana"));
        QVERIFY(!username.isEmpty());
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        AppController app(profile);
        signInThroughWindow(app, username);
        QVERIFY(app.mainWindow()->isVisible());

        app.mainWindow()->showDevicesPage();
        auto* view = child<QListView>(app.mainWindow(), QStringLiteral("sessionsView"));
        QVERIFY(view);
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 2, kServerWaitMs);
        QStringList rows;
        for (int row = 0; row < 2; ++row) {
            rows << view->model()->index(row, 0).data().toString();
        }
        QVERIFY2(rows.filter(QStringLiteral("Test laptop (This device)")).size() == 1,
                 qPrintable(rows.join(QLatin1Char('|'))));
        QVERIFY2(rows.filter(QStringLiteral("Phone\n")).size() == 1,
                 qPrintable(rows.join(QLatin1Char('|'))));
        saveScreenshot(app.mainWindow()->devicesPage()->window(), QStringLiteral("devices.png"));

        QSignalSpy phoneSignedOut(&phone, &AccountClient::signedOut);
        click(app.mainWindow(), QStringLiteral("signOutOthersButton"));
        QVERIFY(answerQuestion(app.mainWindow(), QStringLiteral("signOutOthersConfirmDialog"),
                               QStringLiteral("confirmSignOutButton")));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 1, kServerWaitMs);
        QVERIFY(view->model()->index(0, 0).data(SessionsModel::CurrentRole).toBool());
        QTRY_COMPARE_WITH_TIMEOUT(phoneSignedOut.count(), 1, kServerWaitMs);
        QCOMPARE(labelText(app.mainWindow(), QStringLiteral("devicesStatusLabel")),
                 QStringLiteral("Other devices signed out: 1."));
        QVERIFY(!child<QPushButton>(app.mainWindow(), QStringLiteral("signOutOthersButton"))
                     ->isEnabled());
        saveScreenshot(app.mainWindow()->devicesPage()->window(),
                       QStringLiteral("devices-after-sign-out.png"));
    }

    // Issue 11, bug 10: opening the Devices page lists the devices as they are now, with no
    // click on Refresh; its periodic refresh runs only while the page is in view.
    void devicesListRefreshesWhenOpened() {
        AccountClient phone;
        const QString username = signUpOnPhone(phone, QStringLiteral("kim"));
        QVERIFY(!username.isEmpty());
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        AppController app(profile);
        signInThroughWindow(app, username);
        auto* view = child<QListView>(app.mainWindow(), QStringLiteral("sessionsView"));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 2, kServerWaitMs);
        AccountClient tablet;
        QVERIFY(login(tablet, server_.url(), username, QStringLiteral("Tablet")));
        auto* polling = child<QTimer>(app.mainWindow(), QStringLiteral("devicesRefreshTimer"));
        QVERIFY(polling && !polling->isActive());
        app.mainWindow()->showDevicesPage();
        QVERIFY(polling->isActive());
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, kServerWaitMs);
        app.mainWindow()->showConversationsPage();
        QVERIFY(!polling->isActive());
        tablet.logout();
        QTRY_VERIFY_WITH_TIMEOUT(!tablet.isSignedIn(), kServerWaitMs);
        app.mainWindow()->showDevicesPage();
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 2, kServerWaitMs);
    }

    void signOutSelectedDeviceRemovesOnlyThatOne() {
        const QString username = uniqueUsername(QStringLiteral("emil"));
        AccountClient phone;
        AccountClient tablet;
        QVERIFY(registerAccount(phone, server_.url(), username, QStringLiteral("Phone")));
        QVERIFY(login(tablet, server_.url(), username, QStringLiteral("Tablet")));
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        AppController app(profile);
        signInThroughWindow(app, username);
        app.mainWindow()->showDevicesPage();
        auto* view = child<QListView>(app.mainWindow(), QStringLiteral("sessionsView"));
        QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 3, kServerWaitMs);
        int tabletRow = -1;
        for (int row = 0; row < 3; ++row) {
            if (view->model()->index(row, 0).data(SessionsModel::DeviceNameRole) ==
                QStringLiteral("Tablet")) {
                tabletRow = row;
            }
        }
        QVERIFY(tabletRow >= 0);
        QTRY_VERIFY(child<QPushButton>(app.mainWindow(), QStringLiteral("refreshButton"))
                        ->isEnabled());  // no request running: only the selection matters now
        QVERIFY(!child<QPushButton>(app.mainWindow(), QStringLiteral("signOutSelectedButton"))
                     ->isEnabled());
        const QRect rect = view->visualRect(view->model()->index(tabletRow, 0));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, rect.center());
        QSignalSpy tabletSignedOut(&tablet, &AccountClient::signedOut);
        // Issue 11, bug 10: it asks first; Cancel keeps the device signed in.
        click(app.mainWindow(), QStringLiteral("signOutSelectedButton"));
        QVERIFY(answerQuestion(app.mainWindow(), QStringLiteral("signOutDeviceConfirmDialog"),
                               QStringLiteral("cancelButton")));
        QCOMPARE(view->model()->rowCount(), 3);
        click(app.mainWindow(), QStringLiteral("signOutSelectedButton"));
        QVERIFY(answerQuestion(app.mainWindow(), QStringLiteral("signOutDeviceConfirmDialog"),
                               QStringLiteral("confirmSignOutButton")));
        QTRY_COMPARE_WITH_TIMEOUT(tabletSignedOut.count(), 1, kServerWaitMs);
        QTRY_COMPARE(view->model()->rowCount(), 2);
        QVERIFY(phone.isSignedIn());
    }

    // Signed out from another device: back to signing in, with the reason, and the remembered
    // token is gone.
    void signedOutElsewhereReturnsToSignIn() {
        AccountClient phone;
        const QString username = signUpOnPhone(phone, QStringLiteral("fay"));
        QVERIFY(!username.isEmpty());
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        AppController app(profile);
        app.start(server_.url());
        allowTokenFile(app);
        signInThroughWindow(app, username, /*alreadyStarted=*/true);
        QTRY_VERIFY(fileContains(profile.insecureTokenFile(), username));

        phone.revokeSession(app.accountClient()->account()->session.id);
        QTRY_VERIFY_WITH_TIMEOUT(app.signInWindow()->isVisible(), kServerWaitMs);
        QVERIFY(!app.mainWindow()->isVisible());
        QCOMPARE(labelText(app.signInWindow(), QStringLiteral("noticeLabel")),
                 QStringLiteral("This device was signed out from another device."));
        QTRY_VERIFY(!fileContains(profile.insecureTokenFile(), username));
        saveScreenshot(app.signInWindow(), QStringLiteral("signed-out-elsewhere.png"));
    }

    void signOutThisDeviceReturnsToSignIn() {
        AccountClient phone;
        const QString username = signUpOnPhone(phone, QStringLiteral("gus"));
        QVERIFY(!username.isEmpty());
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        AppController app(profile);
        signInThroughWindow(app, username);
        click(app.mainWindow(), QStringLiteral("signOutThisDeviceButton"));
        QTRY_VERIFY_WITH_TIMEOUT(app.signInWindow()->isVisible(), kServerWaitMs);
        QVERIFY(!app.mainWindow()->isVisible());
        QCOMPARE(listSessions(phone).size(), 1);
    }

    // With the file fallback allowed, a restart resumes the session without asking; once the
    // session is revoked, the next start forgets the token and asks to sign in.
    void storedTokenResumesOnStartUntilRevoked() {
        AccountClient phone;
        const QString username = signUpOnPhone(phone, QStringLiteral("hal"));
        QVERIFY(!username.isEmpty());
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        QString sessionId;
        {
            AppController app(profile);
            app.start(server_.url());
            allowTokenFile(app);
            signInThroughWindow(app, username, /*alreadyStarted=*/true);
            sessionId = app.accountClient()->account()->session.id;
            QTRY_VERIFY(fileContains(profile.insecureTokenFile(), username));
            QVERIFY(labelText(app.mainWindow(), QStringLiteral("mainNoticeLabel")).isEmpty());
        }
        {
            AppController app(profile);
            app.start();  // remembered server and username
            QTRY_VERIFY_WITH_TIMEOUT(app.mainWindow()->isVisible(), kServerWaitMs);
            QVERIFY(!app.signInWindow()->isVisible());
            // Shown at once from this device's cache; the session resumes in the background.
            QTRY_COMPARE_WITH_TIMEOUT(app.accountClient()->account()->session.id, sessionId,
                                      kServerWaitMs);
        }
        QSignalSpy revoked(&phone, &AccountClient::sessionRevoked);
        phone.revokeSession(sessionId);
        QVERIFY(revoked.wait(kServerWaitMs));
        {
            AppController app(profile);
            app.start();
            QTRY_VERIFY_WITH_TIMEOUT(app.signInWindow()->isVisible(), kServerWaitMs);
            QVERIFY(!app.mainWindow()->isVisible());
            QCOMPARE(
                labelText(app.signInWindow(), QStringLiteral("noticeLabel")),
                QStringLiteral("Your saved sign-in is no longer valid. Please sign in again."));
            // The refused token is forgotten.
            QTRY_VERIFY(!fileContains(profile.insecureTokenFile(), username));
        }
    }

    // Issue 11: the "no password storage" notice is a one-time one: dismissed, it is hidden at
    // once and does not come back at the next sign-in on this profile.
    void noPasswordStorageNoticeDismissedForGood() {
        AccountClient phone;
        const QString username = signUpOnPhone(phone, QStringLiteral("nia"));
        QVERIFY(!username.isEmpty());
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        {
            AppController app(profile);
            signInThroughWindow(app, username);
            QTRY_VERIFY(!labelText(app.mainWindow(), QStringLiteral("mainNoticeLabel")).isEmpty());
            auto* bar = child<QWidget>(app.mainWindow(), QStringLiteral("noticeBar"));
            QVERIFY(bar->isVisible());
            QTest::mouseClick(
                child<QToolButton>(app.mainWindow(), QStringLiteral("dismissNoticeButton")),
                Qt::LeftButton);
            QVERIFY(!bar->isVisible());
        }
        AppController app(profile);
        signInThroughWindow(app, username);
        // A save asked for after the app's own one is answered after it: by then the app knows
        // its token could not be kept, and still shows no notice.
        bool answered = false;
        app.tokenStore()->save(server_.url(), uniqueUsername(QStringLiteral("probe")),
                               QStringLiteral("t"),
                               [&](natter::TokenStore::SaveResult) { answered = true; });
        QTRY_VERIFY_WITH_TIMEOUT(answered, kServerWaitMs);
        QVERIFY(!child<QWidget>(app.mainWindow(), QStringLiteral("noticeBar"))->isVisible());
    }

    // Issue 11, bug 5: without password storage the token cannot be kept, so quitting signs the
    // session out on the server (no orphaned session is left in the devices list), and the next
    // start offers the device name used before rather than the host name.
    void quitWithoutKeptTokenSignsOutAndRemembersTheDevice() {
        AccountClient phone;
        const QString username = signUpOnPhone(phone, QStringLiteral("ida"));
        QVERIFY(!username.isEmpty());
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        {
            AppController app(profile);
            signInThroughWindow(app, username);
            QTRY_COMPARE_WITH_TIMEOUT(listSessions(phone).size(), 2, kServerWaitMs);
            // The keychain answered: nothing could be kept.
            QTRY_VERIFY(!labelText(app.mainWindow(), QStringLiteral("mainNoticeLabel")).isEmpty());
        }  // the app quits
        const QList<natter::SessionInfo> left = listSessions(phone);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().deviceName, QStringLiteral("Phone"));

        AppController app(profile);
        app.start(server_.url());
        QTRY_VERIFY(app.signInWindow()->isVisible());
        QCOMPARE(child<QLineEdit>(app.signInWindow(), QStringLiteral("device_nameEdit"))->text(),
                 QStringLiteral("Test laptop"));
    }

    // Issue 11, bug 10: a returning user starts in the Password field, and Tab moves through
    // the window in reading order (fields, options, then the buttons left to right).
    void signInStartsAtThePasswordAndTabsInReadingOrder() {
        Profile profile(uniqueUsername(QStringLiteral("profile")));
        profile.setLastUsername(QStringLiteral("jo"));
        AppController app(profile);
        app.start(server_.url());
        QWidget* signIn = app.signInWindow();
        QTRY_VERIFY(signIn->isVisible());
        signIn->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(signIn));
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("passwordEdit"));

        child<QLineEdit>(signIn, QStringLiteral("serverEdit"))->setFocus();
        QStringList order{QApplication::focusWidget()->objectName()};
        for (int step = 0; step < 7; ++step) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            order << QApplication::focusWidget()->objectName();
        }
        QCOMPARE(
            order,
            (QStringList{QStringLiteral("serverEdit"), QStringLiteral("usernameEdit"),
                         QStringLiteral("passwordEdit"), QStringLiteral("device_nameEdit"),
                         QStringLiteral("keepSignedInCheck"), QStringLiteral("insecureFileCheck"),
                         QStringLiteral("switchModeButton"), QStringLiteral("submitButton")}));
    }

private:
    // Registers an account named after `prefix` on `phone` (device "Phone"); its username.
    QString signUpOnPhone(AccountClient& phone, const QString& prefix) {
        const QString username = uniqueUsername(prefix);
        return registerAccount(phone, server_.url(), username, QStringLiteral("Phone")) ? username
                                                                                        : QString();
    }

    // Registers an account named after `prefix`, starts `app` and fills its sign-in window with
    // that username and a wrong password; returns the window, or nullptr if it did not appear.
    QWidget* startWithWrongPassword(AppController& app, const QString& prefix) {
        const QString username = uniqueUsername(prefix);
        AccountClient owner;
        if (!registerAccount(owner, server_.url(), username, QStringLiteral("Desk"))) {
            return nullptr;
        }
        app.start(server_.url());
        QWidget* signIn = app.signInWindow();
        if (!QTest::qWaitFor([&] { return signIn->isVisible(); })) {
            return nullptr;
        }
        typeInto(signIn, QStringLiteral("usernameEdit"), username);
        typeInto(signIn, QStringLiteral("passwordEdit"), QStringLiteral("not my password"));
        return signIn;
    }

    // Ticks "Use a plain file if there is no password storage" (this machine has none).
    static void allowTokenFile(AppController& app) {
        QTRY_VERIFY(app.signInWindow()->isVisible());
        auto* fallback = child<QCheckBox>(app.signInWindow(), QStringLiteral("insecureFileCheck"));
        QVERIFY(fallback && fallback->isEnabled() && !fallback->isChecked());
        QTest::mouseClick(fallback, Qt::LeftButton);
        QVERIFY(fallback->isChecked());
    }

    void signInThroughWindow(AppController& app, const QString& username,
                             bool alreadyStarted = false) {
        if (!alreadyStarted) {
            app.start(server_.url());
        }
        QWidget* signIn = app.signInWindow();
        QTRY_VERIFY(signIn->isVisible());
        typeInto(signIn, QStringLiteral("usernameEdit"), username);
        typeInto(signIn, QStringLiteral("passwordEdit"), kPassword);
        typeInto(signIn, QStringLiteral("device_nameEdit"), QStringLiteral("Test laptop"));
        click(signIn, QStringLiteral("submitButton"));
        QTRY_VERIFY_WITH_TIMEOUT(app.mainWindow()->isVisible(), kServerWaitMs);
    }
};

QTEST_MAIN(TestClientGui)
#include "tst_client_gui.moc"
