// Desktop notifications: a tray icon whose tooltip counts the unread messages, and a balloon
// for each new message while the window is not active, as the user's Settings allow. Where the
// desktop has no system tray (or on the offscreen platform) no balloon appears; the decision is
// still made and announced (notificationPosted), so it can be followed and tested.
#pragma once

#include <QObject>
#include <QPointer>

#include "core/chat_types.h"

class QSystemTrayIcon;
class QWidget;

namespace natter {

class AppSettings;
class ChatActions;

class TrayNotifier : public QObject {
    Q_OBJECT

public:
    // `window` is raised when the user clicks the icon or a notification.
    TrayNotifier(ChatActions* chat, QWidget* window);

    bool isAvailable() const { return tray_ != nullptr; }
    // "Natter: 3 unread"; what the tray icon's tooltip says.
    static QString toolTipFor(int totalUnread);

    // Off while signed out.
    void setEnabled(bool enabled);
    // The user's choices (notifications on or off, message text shown or not); it must outlive
    // this notifier. Without it, notifications are on and show the text.
    void setSettings(const natter::AppSettings* settings);
    // The one gate every notification passes: signed in, switched on in Settings, the window not
    // in front, and the conversation wants it (not muted, not a chat request).
    bool shouldNotify(const natter::ChatMessage& message) const;

signals:
    // A notification for `message` was given (shown in the tray where there is one).
    void notificationPosted(const QString& title, const QString& body);

private:
    void onMessage(const natter::ChatMessage& message);
    void showWindow();

    ChatActions* chat_;
    QPointer<QWidget> window_;
    QSystemTrayIcon* tray_ = nullptr;  // child of this, when a tray exists
    const AppSettings* settings_ = nullptr;
    bool enabled_ = false;
};

}  // namespace natter
