#include "ui/tray_notifier.h"

#include <QApplication>
#include <QMenu>
#include <QSystemTrayIcon>
#include <QWidget>
#include <optional>

#include "core/app_settings.h"
#include "core/chat_actions.h"
#include "models/message_text.h"
#include "ui/app_icon.h"
#ifdef NATTER_HAVE_DBUS
#include "ui/desktop_notifications.h"
#endif

namespace natter {
namespace {

// The one-time notice after the window first hid to the tray (AppSettings::noticeDismissed).
const QString kClosedToTrayNotice = QStringLiteral("closed_to_tray");
std::optional<bool> assumedTray;  // assumeSystemTray()

}  // namespace

bool TrayNotifier::systemTrayAvailable() {
    return assumedTray.value_or(QSystemTrayIcon::isSystemTrayAvailable());
}

void TrayNotifier::assumeSystemTray(bool available) {
    assumedTray = available;
}

TrayNotifier::TrayNotifier(ChatActions* chat, QWidget* window)
    : QObject(window), chat_(chat), window_(window) {
    connect(chat_, &ChatActions::messageReceived, this, &TrayNotifier::onMessage);
#ifdef NATTER_HAVE_DBUS
    desktop_ = new DesktopNotifications(this);
    connect(desktop_, &DesktopNotifications::activated, this, &TrayNotifier::conversationRequested);
    connect(desktop_, &DesktopNotifications::failed, this, &TrayNotifier::showInTray);
#endif
    if (!systemTrayAvailable()) {
        return;
    }
    tray_ = new QSystemTrayIcon(appIcon(), this);
    createMenu();
    tray_->setToolTip(toolTipFor(chat_->totalUnread()));
    connect(chat_, &ChatActions::totalUnreadChanged, tray_,
            [this](int total) { tray_->setToolTip(toolTipFor(total)); });
    connect(tray_, &QSystemTrayIcon::activated, this, &TrayNotifier::showWindow);
    connect(tray_, &QSystemTrayIcon::messageClicked, this, [this] {
        if (lastConversation_.isEmpty()) {
            showWindow();
        } else {
            emit conversationRequested(lastConversation_);
        }
    });
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

void TrayNotifier::setSettings(AppSettings* settings) {
    settings_ = settings;
}

void TrayNotifier::createMenu() {
    menu_ = new QMenu(window_);
    menu_->setObjectName(QStringLiteral("trayMenu"));
    QAction* show = menu_->addAction(tr("&Show Natter"), this, &TrayNotifier::showWindow);
    show->setObjectName(QStringLiteral("trayShowAction"));
    menu_->addSeparator();
    QAction* quit = menu_->addAction(tr("&Quit Natter"), this, &TrayNotifier::quitRequested);
    quit->setObjectName(QStringLiteral("trayQuitAction"));
    tray_->setContextMenu(menu_);
}

bool TrayNotifier::closesToTray() const {
    return tray_ != nullptr && enabled_ && (settings_ == nullptr || settings_->closeToTray());
}

void TrayNotifier::hideToTray() {
    // Hiding the last window must not end the app: it lives on in the tray.
    QGuiApplication::setQuitOnLastWindowClosed(false);
    if (window_) {
        window_->hide();
    }
    if (settings_ == nullptr || settings_->noticeDismissed(kClosedToTrayNotice)) {
        return;
    }
    settings_->setNoticeDismissed(kClosedToTrayNotice);
    const QString title = tr("Natter is still running");
    const QString body =
        tr("Natter keeps receiving messages in the system tray. Click its icon to "
           "open the window again, or choose Quit Natter in its menu to quit.");
    emit trayNoticePosted(title, body);
    showInTray(title, body);
}

void TrayNotifier::setOpenConversation(std::function<QString()> openConversation) {
    openConversation_ = std::move(openConversation);
}

bool TrayNotifier::shouldNotify(const ChatMessage& message) const {
    const bool inView = openConversation_ ? openConversation_() == message.conversationId
                                          : window_ && window_->isActiveWindow();
    // Muted conversations and chat requests stay quiet (docs/protocol.md 5.6).
    return enabled_ && (settings_ == nullptr || settings_->notificationsEnabled()) && !inView &&
           chat_->wantsNotification(message);
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
    const QString body = bodyFor(message);
    emit notificationPosted(title, body);
    lastConversation_ = message.conversationId;
    if (window_ && !window_->isActiveWindow()) {
        QApplication::alert(window_);  // the taskbar entry asks for attention
    }
    const bool sound = settings_ == nullptr || settings_->notificationSound();
    if (desktop_ != nullptr && desktop_->show(title, body, message.conversationId, sound)) {
        return;
    }
    if (sound) {
        QApplication::beep();
    }
    showInTray(title, body);
}

QString TrayNotifier::bodyFor(const ChatMessage& message) const {
    if (settings_ != nullptr && !settings_->notificationShowsText()) {
        //: a notification that keeps what was written private
        return tr("New message");
    }
    const NameLookup names = [this](const QString& userId) {
        const auto user = chat_->user(userId);
        return user ? user->displayName : QString();
    };
    return MessageText::notificationText(message, chat_->myUserId(), names);
}

void TrayNotifier::showInTray(const QString& title, const QString& body) {
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
