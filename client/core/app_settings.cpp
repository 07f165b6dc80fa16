#include "core/app_settings.h"

#include "core/profile.h"

namespace natter {
namespace {

const QString kTheme = QStringLiteral("appearance/theme");
const QString kLanguage = QStringLiteral("appearance/language");
const QString kNotifications = QStringLiteral("notifications/enabled");
const QString kNotificationText = QStringLiteral("notifications/show_text");
const QString kNotificationSound = QStringLiteral("notifications/sound");
const QString kCloseToTray = QStringLiteral("window/close_to_tray");
const QString kStripPhotoLocation = QStringLiteral("privacy/strip_photo_location");
const QString kDismissedNotices = QStringLiteral("notices/dismissed");

// Stored as words, so the file stays readable and an unknown word falls back to the default.
const QList<std::pair<AppSettings::Theme, QString>> kThemeNames = {
    {AppSettings::Theme::System, QStringLiteral("system")},
    {AppSettings::Theme::Light, QStringLiteral("light")},
    {AppSettings::Theme::Dark, QStringLiteral("dark")},
};
const QList<std::pair<UiLanguage, QString>> kLanguageNames = {
    {UiLanguage::System, QStringLiteral("system")},
    {UiLanguage::English, QStringLiteral("en")},
    {UiLanguage::German, QStringLiteral("de")},
};

template <typename T>
T fromName(const QList<std::pair<T, QString>>& names, const QString& name) {
    for (const auto& [value, text] : names) {
        if (text == name) {
            return value;
        }
    }
    return names.first().first;  // the first entry is the default
}

template <typename T>
QString nameOf(const QList<std::pair<T, QString>>& names, T value) {
    for (const auto& [candidate, text] : names) {
        if (candidate == value) {
            return text;
        }
    }
    return names.first().second;
}

}  // namespace

AppSettings::AppSettings(const Profile& profile, QObject* parent)
    : QObject(parent),
      settings_(std::make_unique<QSettings>(profile.settingsFile(), QSettings::IniFormat)) {}

AppSettings::~AppSettings() = default;

AppSettings::Theme AppSettings::theme() const {
    return fromName(kThemeNames, settings_->value(kTheme).toString());
}

void AppSettings::setTheme(Theme theme) {
    if (theme == this->theme()) {
        return;
    }
    settings_->setValue(kTheme, nameOf(kThemeNames, theme));
    emit themeChanged(theme);
}

UiLanguage AppSettings::language() const {
    return fromName(kLanguageNames, settings_->value(kLanguage).toString());
}

void AppSettings::setLanguage(UiLanguage language) {
    if (language == this->language()) {
        return;
    }
    settings_->setValue(kLanguage, nameOf(kLanguageNames, language));
    emit languageChanged(language);
}

bool AppSettings::notificationsEnabled() const {
    return settings_->value(kNotifications, true).toBool();
}

void AppSettings::setNotificationsEnabled(bool enabled) {
    if (enabled == notificationsEnabled()) {
        return;
    }
    settings_->setValue(kNotifications, enabled);
    emit notificationsChanged();
}

bool AppSettings::notificationShowsText() const {
    return settings_->value(kNotificationText, true).toBool();
}

void AppSettings::setNotificationShowsText(bool show) {
    if (show == notificationShowsText()) {
        return;
    }
    settings_->setValue(kNotificationText, show);
    emit notificationsChanged();
}

bool AppSettings::notificationSound() const {
    return settings_->value(kNotificationSound, true).toBool();
}

void AppSettings::setNotificationSound(bool on) {
    if (on == notificationSound()) {
        return;
    }
    settings_->setValue(kNotificationSound, on);
    emit notificationsChanged();
}

bool AppSettings::closeToTray() const {
    return settings_->value(kCloseToTray, true).toBool();
}

void AppSettings::setCloseToTray(bool on) {
    settings_->setValue(kCloseToTray, on);
}

bool AppSettings::stripPhotoLocation() const {
    return settings_->value(kStripPhotoLocation, true).toBool();
}

void AppSettings::setStripPhotoLocation(bool on) {
    settings_->setValue(kStripPhotoLocation, on);
}

bool AppSettings::noticeDismissed(const QString& notice) const {
    return settings_->value(kDismissedNotices).toStringList().contains(notice);
}

void AppSettings::setNoticeDismissed(const QString& notice) {
    QStringList dismissed = settings_->value(kDismissedNotices).toStringList();
    if (!dismissed.contains(notice)) {
        dismissed << notice;
        settings_->setValue(kDismissedNotices, dismissed);
    }
}

}  // namespace natter
