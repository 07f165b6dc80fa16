#include "ui/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/app_settings.h"
#include "ui/avatar.h"

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
    setMinimumWidth(420);  // the restart note on two lines at most, in German too
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
    setTabOrder(notificationSound_, close);
    showSettings();
    connectControls();
    theme_->setFocus();
}

// Who is signed in, and the way to this account's devices and the people it blocked.
QWidget* SettingsDialog::createProfile() {
    auto* group = new QGroupBox(tr("Account"), this);
    avatar_ = new AvatarWidget(kProfileAvatarSize, group);
    displayName_ = new QLabel(group);
    displayName_->setObjectName(QStringLiteral("profileDisplayName"));
    displayName_->setTextFormat(Qt::PlainText);
    QFont bold = displayName_->font();
    bold.setBold(true);
    displayName_->setFont(bold);
    username_ = new QLabel(group);
    username_->setObjectName(QStringLiteral("profileUsername"));
    username_->setTextFormat(Qt::PlainText);
    username_->setForegroundRole(QPalette::PlaceholderText);
    auto* devices = new QPushButton(tr("&Devices\u2026"), group);
    devices->setObjectName(QStringLiteral("settingsDevicesButton"));
    auto* blocked = new QPushButton(tr("&Blocked people\u2026"), group);
    blocked->setObjectName(QStringLiteral("settingsBlockedButton"));
    auto* names = new QVBoxLayout;
    names->addWidget(displayName_);
    names->addWidget(username_);
    auto* who = new QHBoxLayout;
    who->addWidget(avatar_);
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

void SettingsDialog::setProfile(const UserInfo& user) {
    avatar_->setPerson(user.displayName, user.id);
    displayName_->setText(user.displayName);
    username_->setText(QLatin1Char('@') + user.username);
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
    auto* restartNote = new QLabel(tr("A new language takes effect after a restart."), group);
    restartNote->setObjectName(QStringLiteral("languageRestartNote"));
    restartNote->setWordWrap(true);
    restartNote->setForegroundRole(QPalette::PlaceholderText);
    auto* form = new QFormLayout(group);
    form->addRow(tr("&Theme:"), theme_);
    form->addRow(tr("&Language:"), language_);
    form->addRow(QString(), restartNote);
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
    auto* layout = new QVBoxLayout(group);
    layout->addWidget(notifications_);
    layout->addWidget(notificationText_);
    layout->addWidget(notificationSound_);
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
    connect(notificationText_, &QCheckBox::toggled, settings_,
            &AppSettings::setNotificationShowsText);
    connect(stripLocation_, &QCheckBox::toggled, settings_, &AppSettings::setStripPhotoLocation);
}

}  // namespace natter
