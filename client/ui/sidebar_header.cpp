#include "ui/sidebar_header.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QToolButton>

#include "ui/avatar.h"
#include "ui/glyph_icon.h"

namespace natter {
namespace {

constexpr int kOwnAvatarSize = 32;
constexpr int kIconSize = 20;

}  // namespace

SidebarHeader::SidebarHeader(QWidget* parent) : QWidget(parent) {
    avatar_ = new AvatarWidget(kOwnAvatarSize, this);
    avatar_->setObjectName(QStringLiteral("ownAvatar"));
    name_ = new QLabel(this);
    name_->setObjectName(QStringLiteral("ownNameLabel"));
    name_->setTextFormat(Qt::PlainText);
    // A long name is cut, never widens the list.
    name_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont bold = name_->font();
    bold.setBold(true);
    name_->setFont(bold);
    newChat_ = new QPushButton(this);
    newChat_->setObjectName(QStringLiteral("newChatButton"));
    newChat_->setIcon(glyphIcon(Glyph::NewChat));
    newChat_->setIconSize(QSize(kIconSize, kIconSize));
    newChat_->setFlat(true);
    newChat_->setToolTip(tr("New chat"));
    newChat_->setAccessibleName(tr("Start a new chat"));
    menuButton_ = new QToolButton(this);
    menuButton_->setObjectName(QStringLiteral("mainMenuButton"));
    menuButton_->setIcon(glyphIcon(Glyph::Menu));
    menuButton_->setIconSize(QSize(kIconSize, kIconSize));
    menuButton_->setAutoRaise(true);
    menuButton_->setToolTip(tr("Menu"));
    menuButton_->setAccessibleName(tr("Main menu"));
    auto* menu = new QMenu(menuButton_);
    menu->setObjectName(QStringLiteral("mainMenu"));
    setIconMenu(menuButton_, menu);
    settings_ = addMenuAction(tr("&Settings\u2026"), QStringLiteral("settingsAction"));
    devices_ = addMenuAction(tr("&Devices\u2026"), QStringLiteral("devicesAction"));
    blocked_ = addMenuAction(tr("&Blocked people\u2026"), QStringLiteral("blockedPeopleAction"));
    menu->addSeparator();
    signOut_ = addMenuAction(tr("Sign &out"), QStringLiteral("signOutAction"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 0, 4);
    layout->addWidget(menuButton_);
    layout->addWidget(avatar_);
    layout->addWidget(name_, 1);
    layout->addWidget(newChat_);
}

QAction* SidebarHeader::addMenuAction(const QString& text, const QString& name) {
    QAction* action = menuButton_->menu()->addAction(text);
    action->setObjectName(name);
    return action;
}

void SidebarHeader::setAccount(const UserInfo& user) {
    avatar_->setPerson(user.displayName, user.id);
    name_->setText(user.displayName);
    //: the tooltip on one's own name; %1 is the username
    name_->setToolTip(tr("Signed in as @%1").arg(user.username));
    avatar_->setToolTip(name_->toolTip());
}

}  // namespace natter
