// Helpers for the offscreen GUI tests: finding widgets, typing, screenshots, and signing in
// through the real sign-in window.
#pragma once

#include <QCheckBox>
#include <QDir>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QtTest>
#include <memory>

#include "client_test_support.h"
#include "core/chat_client.h"
#include "core/profile.h"
#include "models/message_list_model.h"
#include "server_process.h"
#include "ui/app_controller.h"
#include "ui/conversation_view.h"
#include "ui/main_window.h"
#include "ui/sign_in_window.h"

namespace natter::test {

// Test-mode settings and data paths, and the real server: for a GUI test's initTestCase().
inline bool startGuiTestServer(ServerProcess& server) {
    QStandardPaths::setTestModeEnabled(true);
    if (!server.start()) {
        qWarning().noquote() << server.log();
        return false;
    }
    return true;
}

// Base of the GUI suites that share one real server: no system keychain (as on CI), test-mode
// paths, the server started for the suite and stopped cleanly after it.
class GuiServerTest : public QObject {
    Q_OBJECT

public:
    static void initMain() { withoutSystemKeychain(); }

protected:
    ServerProcess server_;

private slots:
    void initTestCase() { QVERIFY(startGuiTestServer(server_)); }
    void cleanupTestCase() { QCOMPARE(server_.stop(), 0); }
};

template <typename T>
T* child(QObject* parent, const QString& name) {
    auto* found = parent->findChild<T*>(name);
    if (found == nullptr) {
        qWarning() << "no widget named" << name;
    }
    return found;
}

// Saves what `widget` shows to $NATTER_TEST_ARTIFACTS/fileName, for people to look at.
inline void saveScreenshot(QWidget* widget, const QString& fileName) {
    const QString dir = qEnvironmentVariable("NATTER_TEST_ARTIFACTS",
                                             QDir::temp().filePath(QStringLiteral("natter-test")));
    QVERIFY(QDir().mkpath(dir));
    QCoreApplication::processEvents();
    QVERIFY(widget->grab().save(QDir(dir).filePath(fileName)));
}

// The shown one of `parent`'s widgets named `name` (popups and dialogs that were closed before
// may linger until deleted); null when none is shown.
template <typename T>
T* shownChild(QObject* parent, const QString& name) {
    const QList<T*> found = parent->findChildren<T*>(name);
    const auto shown = std::find_if(found.cbegin(), found.cend(),
                                    [](const T* widget) { return widget->isVisible(); });
    return shown == found.cend() ? nullptr : *shown;
}

// Answers the question dialog `dialogName` that `window` asks (a QMessageBox) by clicking its
// button `buttonName`; false when no such question appears.
inline bool answerQuestion(QWidget* window, const QString& dialogName, const QString& buttonName) {
    QMessageBox* box = nullptr;
    if (!QTest::qWaitFor([&] {
            box = shownChild<QMessageBox>(window, dialogName);
            return box != nullptr;
        })) {
        return false;
    }
    auto* button = box->findChild<QAbstractButton*>(buttonName);
    if (button == nullptr) {
        return false;
    }
    QTest::mouseClick(button, Qt::LeftButton);
    return true;
}

inline QStringList column(const QAbstractItemModel* model, int role) {
    QStringList values;
    for (int row = 0; row < model->rowCount(); ++row) {
        values << model->index(row, 0).data(role).toString();
    }
    return values;
}

// The first row of `model` whose `role` holds `value`; -1 when none does.
inline int rowWhere(const QAbstractItemModel* model, int role, const QVariant& value) {
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(role) == value) {
            return row;
        }
    }
    return -1;
}

// What `role` of `row` holds; nothing for row -1 (not found).
inline QVariant at(const QAbstractItemModel* model, int row, int role) {
    return row < 0 ? QVariant() : model->index(row, 0).data(role);
}

// Opens the message menu of `row` of `view` as a right click does; null when none opens.
inline QMenu* openMessageMenu(ConversationView* view, int row) {
    QListView* list = view->messageView();
    const QModelIndex index = view->model()->index(row, 0);
    list->scrollTo(index);
    emit list->customContextMenuRequested(list->visualRect(index).center());
    return shownChild<QMenu>(view, QStringLiteral("messageMenu"));
}

inline void typeAndPressEnter(QPlainTextEdit* editor, const QString& text) {
    editor->setFocus();
    QTest::keyClicks(editor, text);
    QTest::keyClick(editor, Qt::Key_Return);
}

// Starts `app` and signs in through its window; true once the conversations are listed. With
// `keepToken`, the token is kept in the profile's file (this machine has no password storage),
// so the next start resumes the session and the local cache with it.
inline bool signInThroughWindow(AppController& app, const QUrl& server, const QString& username,
                                bool keepToken = false) {
    app.start(server);
    QWidget* signIn = app.signInWindow();
    if (!QTest::qWaitFor([&] { return signIn->isVisible(); })) {
        return false;
    }
    if (keepToken) {
        auto* fallback = child<QCheckBox>(signIn, QStringLiteral("insecureFileCheck"));
        if (fallback == nullptr || !fallback->isEnabled()) {
            return false;
        }
        fallback->setChecked(true);
    }
    child<QLineEdit>(signIn, QStringLiteral("usernameEdit"))->setText(username);
    child<QLineEdit>(signIn, QStringLiteral("passwordEdit"))->setText(kPassword);
    child<QLineEdit>(signIn, QStringLiteral("device_nameEdit"))->setText(QStringLiteral("Laptop"));
    QTest::mouseClick(child<QPushButton>(signIn, QStringLiteral("submitButton")), Qt::LeftButton);
    return QTest::qWaitFor([&] { return app.mainWindow()->isVisible(); }, kServerWaitMs) &&
           QTest::qWaitFor([&] { return app.chatClient()->isReady(); }, kServerWaitMs);
}

// Registers a new account named after `prefix` from another device ("Phone"), so that an app
// signing in with it is the account's second device. Returns the username, empty on failure.
inline QString registerOnPhone(const QUrl& server, const QString& prefix) {
    const QString username = uniqueUsername(prefix);
    AccountClient registration;
    if (!registerAccount(registration, server, username, QStringLiteral("Phone")).has_value()) {
        return {};
    }
    return username;
}

// Replaces `app` with one on a fresh profile and signs `username` in through its window.
inline bool startSignedInApp(std::unique_ptr<Profile>& profile, std::unique_ptr<AppController>& app,
                             const QUrl& server, const QString& username, bool keepToken = false) {
    app.reset();  // before the profile it uses
    profile = std::make_unique<Profile>(uniqueUsername(QStringLiteral("profile")));
    app = std::make_unique<AppController>(*profile);
    return signInThroughWindow(*app, server, username, keepToken);
}

}  // namespace natter::test
