// The window shown while signed in: a one-time notice when there is one, the connection banner,
// and the conversations (sidebar with one's own header and menu, and the open chat). Devices and
// Blocked people open from the menu as dialogs of their own.
#pragma once

#include <QMainWindow>

#include "core/account_types.h"

class QDialog;
class QLabel;

namespace natter {

class AccountClient;
class ChatActions;
class ConversationsPage;
class DevicesPage;
class PeoplePage;
class SessionsModel;
class TrayNotifier;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    MainWindow(SessionsModel* sessions, AccountClient* account, ChatActions* chat,
               QWidget* parent = nullptr);

    // The smallest the window gets: narrow enough for a side of the screen or a small one, where
    // the conversations page shows the list or the chat alone (its single-pane mode).
    static constexpr int kMinimumWidth = 360;
    static constexpr int kMinimumHeight = 420;

    void setAccount(const natter::SignedInAccount& account);
    // A notice above everything (no password storage…) with a button to dismiss it; "" hides it.
    void showNotice(const QString& text);
    bool noticeShown() const;
    // Devices and Blocked people, as opened from the menu; showConversationsPage() closes them.
    void showDevicesPage();
    void showPeoplePage();
    void showConversationsPage();
    DevicesPage* devicesPage() const { return devicesPage_; }
    PeoplePage* peoplePage() const { return peoplePage_; }
    ConversationsPage* conversationsPage() const { return conversationsPage_; }
    TrayNotifier* trayNotifier() const { return tray_; }

    // "(3) Natter" with unread messages, else "Natter".
    static QString titleFor(int totalUnread);

signals:
    // Settings… in the menu, or Ctrl+,.
    void settingsRequested();
    // Sign out in the menu, confirmed.
    void signOutRequested();
    // The user closed the notice; it should not come back.
    void noticeDismissed();
    // The app should end: the window was closed (not to the tray), or Quit in the tray menu.
    void quitRequested();

protected:
    // Hides to the tray instead, when the tray notifier says so (TrayNotifier::closesToTray).
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    QWidget* createNotice(QWidget* parent);
    QDialog* createPageDialog(QWidget* page, const QString& title, const QString& name);
    void connectMenu();
    void confirmSignOut();
    void openConversationFromNotification(const QString& conversationId);

    QWidget* noticeBar_ = nullptr;
    QLabel* notice_ = nullptr;
    DevicesPage* devicesPage_ = nullptr;
    PeoplePage* peoplePage_ = nullptr;
    QDialog* devicesDialog_ = nullptr;
    QDialog* peopleDialog_ = nullptr;
    ConversationsPage* conversationsPage_ = nullptr;
    TrayNotifier* tray_ = nullptr;
};

}  // namespace natter
