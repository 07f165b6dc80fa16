// The state of the link to the server, above every page of the main window: "Connecting…",
// "Offline. Reconnecting in N s." with "Reconnect now", "Updating conversations…"; hidden while
// all is well.
#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace natter {

class AccountClient;
class ChatActions;

class ConnectionBanner : public QWidget {
    Q_OBJECT

public:
    ConnectionBanner(AccountClient* account, ChatActions* chat, QWidget* parent = nullptr);

private:
    void refresh();

    AccountClient* account_;
    ChatActions* chat_;
    QLabel* state_;
    QPushButton* reconnectNow_;
};

}  // namespace natter
