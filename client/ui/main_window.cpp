#include "ui/main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/account_client.h"
#include "core/chat_actions.h"
#include "ui/app_icon.h"
#include "ui/confirmation.h"
#include "ui/connection_banner.h"
#include "ui/conversation_view.h"
#include "ui/conversations_page.h"
#include "ui/devices_page.h"
#include "ui/glyph_icon.h"
#include "ui/message_label.h"
#include "ui/people_page.h"
#include "ui/sidebar_header.h"
#include "ui/tray_notifier.h"

namespace natter {

MainWindow::MainWindow(SessionsModel* sessions, AccountClient* account, ChatActions* chat,
                       QWidget* parent)
    : QMainWindow(parent) {
    setWindowIcon(appIcon());
    setWindowTitle(titleFor(chat->totalUnread()));
    connect(chat, &ChatActions::totalUnreadChanged, this,
            [this](int total) { setWindowTitle(titleFor(total)); });
    tray_ = new TrayNotifier(chat, this);
    connect(account, &AccountClient::signedOut, tray_, [this] { tray_->setEnabled(false); });
    setMinimumSize(kMinimumWidth, kMinimumHeight);
    resize(960, 640);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* banner = new ConnectionBanner(account, chat, central);
    banner->setObjectName(QStringLiteral("connectionBanner"));
    conversationsPage_ = new ConversationsPage(chat, central);
    conversationsPage_->setObjectName(QStringLiteral("conversationsPage"));
    layout->addWidget(createNotice(central));
    layout->addWidget(banner);
    layout->addWidget(conversationsPage_, 1);
    setCentralWidget(central);

    devicesPage_ = new DevicesPage(sessions);
    devicesPage_->setObjectName(QStringLiteral("devicesPage"));
    devicesDialog_ = createPageDialog(devicesPage_, tr("Devices"), QStringLiteral("devicesDialog"));
    peoplePage_ = new PeoplePage(chat);
    peoplePage_->setObjectName(QStringLiteral("peoplePage"));
    peopleDialog_ =
        createPageDialog(peoplePage_, tr("Blocked people"), QStringLiteral("blockedPeopleDialog"));
    connectMenu();
    tray_->setOpenConversation([this] {
        return isActiveWindow() ? conversationsPage_->conversationView()->key() : QString();
    });
    connect(tray_, &TrayNotifier::conversationRequested, this,
            &MainWindow::openConversationFromNotification);
    connect(tray_, &TrayNotifier::quitRequested, this, &MainWindow::quitRequested);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (tray_->closesToTray()) {
        event->ignore();
        tray_->hideToTray();
        return;
    }
    QMainWindow::closeEvent(event);
    emit quitRequested();
}

void MainWindow::showEvent(QShowEvent* event) {
    // Back from the tray: closing the last window quits again, as usual.
    QGuiApplication::setQuitOnLastWindowClosed(true);
    QMainWindow::showEvent(event);
}

QWidget* MainWindow::createNotice(QWidget* parent) {
    noticeBar_ = new QWidget(parent);
    noticeBar_->setObjectName(QStringLiteral("noticeBar"));
    notice_ =
        createMessageLabel(MessageStyle::Notice, QStringLiteral("mainNoticeLabel"), noticeBar_);
    auto* dismiss = new QToolButton(noticeBar_);
    dismiss->setObjectName(QStringLiteral("dismissNoticeButton"));
    dismiss->setIcon(glyphIcon(Glyph::Close));
    dismiss->setAutoRaise(true);
    dismiss->setToolTip(tr("Dismiss"));
    dismiss->setAccessibleName(tr("Dismiss this notice"));
    auto* row = new QHBoxLayout(noticeBar_);
    row->addWidget(notice_, 1);
    row->addWidget(dismiss, 0, Qt::AlignTop);
    noticeBar_->setVisible(false);
    connect(dismiss, &QToolButton::clicked, this, [this] {
        showNotice({});
        emit noticeDismissed();
    });
    return noticeBar_;
}

// A page (Devices, Blocked people) in a dialog of its own, opened from the menu.
QDialog* MainWindow::createPageDialog(QWidget* page, const QString& title, const QString& name) {
    auto* dialog = new QDialog(this);
    dialog->setObjectName(name);
    dialog->setWindowTitle(title);
    dialog->resize(520, 420);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(page, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return dialog;
}

void MainWindow::connectMenu() {
    SidebarHeader* header = conversationsPage_->sidebarHeader();
    QAction* settings = header->settingsAction();
    // Ctrl+, as on most desktops, and the platform's own key where it has another one; the
    // action is the window's too, so the keys work while the menu is closed.
    QList<QKeySequence> keys{QKeySequence(Qt::CTRL | Qt::Key_Comma)};
    for (const QKeySequence& key : QKeySequence::keyBindings(QKeySequence::Preferences)) {
        if (!keys.contains(key)) {
            keys << key;
        }
    }
    settings->setShortcuts(keys);
    addAction(settings);
    connect(settings, &QAction::triggered, this, &MainWindow::settingsRequested);
    connect(header->devicesAction(), &QAction::triggered, this, &MainWindow::showDevicesPage);
    connect(header->blockedPeopleAction(), &QAction::triggered, this, &MainWindow::showPeoplePage);
    connect(header->signOutAction(), &QAction::triggered, this, &MainWindow::confirmSignOut);
}

void MainWindow::confirmSignOut() {
    const Confirmation question{QStringLiteral("signOutConfirmDialog"),
                                QStringLiteral("confirmSignOutButton"), tr("Sign out"),
                                tr("Sign out of Natter on this device?"), tr("Sign out")};
    askToConfirm(this, question, [this] { emit signOutRequested(); });
}

QString MainWindow::titleFor(int totalUnread) {
    //: the window title with unread messages; %1 is how many
    return totalUnread > 0 ? tr("(%1) Natter").arg(totalUnread) : tr("Natter");
}

void MainWindow::setAccount(const SignedInAccount& account) {
    tray_->setEnabled(true);
    conversationsPage_->sidebarHeader()->setAccount(account.user);
}

void MainWindow::showNotice(const QString& text) {
    setMessage(notice_, text);
    noticeBar_->setVisible(!text.isEmpty());
}

bool MainWindow::noticeShown() const {
    return !noticeBar_->isHidden();
}

void MainWindow::showConversationsPage() {
    devicesDialog_->hide();
    peopleDialog_->hide();
}

void MainWindow::showPeoplePage() {
    peopleDialog_->show();
    peopleDialog_->raise();
    peopleDialog_->activateWindow();
}

void MainWindow::showDevicesPage() {
    devicesDialog_->show();
    devicesDialog_->raise();
    devicesDialog_->activateWindow();
}

void MainWindow::openConversationFromNotification(const QString& conversationId) {
    showConversationsPage();
    showNormal();
    raise();
    activateWindow();
    conversationsPage_->openConversation(conversationId);
}

}  // namespace natter
