// The user's own preferences for one profile (the Settings dialog): theme, language and desktop
// notifications. Kept in the profile's settings file, next to what Profile keeps there.
#pragma once

#include <QObject>
#include <QSettings>
#include <memory>

#include "core/translations.h"

namespace natter {

class Profile;

class AppSettings : public QObject {
    Q_OBJECT

public:
    enum class Theme { System, Light, Dark };
    Q_ENUM(Theme)

    explicit AppSettings(const Profile& profile, QObject* parent = nullptr);
    ~AppSettings() override;

    Theme theme() const;
    void setTheme(Theme theme);
    // Read once at start (the language is not switched while running).
    UiLanguage language() const;
    void setLanguage(UiLanguage language);
    bool notificationsEnabled() const;
    void setNotificationsEnabled(bool enabled);
    // Off keeps what people write off the screen (and out of notification logs): the
    // notification then only says who wrote.
    bool notificationShowsText() const;
    void setNotificationShowsText(bool show);
    // A sound with each notification (the desktop's "new message" sound).
    bool notificationSound() const;
    void setNotificationSound(bool on);
    // Closing the main window hides it to the system tray (where there is one) and Natter keeps
    // receiving; on by default.
    bool closeToTray() const;
    void setCloseToTray(bool on);
    // Photos go out as a re-encoded copy without their metadata (EXIF: GPS position, camera).
    // On by default.
    bool stripPhotoLocation() const;
    void setStripPhotoLocation(bool on);
    // One-time notices (no password storage…) the user dismissed: not shown again.
    bool noticeDismissed(const QString& notice) const;
    void setNoticeDismissed(const QString& notice);

signals:
    void themeChanged(natter::AppSettings::Theme theme);
    void languageChanged(natter::UiLanguage language);
    void notificationsChanged();

private:
    std::unique_ptr<QSettings> settings_;
};

}  // namespace natter
