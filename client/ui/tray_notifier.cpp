#include "ui/tray_notifier.h"

#include <QSystemTrayIcon>
#include <QWidget>

#include "core/app_settings.h"
#include "core/chat_actions.h"
#include "models/message_text.h"
#include "ui/app_icon.h"

namespace natter {

TrayNotifier::TrayNotifier(ChatActions* chat, QWidget* window)
    : QObject(window), chat_(chat), window_(window) {
    connect(chat_, &ChatActions::messageReceived, this, &TrayNotifier::onMessage);
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        return;
    }
    tray_ = new QSystemTrayIcon(appIcon(), this);
    tray_->setToolTip(toolTipFor(chat_->totalUnread()));
    connect(chat_, &ChatActions::totalUnreadChanged, tray_,
            [this](int total) { tray_->setToolTip(toolTipFor(total)); });
    connect(tray_, &QSystemTrayIcon::activated, this, &TrayNotifier::showWindow);
    connect(tray_, &QSystemTrayIcon::messageClicked, this, &TrayNotifier::showWindow);
}

QString TrayNotifier::toolTipFor(int totalUnread) {
    return totalUnread > 0 ? tr("Natter: %n unread", nullptr, totalUnread) : tr("Natter");
}

// Shown while signed in only: nothing of an account stays in the tray after signing out.
void TrayNotifier::setEnabled(bool enabled) {
    enabled_ = enabled;
    if (tray_ != nullptr) {
        tray_->setVisible(enabled);
    }
}

void TrayNotifier::setSettings(const AppSettings* settings) {
    settings_ = settings;
}

bool TrayNotifier::shouldNotify(const ChatMessage& message) const {
    // Muted conversations and chat requests stay quiet (docs/protocol.md 5.6).
    return enabled_ && (settings_ == nullptr || settings_->notificationsEnabled()) &&
           !(window_ && window_->isActiveWindow()) && chat_->wantsNotification(message);
}

void TrayNotifier::onMessage(const ChatMessage& message) {
    if (!shouldNotify(message)) {
        return;
    }
    const auto conversation = chat_->conversation(message.conversationId);
    const QString sender = message.sender ? message.sender->displayName : QString();
    const QString title = conversation && conversation->isGroup()
                              //: %1 is the sender, %2 the group
                              ? tr("%1 in %2").arg(sender, conversation->name)
                              : sender;
    const NameLookup names = [this](const QString& userId) {
        const auto user = chat_->user(userId);
        return user ? user->displayName : QString();
    };
    const QString body = settings_ != nullptr && !settings_->notificationShowsText()
                             //: a notification that keeps what was written private
                             ? tr("New message")
                             : MessageText::describe(message, chat_->myUserId(), names);
    emit notificationPosted(title, body);
    if (tray_ != nullptr && QSystemTrayIcon::supportsMessages()) {
        tray_->showMessage(title, body, appIcon());
    }
}

void TrayNotifier::showWindow() {
    if (window_) {
        window_->showNormal();
        window_->raise();
        window_->activateWindow();
    }
}

}  // namespace natter
