// Settings: the profile (who is signed in), theme, language, desktop notifications, and the way
// to Devices and Blocked people. Every change applies and is saved at once (the theme live, the
// language at the next start); Close or Esc closes it.
#pragma once

#include <QDialog>

#include "core/account_types.h"

class QCheckBox;
class QComboBox;
class QLabel;

namespace natter {

class AppSettings;
class AvatarWidget;

class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    SettingsDialog(AppSettings* settings, QWidget* parent = nullptr);

    void setProfile(const natter::UserInfo& user);

signals:
    // The dialog closes first: those pages open over the main window.
    void devicesRequested();
    void blockedPeopleRequested();

private:
    QWidget* createProfile();
    QWidget* createAppearance();
    QWidget* createNotifications();
    QWidget* createPrivacy();
    void showSettings();
    void connectControls();

    AppSettings* settings_;
    QComboBox* theme_ = nullptr;
    QComboBox* language_ = nullptr;
    QCheckBox* notifications_ = nullptr;
    QCheckBox* notificationText_ = nullptr;
    QCheckBox* notificationSound_ = nullptr;
    QCheckBox* stripLocation_ = nullptr;
    AvatarWidget* avatar_ = nullptr;
    QLabel* displayName_ = nullptr;
    QLabel* username_ = nullptr;
};

}  // namespace natter
