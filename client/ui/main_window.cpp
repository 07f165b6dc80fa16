#include "ui/main_window.h"

#include <QLabel>
#include <QMenuBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/account_client.h"
#include "core/chat_actions.h"
#include "ui/app_icon.h"
#include "ui/connection_banner.h"
#include "ui/conversations_page.h"
#include "ui/devices_page.h"
#include "ui/message_label.h"
#include "ui/people_page.h"
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
    resize(900, 600);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    account_ = new QLabel(central);
    account_->setObjectName(QStringLiteral("accountLabel"));
    account_->setTextFormat(Qt::PlainText);
    QFont accountFont = account_->font();
    accountFont.setPointSizeF(accountFont.pointSizeF() * 1.2);
    accountFont.setBold(true);
    account_->setFont(accountFont);
    notice_ = createMessageLabel(MessageStyle::Notice, QStringLiteral("mainNoticeLabel"), central);
    auto* banner = new ConnectionBanner(account, chat, central);
    banner->setObjectName(QStringLiteral("connectionBanner"));
    tabs_ = new QTabWidget(central);
    conversationsPage_ = new ConversationsPage(chat, tabs_);
    conversationsPage_->setObjectName(QStringLiteral("conversationsPage"));
    tabs_->addTab(conversationsPage_, tr("Conversations"));
    devicesPage_ = new DevicesPage(sessions, tabs_);
    devicesPage_->setObjectName(QStringLiteral("devicesPage"));
    tabs_->addTab(devicesPage_, tr("Devices"));
    peoplePage_ = new PeoplePage(chat, tabs_);
    peoplePage_->setObjectName(QStringLiteral("peoplePage"));
    tabs_->addTab(peoplePage_, tr("People"));
    layout->addWidget(account_);
    layout->addWidget(notice_);
    layout->addWidget(banner);
    layout->addWidget(tabs_, 1);
    setCentralWidget(central);
    createMenu();
}

void MainWindow::createMenu() {
    QMenu* menu = menuBar()->addMenu(tr("&Natter"));
    QAction* settings = menu->addAction(tr("&Settings\u2026"));
    settings->setObjectName(QStringLiteral("settingsAction"));
    // Ctrl+, as on most desktops, and the platform's own key where it has another one.
    QList<QKeySequence> keys{QKeySequence(Qt::CTRL | Qt::Key_Comma)};
    for (const QKeySequence& key : QKeySequence::keyBindings(QKeySequence::Preferences)) {
        if (!keys.contains(key)) {
            keys << key;
        }
    }
    settings->setShortcuts(keys);
    connect(settings, &QAction::triggered, this, &MainWindow::settingsRequested);
}

QString MainWindow::titleFor(int totalUnread) {
    //: the window title with unread messages; %1 is how many
    return totalUnread > 0 ? tr("(%1) Natter").arg(totalUnread) : tr("Natter");
}

void MainWindow::setAccount(const SignedInAccount& account) {
    tray_->setEnabled(true);
    //: %1 is the display name, %2 the username
    account_->setText(
        tr("Signed in as %1 (@%2)").arg(account.user.displayName, account.user.username));
}

void MainWindow::showNotice(const QString& text) {
    setMessage(notice_, text);
}

void MainWindow::showConversationsPage() {
    tabs_->setCurrentWidget(conversationsPage_);
}

void MainWindow::showPeoplePage() {
    tabs_->setCurrentWidget(peoplePage_);
}

void MainWindow::showDevicesPage() {
    tabs_->setCurrentWidget(devicesPage_);
}

}  // namespace natter
