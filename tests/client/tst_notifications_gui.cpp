// Desktop notifications over a real D-Bus session bus: the test starts its own dbus-daemon
// (nothing of the machine's desktop is touched), registers a small notification service on it
// (org.freedesktop.Notifications, as GNOME Shell or Plasma provide it), points the client at it
// with DBUS_SESSION_BUS_ADDRESS and checks what reaches the service: sender and text, no text
// when the preview is hidden, nothing for a muted chat or the chat in view, and that clicking a
// notification opens its chat.
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QListView>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/app_settings.h"
#include "settings_test_support.h"
#include "ui/conversation_view.h"

using namespace natter;
using namespace natter::test;

namespace {

const QString kBusName = QStringLiteral("natter-test-notification-service");

// Listens on a socket in `dir` and activates nothing: only what the test registers is there.
const char kBusConfig[] =
    "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
    " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
    "<busconfig>\n"
    "  <type>session</type>\n"
    "  <listen>unix:dir=%1</listen>\n"
    "  <policy context=\"default\">\n"
    "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
    "    <allow eavesdrop=\"true\"/>\n"
    "    <allow own=\"*\"/>\n"
    "  </policy>\n"
    "</busconfig>\n";

}  // namespace

// The notification service, as far as the client uses it (Desktop Notifications spec 1.2).
class FakeNotificationService : public QObject {
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Shown {
        uint id;
        QString summary;
        QString body;
        QStringList actions;
    };
    QList<Shown> shown;

public slots:
    QStringList GetCapabilities() { return {QStringLiteral("body"), QStringLiteral("actions")}; }
    uint Notify(const QString&, uint replacesId, const QString&, const QString& summary,
                const QString& body, const QStringList& actions, const QVariantMap&, int) {
        const uint id = replacesId != 0 ? replacesId : ++lastId_;
        shown.append({id, summary, body, actions});
        return id;
    }
    void CloseNotification(uint id) { emit NotificationClosed(id, 3); }

signals:
    void ActionInvoked(uint id, const QString& actionKey);
    void NotificationClosed(uint id, uint reason);

private:
    uint lastId_ = 0;
};

class TestNotificationsGui : public QObject {
    Q_OBJECT

public:
    static void initMain() { withoutSystemKeychain(); }

private slots:
    void initTestCase() {
        QVERIFY(startBus());
        QVERIFY(startGuiTestServer(server_));
        QVERIFY(bob_.signUp(server_.url(), QStringLiteral("bob")));
        QVERIFY(cleo_.signUp(server_.url(), QStringLiteral("cleo")));
        const QString annName = registerOnPhone(server_.url(), QStringLiteral("ann"));
        QVERIFY(!annName.isEmpty());
        QVERIFY(startSignedInApp(profile_, app_, server_.url(), annName));
        bobChat_ = annStartsChatWith(*app_, bob_, QStringLiteral("hi Bob"));
        cleoChat_ = annStartsChatWith(*app_, cleo_, QStringLiteral("hi Cleo"));
        QVERIFY(!bobChat_.isEmpty() && !cleoChat_.isEmpty());
        page()->openConversation(cleoChat_);
        app_->mainWindow()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(app_->mainWindow()));
    }

    void cleanupTestCase() {
        app_.reset();
        QCOMPARE(server_.stop(), 0);
        if (bus_.state() != QProcess::NotRunning) {
            bus_.terminate();
            QVERIFY(bus_.waitForFinished(5'000));
        }
    }

    // Ann has Cleo's chat open: Bob's message is not in view, so it is shown with who and what,
    // and a click on it opens Bob's chat.
    void messageNotInViewIsShownAndClickOpensItsChat() {
        bob_.chat.sendText(bobChat_, QStringLiteral("Lunch at noon?"));
        QTRY_COMPARE_WITH_TIMEOUT(service_.shown.size(), 1, kServerWaitMs);
        const FakeNotificationService::Shown shown = service_.shown.last();
        QCOMPARE(shown.summary, bob_.user.displayName);
        QCOMPARE(shown.body, QStringLiteral("Lunch at noon?"));
        QVERIFY(shown.actions.contains(QStringLiteral("default")));
        QCOMPARE(page()->conversationView()->key(), cleoChat_);

        emit service_.ActionInvoked(shown.id, QStringLiteral("default"));
        QTRY_COMPARE_WITH_TIMEOUT(page()->conversationView()->key(), bobChat_, kServerWaitMs);
        QVERIFY(app_->mainWindow()->isVisible());
    }

    // Bob's chat is open in the active window: his next message makes no notification; Cleo's,
    // sent after it, does (so the first one was decided on, not just late).
    void chatInViewIsNotNotified() {
        QCOMPARE(page()->conversationView()->key(), bobChat_);
        QTRY_VERIFY(app_->mainWindow()->isActiveWindow());
        const qsizetype before = service_.shown.size();
        bob_.chat.sendText(bobChat_, QStringLiteral("I am right here"));
        waitUntilAnnHas(bobChat_, QStringLiteral("I am right here"));
        cleo_.chat.sendText(cleoChat_, QStringLiteral("Cake later?"));
        QTRY_COMPARE_WITH_TIMEOUT(service_.shown.size(), before + 1, kServerWaitMs);
        QCOMPARE(service_.shown.last().summary, cleo_.user.displayName);
    }

    // "Hide preview": who wrote, never what.
    void hiddenPreviewHasNoText() {
        app_->appSettings()->setNotificationShowsText(false);
        const qsizetype before = service_.shown.size();
        cleo_.chat.sendText(cleoChat_, QStringLiteral("the secret recipe"));
        QTRY_COMPARE_WITH_TIMEOUT(service_.shown.size(), before + 1, kServerWaitMs);
        QCOMPARE(service_.shown.last().summary, cleo_.user.displayName);
        QVERIFY2(!service_.shown.last().body.contains(QStringLiteral("secret")),
                 qPrintable(service_.shown.last().body));
        app_->appSettings()->setNotificationShowsText(true);
    }

    // A muted chat stays quiet; the next message from an unmuted one is shown.
    void mutedChatIsNotNotified() {
        app_->chatClient()->setMuted(cleoChat_, true);
        QTRY_VERIFY_WITH_TIMEOUT(app_->chatClient()->isMuted(cleoChat_), kServerWaitMs);
        page()->openConversation(bobChat_);
        const qsizetype before = service_.shown.size();
        cleo_.chat.sendText(cleoChat_, QStringLiteral("muted words"));
        waitUntilAnnHas(cleoChat_, QStringLiteral("muted words"));
        page()->openConversation(cleoChat_);
        bob_.chat.sendText(bobChat_, QStringLiteral("not muted"));
        QTRY_COMPARE_WITH_TIMEOUT(service_.shown.size(), before + 1, kServerWaitMs);
        QCOMPARE(service_.shown.last().body, QStringLiteral("not muted"));
    }

private:
    ConversationsPage* page() { return app_->mainWindow()->conversationsPage(); }

    void waitUntilAnnHas(const QString& chat, const QString& text) {
        QTRY_VERIFY_WITH_TIMEOUT(!app_->chatClient()->messages(chat).isEmpty() &&
                                     app_->chatClient()->messages(chat).last().body == text,
                                 kServerWaitMs);
    }

    // A private dbus-daemon; the service is registered on its own connection to it, so calls
    // from the client really travel through the bus.
    bool startBus() {
        if (!busDir_.isValid()) {
            return false;
        }
        const QString config = busDir_.filePath(QStringLiteral("bus.conf"));
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(QString::fromLatin1(kBusConfig).arg(busDir_.path()).toUtf8()) < 0) {
            return false;
        }
        file.close();
        bus_.start(QStringLiteral("dbus-daemon"),
                   {QStringLiteral("--config-file=") + config, QStringLiteral("--nofork"),
                    QStringLiteral("--nopidfile"), QStringLiteral("--print-address")});
        if (!bus_.waitForStarted(5'000) || !bus_.waitForReadyRead(5'000)) {
            qWarning() << "dbus-daemon did not start:" << bus_.errorString();
            return false;
        }
        const QByteArray address = bus_.readLine().trimmed();
        qputenv("DBUS_SESSION_BUS_ADDRESS", address);  // before the client's first use of it
        QDBusConnection service =
            QDBusConnection::connectToBus(QString::fromUtf8(address), kBusName);
        return service.isConnected() &&
               service.registerObject(
                   QStringLiteral("/org/freedesktop/Notifications"), &service_,
                   QDBusConnection::ExportAllSlots | QDBusConnection::ExportAllSignals) &&
               service.registerService(QStringLiteral("org.freedesktop.Notifications"));
    }

    QTemporaryDir busDir_;
    QProcess bus_;
    FakeNotificationService service_;
    ServerProcess server_;
    ChatPeer bob_;
    ChatPeer cleo_;
    std::unique_ptr<Profile> profile_;
    std::unique_ptr<AppController> app_;
    QString bobChat_;
    QString cleoChat_;
};

QTEST_MAIN(TestNotificationsGui)
#include "tst_notifications_gui.moc"
