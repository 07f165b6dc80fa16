// Desktop notifications: a tray icon whose tooltip counts the unread messages, and a balloon
// for each new message while the window is not active. Where the desktop has no system tray
// (or on the offscreen platform) it does nothing, silently.
#pragma once

#include <QObject>
#include <QPointer>

#include "chat_types.h"

class QSystemTrayIcon;
class QWidget;

namespace natter {

class ChatClient;

class TrayNotifier : public QObject {
    Q_OBJECT

public:
    // `window` is raised when the user clicks the icon or a notification.
    TrayNotifier(ChatClient* chat, QWidget* window);

    bool isAvailable() const { return tray_ != nullptr; }
    // "Natter: 3 unread"; what the tray icon's tooltip says.
    static QString toolTipFor(int totalUnread);

    void setEnabled(bool enabled);

private:
    void onMessage(const natter::ChatMessage& message);
    void showWindow();

    ChatClient* chat_;
    QPointer<QWidget> window_;
    QSystemTrayIcon* tray_ = nullptr;  // child of this, when a tray exists
};

}  // namespace natter
