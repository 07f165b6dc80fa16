// The top of the conversation list: one's own avatar and name, New chat as an icon button, and
// the main menu (Settings, Devices, Blocked people, Sign out) behind a menu button. It replaces
// the menu bar, the "Signed in as" line and the tabs of the first version.
#pragma once

#include <QWidget>

#include "core/account_types.h"

class QAction;
class QLabel;
class QPushButton;
class QToolButton;

namespace natter {

class AvatarWidget;

class SidebarHeader : public QWidget {
    Q_OBJECT

public:
    explicit SidebarHeader(QWidget* parent = nullptr);

    void setAccount(const natter::UserInfo& user);
    QPushButton* newChatButton() const { return newChat_; }
    QToolButton* menuButton() const { return menuButton_; }
    QAction* settingsAction() const { return settings_; }
    QAction* devicesAction() const { return devices_; }
    QAction* blockedPeopleAction() const { return blocked_; }
    QAction* signOutAction() const { return signOut_; }

private:
    QAction* addMenuAction(const QString& text, const QString& name);

    AvatarWidget* avatar_;
    QLabel* name_;
    QPushButton* newChat_;
    QToolButton* menuButton_;
    QAction* settings_;
    QAction* devices_;
    QAction* blocked_;
    QAction* signOut_;
};

}  // namespace natter
