// Settings: the profile (who is signed in), theme, language, desktop notifications, and the way
// to Devices and Blocked people. Every change applies and is saved at once (the theme live, the
// language at the next start); Close or Esc closes it.
#pragma once

#include <QDialog>

#include "core/account_types.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace natter {

class AppSettings;
class AvatarWidget;

class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    SettingsDialog(AppSettings* settings, QWidget* parent = nullptr);

    // Who is signed in; a display name being edited (not saved yet) is kept.
    void setProfile(const natter::UserInfo& user);
    // The server (or the shared rules) refused the new display name: shown under it.
    void showDisplayNameError(const QString& message);

signals:
    // Save was pressed with a changed display name (as typed; the client checks it).
    void displayNameSubmitted(const QString& displayName);
    // The dialog closes first: those pages open over the main window.
    void devicesRequested();
    void blockedPeopleRequested();

private:
    QWidget* createProfile();
    QLayout* createNameEditor(QWidget* group);
    void updateSaveButton();
    void submitDisplayName();
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
    QCheckBox* closeToTray_ = nullptr;
    QCheckBox* stripLocation_ = nullptr;
    AvatarWidget* avatar_ = nullptr;
    QLineEdit* displayName_ = nullptr;
    QPushButton* saveName_ = nullptr;
    QLabel* nameError_ = nullptr;
    QLabel* username_ = nullptr;
    QString savedName_;  // the display name the server has
    bool savingName_ = false;
};

}  // namespace natter
