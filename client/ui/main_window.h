// The window shown while signed in: who is signed in, the conversations and the devices page.
#pragma once

#include <QMainWindow>

#include "core/account_types.h"

class QLabel;
class QTabWidget;

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

    void setAccount(const natter::SignedInAccount& account);
    void showNotice(const QString& text);
    void showDevicesPage();
    void showConversationsPage();
    void showPeoplePage();
    DevicesPage* devicesPage() const { return devicesPage_; }
    PeoplePage* peoplePage() const { return peoplePage_; }
    ConversationsPage* conversationsPage() const { return conversationsPage_; }
    TrayNotifier* trayNotifier() const { return tray_; }

    // "(3) Natter" with unread messages, else "Natter".
    static QString titleFor(int totalUnread);

signals:
    // Settings… in the menu, or Ctrl+,.
    void settingsRequested();

private:
    void createMenu();

    QLabel* account_ = nullptr;
    QLabel* notice_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    DevicesPage* devicesPage_ = nullptr;
    PeoplePage* peoplePage_ = nullptr;
    ConversationsPage* conversationsPage_ = nullptr;
    TrayNotifier* tray_ = nullptr;
};

}  // namespace natter
