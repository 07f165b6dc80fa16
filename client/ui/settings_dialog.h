// Settings: theme, language and desktop notifications for this profile. Every change applies and
// is saved at once (the theme live, the language at the next start); Close or Esc closes it.
#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;

namespace natter {

class AppSettings;

class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    SettingsDialog(AppSettings* settings, QWidget* parent = nullptr);

private:
    QWidget* createAppearance();
    QWidget* createNotifications();
    void showSettings();
    void connectControls();

    AppSettings* settings_;
    QComboBox* theme_ = nullptr;
    QComboBox* language_ = nullptr;
    QCheckBox* notifications_ = nullptr;
    QCheckBox* notificationText_ = nullptr;
};

}  // namespace natter
