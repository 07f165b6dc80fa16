// Desktop notifications: a tray icon (where there is a tray) whose tooltip counts the unread
// messages, and a notification for each new message not in view, as the user's Settings allow:
// through the desktop's notification service on Linux (DesktopNotifications, no tray needed),
// else the tray balloon. Each one also asks for the taskbar's attention (QApplication::alert).
// The decision is announced (notificationPosted) whatever shows it, so it can be tested.
#pragma once

#include <QObject>
#include <QPointer>
#include <functional>

#include "core/chat_types.h"

class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace natter {

class AppSettings;
class ChatActions;
class DesktopNotifications;

class TrayNotifier : public QObject {
    Q_OBJECT

public:
    // `window` is raised when the user clicks the icon or a notification.
    TrayNotifier(ChatActions* chat, QWidget* window);

    bool isAvailable() const { return tray_ != nullptr; }
    // Whether the desktop has a system tray; assumeSystemTray() overrides it (for tests on
    // platforms without one), before any notifier is made.
    static bool systemTrayAvailable();
    static void assumeSystemTray(bool available);
    // The tray icon's menu (Show Natter, Quit); null without a tray.
    QMenu* menu() const { return menu_; }
    // "Natter: 3 unread"; what the tray icon's tooltip says.
    static QString toolTipFor(int totalUnread);

    // Off while signed out.
    void setEnabled(bool enabled);
    // The user's choices (notifications on or off, message text shown or not); it must outlive
    // this notifier. Without it, notifications are on and show the text.
    void setSettings(natter::AppSettings* settings);
    // Closing the window hides it to the tray: there is one, signed in, and Settings allow it.
    bool closesToTray() const;
    // Hides the window to the tray; the first time ever, a notice says where it went.
    void hideToTray();
    // Shows, raises and activates the window (the tray icon, Show Natter, a notification).
    void showWindow();
    // The conversation the user is looking at ("" when the window is not in front).
    void setOpenConversation(std::function<QString()> openConversation);
    // The one gate every notification passes: signed in, switched on in Settings, not the chat
    // in view, and the conversation wants it (not muted, not a chat request).
    bool shouldNotify(const natter::ChatMessage& message) const;

signals:
    // A notification for `message` was given (shown in the tray where there is one).
    void notificationPosted(const QString& title, const QString& body);
    // The user clicked the notification for a message in `conversationId`.
    void conversationRequested(const QString& conversationId);
    // Quit in the tray menu: the app ends (it does not just hide).
    void quitRequested();
    // The one-time notice after the window first hid to the tray.
    void trayNoticePosted(const QString& title, const QString& body);

private:
    void onMessage(const natter::ChatMessage& message);
    void createMenu();
    QString bodyFor(const natter::ChatMessage& message) const;
    void showInTray(const QString& title, const QString& body);

    ChatActions* chat_;
    QPointer<QWidget> window_;
    QSystemTrayIcon* tray_ = nullptr;          // child of this, when a tray exists
    DesktopNotifications* desktop_ = nullptr;  // child of this, where built with D-Bus
    AppSettings* settings_ = nullptr;
    QMenu* menu_ = nullptr;  // child of the window, when a tray exists
    std::function<QString()> openConversation_;
    QString lastConversation_;  // the one the tray balloon (which carries no id) is about
    bool enabled_ = false;
};

}  // namespace natter
