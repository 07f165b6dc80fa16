#include "ui/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/app_settings.h"
#include "protocol_limits.h"
#include "ui/avatar.h"
#include "ui/message_label.h"
#include "ui/tray_notifier.h"

namespace natter {
namespace {

constexpr int kProfileAvatarSize = 48;

void selectData(QComboBox* combo, int value) {
    combo->setCurrentIndex(qMax(0, combo->findData(value)));
}

}  // namespace

SettingsDialog::SettingsDialog(AppSettings* settings, QWidget* parent)
    : QDialog(parent), settings_(settings) {
    setWindowTitle(tr("Settings"));
    setMinimumWidth(420);  // the notification options on one line each, in German too
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* close = buttons->button(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeSettingsButton"));
    close->setAccessibleName(tr("Close settings"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(createProfile());
    layout->addWidget(createAppearance());
    layout->addWidget(createNotifications());
    layout->addWidget(createPrivacy());
    layout->addStretch();
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // The order the eye reads them in.
    setTabOrder(theme_, language_);
    setTabOrder(language_, notifications_);
    setTabOrder(notifications_, notificationText_);
    setTabOrder(notificationText_, notificationSound_);
    setTabOrder(notificationSound_, closeToTray_);
    setTabOrder(closeToTray_, close);
    showSettings();
    connectControls();
    theme_->setFocus();
}

// Who is signed in (the display name editable), and the way to this account's devices and the
// people it blocked.
QWidget* SettingsDialog::createProfile() {
    auto* group = new QGroupBox(tr("Account"), this);
    group->setObjectName(QStringLiteral("accountGroup"));
    avatar_ = new AvatarWidget(kProfileAvatarSize, group);
    QLayout* nameEditor = createNameEditor(group);  // first in the Tab order
    username_ = new QLabel(group);
    username_->setObjectName(QStringLiteral("profileUsername"));
    username_->setTextFormat(Qt::PlainText);
    username_->setForegroundRole(QPalette::PlaceholderText);
    auto* devices = new QPushButton(tr("&Devices\u2026"), group);
    devices->setObjectName(QStringLiteral("settingsDevicesButton"));
    auto* blocked = new QPushButton(tr("&Blocked people\u2026"), group);
    blocked->setObjectName(QStringLiteral("settingsBlockedButton"));
    auto* names = new QVBoxLayout;
    names->addLayout(nameEditor);
    names->addWidget(nameError_);
    names->addWidget(username_);
    auto* who = new QHBoxLayout;
    who->addWidget(avatar_, 0, Qt::AlignTop);
    who->addLayout(names, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(devices);
    buttons->addWidget(blocked);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(group);
    layout->addLayout(who);
    layout->addLayout(buttons);
    connect(devices, &QPushButton::clicked, this, [this] {
        accept();
        emit devicesRequested();
    });
    connect(blocked, &QPushButton::clicked, this, [this] {
        accept();
        emit blockedPeopleRequested();
    });
    return group;
}

// The display name and its Save button.
QLayout* SettingsDialog::createNameEditor(QWidget* group) {
    displayName_ = new QLineEdit(group);
    displayName_->setObjectName(QStringLiteral("displayNameEdit"));
    displayName_->setAccessibleName(tr("Display name"));
    displayName_->setMaxLength(limits::kDisplayNameMaxChars);
    displayName_->setPlaceholderText(tr("Your name as others see it"));
    saveName_ = new QPushButton(tr("&Save"), group);
    saveName_->setObjectName(QStringLiteral("displayNameSaveButton"));
    saveName_->setAccessibleName(tr("Save display name"));
    saveName_->setEnabled(false);
    saveName_->setDefault(true);  // Enter saves the name; Close stays for Esc and clicks
    nameError_ = createMessageLabel(MessageStyle::Error, QStringLiteral("displayNameError"), group);
    connect(displayName_, &QLineEdit::textEdited, this, [this] {
        setMessage(nameError_, {});
        updateSaveButton();
    });
    connect(saveName_, &QPushButton::clicked, this, &SettingsDialog::submitDisplayName);
    auto* row = new QHBoxLayout;
    row->addWidget(displayName_, 1);
    row->addWidget(saveName_);
    return row;
}

void SettingsDialog::setProfile(const UserInfo& user) {
    avatar_->setPerson(user.displayName, user.id);
    if (savingName_ || !displayName_->isModified()) {
        displayName_->setText(user.displayName);
    }
    savingName_ = false;
    savedName_ = user.displayName;
    username_->setText(QLatin1Char('@') + user.username);
    updateSaveButton();
}

void SettingsDialog::showDisplayNameError(const QString& message) {
    savingName_ = false;
    setMessage(nameError_, message);
    updateSaveButton();
    displayName_->setFocus();
}

void SettingsDialog::updateSaveButton() {
    const QString typed = displayName_->text().trimmed();
    saveName_->setEnabled(!savingName_ && typed != savedName_);
}

void SettingsDialog::submitDisplayName() {
    if (!saveName_->isEnabled()) {
        return;
    }
    savingName_ = true;
    setMessage(nameError_, {});
    updateSaveButton();
    emit displayNameSubmitted(displayName_->text());
}

QWidget* SettingsDialog::createAppearance() {
    auto* group = new QGroupBox(tr("Appearance"), this);
    theme_ = new QComboBox(group);
    theme_->setObjectName(QStringLiteral("themeCombo"));
    theme_->setAccessibleName(tr("Theme"));
    //: theme: follow the colours of the operating system
    theme_->addItem(tr("System"), int(AppSettings::Theme::System));
    theme_->addItem(tr("Light"), int(AppSettings::Theme::Light));
    theme_->addItem(tr("Dark"), int(AppSettings::Theme::Dark));
    language_ = new QComboBox(group);
    language_->setObjectName(QStringLiteral("languageCombo"));
    language_->setAccessibleName(tr("Language"));
    language_->addItem(tr("System default"), int(UiLanguage::System));
    //: the language's own name, as its speakers write it
    language_->addItem(tr("English"), int(UiLanguage::English));
    //: the language's own name, as its speakers write it
    language_->addItem(tr("Deutsch"), int(UiLanguage::German));
    // A new language applies at once: AppController makes the windows anew in it.
    auto* form = new QFormLayout(group);
    form->addRow(tr("&Theme:"), theme_);
    form->addRow(tr("&Language:"), language_);
    return group;
}

QWidget* SettingsDialog::createNotifications() {
    auto* group = new QGroupBox(tr("Notifications"), this);
    notifications_ = new QCheckBox(tr("Show a &notification when a message arrives"), group);
    notifications_->setObjectName(QStringLiteral("notificationsCheck"));
    notifications_->setAccessibleName(tr("Desktop notifications"));
    notificationText_ = new QCheckBox(tr("Show the message te&xt in notifications"), group);
    notificationText_->setObjectName(QStringLiteral("notificationTextCheck"));
    notificationText_->setAccessibleName(tr("Message text in notifications"));
    notificationText_->setAccessibleDescription(
        tr("When off, a notification says who wrote but not what"));
    notificationSound_ = new QCheckBox(tr("Play a &sound"), group);
    notificationSound_->setObjectName(QStringLiteral("notificationSoundCheck"));
    notificationSound_->setAccessibleName(tr("Notification sound"));
    closeToTray_ = new QCheckBox(
        tr("&Keep Natter running in the system tray when its window is closed"), group);
    closeToTray_->setObjectName(QStringLiteral("closeToTrayCheck"));
    closeToTray_->setAccessibleName(tr("Close to the system tray"));
    if (!TrayNotifier::systemTrayAvailable()) {
        closeToTray_->setEnabled(false);
        closeToTray_->setToolTip(tr("This desktop has no system tray: closing the window quits."));
    }
    auto* layout = new QVBoxLayout(group);
    layout->addWidget(notifications_);
    layout->addWidget(notificationText_);
    layout->addWidget(notificationSound_);
    layout->addWidget(closeToTray_);
    return group;
}

QWidget* SettingsDialog::createPrivacy() {
    auto* group = new QGroupBox(tr("Privacy"), this);
    stripLocation_ = new QCheckBox(tr("Remove &location data from photos"), group);
    stripLocation_->setObjectName(QStringLiteral("stripLocationCheck"));
    stripLocation_->setAccessibleDescription(
        tr("Photos are sent as a copy without where and with what they were taken"));
    auto* layout = new QVBoxLayout(group);
    layout->addWidget(stripLocation_);
    return group;
}

void SettingsDialog::showSettings() {
    selectData(theme_, int(settings_->theme()));
    selectData(language_, int(settings_->language()));
    notifications_->setChecked(settings_->notificationsEnabled());
    notificationText_->setChecked(settings_->notificationShowsText());
    notificationText_->setEnabled(settings_->notificationsEnabled());
    notificationSound_->setChecked(settings_->notificationSound());
    notificationSound_->setEnabled(settings_->notificationsEnabled());
    closeToTray_->setChecked(closeToTray_->isEnabled() && settings_->closeToTray());
    stripLocation_->setChecked(settings_->stripPhotoLocation());
}

void SettingsDialog::connectControls() {
    connect(theme_, &QComboBox::currentIndexChanged, this,
            [this] { settings_->setTheme(AppSettings::Theme(theme_->currentData().toInt())); });
    connect(language_, &QComboBox::currentIndexChanged, this,
            [this] { settings_->setLanguage(UiLanguage(language_->currentData().toInt())); });
    connect(notifications_, &QCheckBox::toggled, this, [this](bool on) {
        settings_->setNotificationsEnabled(on);
        notificationText_->setEnabled(on);
        notificationSound_->setEnabled(on);
    });
    connect(notificationSound_, &QCheckBox::toggled, settings_, &AppSettings::setNotificationSound);
    connect(closeToTray_, &QCheckBox::toggled, settings_, &AppSettings::setCloseToTray);
    connect(notificationText_, &QCheckBox::toggled, settings_,
            &AppSettings::setNotificationShowsText);
    connect(stripLocation_, &QCheckBox::toggled, settings_, &AppSettings::setStripPhotoLocation);
}

}  // namespace natter
