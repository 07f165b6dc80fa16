// Two real `natter` programs in real X11 windows (Xvfb on a free display), driven like a person
// with xdotool against the real natter-server: Ann and Bob sign in by typing into the sign-in
// window, Ann opens the chat with Ctrl+F, types a message into the composer and presses Enter;
// Bob's account receives it (checked over the protocol by a device of Bob's in this test) and
// Bob's window counts it ("(2) Natter" in its title). Screenshots of the whole screen (xwd, then
// convert) are saved to $NATTER_TEST_ARTIFACTS/xdotool-*.png. Fails, never skips, when Xvfb,
// xdotool, xwd or convert is missing: test.sh installs them (packaging/build-helpers.sh).
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "chat_test_support.h"
#include "client_test_support.h"
#include "server_process.h"

using namespace natter;
using namespace natter::test;

namespace {

constexpr int kFirstDisplay = 90;  // above the ones desktops and CI runners usually take
constexpr int kDisplaysTried = 60;
constexpr int kWindowWaitMs = 20'000;

QString artifactsDir() {
    return qEnvironmentVariable("NATTER_TEST_ARTIFACTS",
                                QDir::temp().filePath(QStringLiteral("natter-test")));
}

}  // namespace

class TestRealWindowXdotool : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        for (const char* tool : {"Xvfb", "xdotool", "xwd", "convert"}) {
            QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
                     qPrintable(QStringLiteral("%1 is not installed (./test.sh installs it)")
                                    .arg(QString::fromLatin1(tool))));
        }
        QVERIFY(home_.isValid());
        QVERIFY(server_.start());
        QVERIFY(startXvfb());
    }

    void cleanupTestCase() {
        for (auto& app : apps_) {
            stopProcess(*app);
        }
        stopProcess(xvfb_);
        QCOMPARE(server_.stop(), 0);
    }

    void typedMessageReachesBob() {
        ChatPeer annDevice;
        ChatPeer bobDevice;
        QVERIFY(annDevice.signUp(server_.url(), QStringLiteral("ann")));
        QVERIFY(bobDevice.signUp(server_.url(), QStringLiteral("bob")));
        // A chat that Ann started and Bob accepted, with one unread message for Bob.
        annDevice.chat.sendTextToUser(bobDevice.user, QStringLiteral("Hi Bob, it's Ann"));
        QString chat;
        QVERIFY(QTest::qWaitFor(
            [&] {
                chat =
                    bobDevice.chat.privateConversationWith(annDevice.user.id).value_or(QString());
                return !chat.isEmpty();
            },
            kServerWaitMs));
        bobDevice.chat.acceptRequest(chat);
        QTRY_VERIFY_WITH_TIMEOUT(!bobDevice.chat.conversation(chat)->request, kServerWaitMs);

        const QString annWindow = startApp(QStringLiteral("ann"), QPoint(0, 0));
        QVERIFY(!annWindow.isEmpty());
        const QString bobWindow = startApp(QStringLiteral("bob"), QPoint(640, 0));
        QVERIFY(!bobWindow.isEmpty());
        shoot(QStringLiteral("xdotool-1-sign-in.png"));
        // One after the other: a main window that appears takes the keyboard focus.
        signIn(annWindow, annDevice.user.username);
        const QString annMain = waitForTitle(annWindow, QStringLiteral("Natter"));
        QVERIFY(!annMain.isEmpty());
        signIn(bobWindow, bobDevice.user.username);
        const QString bobMain = waitForTitle(bobWindow, QStringLiteral("(1) Natter"));
        QVERIFY(!bobMain.isEmpty());
        placeWindow(annMain, QPoint(0, 0));
        placeWindow(bobMain, QPoint(640, 0));

        // Ctrl+F, Bob's name, Enter: the chat opens with the composer focused.
        const QString text = QStringLiteral("Typed in a real window");
        xdo({QStringLiteral("windowfocus"), QStringLiteral("--sync"), annMain});
        xdo({QStringLiteral("key"), QStringLiteral("--clearmodifiers"), QStringLiteral("ctrl+f")});
        xdo({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("20"),
             bobDevice.user.displayName});
        xdo({QStringLiteral("key"), QStringLiteral("Return")});
        xdo({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("20"), text});
        shoot(QStringLiteral("xdotool-2-typed.png"));
        xdo({QStringLiteral("key"), QStringLiteral("Return")});

        QTRY_VERIFY_WITH_TIMEOUT(bobDevice.bodies(chat).contains(text), kServerWaitMs);
        QVERIFY(!waitForTitle(bobWindow, QStringLiteral("(2) Natter")).isEmpty());
        shoot(QStringLiteral("xdotool-3-received.png"));
    }

private:
    bool startXvfb() {
        for (int display = kFirstDisplay; display < kFirstDisplay + kDisplaysTried; ++display) {
            if (QFile::exists(QStringLiteral("/tmp/.X%1-lock").arg(display)) ||
                QFile::exists(QStringLiteral("/tmp/.X11-unix/X%1").arg(display))) {
                continue;
            }
            display_ = QStringLiteral(":%1").arg(display);
            xvfb_.start(QStringLiteral("Xvfb"),
                        {display_, QStringLiteral("-screen"), QStringLiteral("0"),
                         QStringLiteral("1280x720x24"), QStringLiteral("-nolisten"),
                         QStringLiteral("tcp")});
            const QString socket = QStringLiteral("/tmp/.X11-unix/X%1").arg(display);
            const bool up =
                xvfb_.waitForStarted() &&
                QTest::qWaitFor(
                    [&] { return xvfb_.state() == QProcess::NotRunning || QFile::exists(socket); },
                    kWindowWaitMs);
            if (up && xvfb_.state() == QProcess::Running) {
                return true;
            }
            stopProcess(xvfb_);  // another server took the number first: the next one
        }
        return false;
    }

    QProcessEnvironment appEnvironment(const QString& who) const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DISPLAY"), display_);
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        // The test's own places for settings and caches; no keychain (no session bus).
        for (const char* name : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"}) {
            env.insert(QString::fromLatin1(name),
                       home_.filePath(who + QLatin1Char('/') + QString::fromLatin1(name)));
        }
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=/nonexistent/natter-test-bus"));
        env.remove(QStringLiteral("NATTER_TEST_ARTIFACTS"));
        return env;
    }

    // Starts `natter --profile <who>` and returns its sign-in window's X id.
    QString startApp(const QString& who, const QPoint& place) {
        auto app = std::make_unique<QProcess>();
        app->setProcessEnvironment(appEnvironment(who));
        app->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        app->start(QStringLiteral(NATTER_CLIENT_BINARY),
                   {QStringLiteral("--profile"), who, QStringLiteral("--server"),
                    server_.url().toString()});
        if (!app->waitForStarted()) {
            return {};
        }
        const QString pid = QString::number(app->processId());
        apps_.push_back(std::move(app));
        const QString window = waitForWindow(pid, QStringLiteral("Natter"));
        if (!window.isEmpty()) {
            placeWindow(window, place);
        }
        return window;
    }

    void placeWindow(const QString& window, const QPoint& place) {
        xdo({QStringLiteral("windowmove"), window, QString::number(place.x()),
             QString::number(place.y())});
        xdo({QStringLiteral("windowsize"), window, QStringLiteral("640"), QStringLiteral("720")});
    }

    // The username field has the focus in a fresh profile; Tab goes on to the password.
    void signIn(const QString& window, const QString& username) {
        xdo({QStringLiteral("windowfocus"), QStringLiteral("--sync"), window});
        xdo({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("20"), username});
        xdo({QStringLiteral("key"), QStringLiteral("Tab")});
        xdo({QStringLiteral("type"), QStringLiteral("--delay"), QStringLiteral("20"), kPassword});
        xdo({QStringLiteral("key"), QStringLiteral("Return")});
    }

    // The X id of a shown window titled `title` of the program that shows `signInWindow` (the
    // main window is another X window than the sign-in one); "" when none appears in time.
    QString waitForTitle(const QString& signInWindow, const QString& title) {
        const QString pid = xdo({QStringLiteral("getwindowpid"), signInWindow});
        return waitForWindow(pid, QStringLiteral("^%1$").arg(QRegularExpression::escape(title)));
    }

    // The first shown window of process `pid` whose title matches `titlePattern`, once there.
    QString waitForWindow(const QString& pid, const QString& titlePattern) {
        QString found;
        const bool shown = QTest::qWaitFor(
            [&] {
                // --all: every condition must hold (xdotool's default is any of them).
                found = xdo({QStringLiteral("search"), QStringLiteral("--all"),
                             QStringLiteral("--onlyvisible"), QStringLiteral("--pid"), pid,
                             QStringLiteral("--name"), titlePattern})
                            .section(QLatin1Char('\n'), 0, 0);
                return !found.isEmpty();
            },
            kWindowWaitMs);
        return shown ? found : QString();
    }

    QString xdo(const QStringList& arguments) {
        QProcess xdotool;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DISPLAY"), display_);
        xdotool.setProcessEnvironment(env);
        xdotool.start(QStringLiteral("xdotool"), arguments);
        xdotool.waitForFinished(kWindowWaitMs);
        return QString::fromUtf8(xdotool.readAllStandardOutput()).trimmed();
    }

    // The whole screen as the person sees it: xwd, then convert to PNG.
    void shoot(const QString& fileName) {
        QVERIFY(QDir().mkpath(artifactsDir()));
        const QString xwdFile = home_.filePath(QStringLiteral("screen.xwd"));
        QProcess xwd;
        xwd.setProcessEnvironment(appEnvironment(QStringLiteral("shot")));
        xwd.start(QStringLiteral("xwd"), {QStringLiteral("-root"), QStringLiteral("-silent"),
                                          QStringLiteral("-out"), xwdFile});
        QVERIFY(xwd.waitForFinished(kWindowWaitMs) && xwd.exitCode() == 0);
        QCOMPARE(QProcess::execute(QStringLiteral("convert"),
                                   {xwdFile, QDir(artifactsDir()).filePath(fileName)}),
                 0);
    }

    static void stopProcess(QProcess& process) {
        if (process.state() == QProcess::NotRunning) {
            return;
        }
        process.terminate();
        if (!process.waitForFinished(5'000)) {
            process.kill();
            process.waitForFinished();
        }
    }

    ServerProcess server_;
    QTemporaryDir home_;
    QProcess xvfb_;
    QString display_;
    std::vector<std::unique_ptr<QProcess>> apps_;
};

QTEST_MAIN(TestRealWindowXdotool)
#include "tst_real_window_xdotool.moc"
