// A profile: its own data dir and settings, so several accounts or servers can be used side by
// side (natter --profile NAME).
#pragma once

#include <QSettings>
#include <QString>
#include <QUrl>
#include <memory>
#include <optional>

#include "core/account_types.h"
#include "core/server_addresses.h"

namespace natter {

class Profile {
public:
    static constexpr char kDefaultName[] = "default";
    static QUrl defaultServer();
    // Profile names become folder names: letters, digits, '_' and '-' only.
    static bool isValidName(const QString& name);

    // Uses <AppDataLocation>/profiles/<name>, creating it if needed.
    explicit Profile(const QString& name = QLatin1StringView(kDefaultName));

    QString name() const { return name_; }
    QString dataDir() const { return dataDir_; }
    // The profile's settings (INI): what Profile keeps and the user's preferences (AppSettings).
    QString settingsFile() const;
    QString insecureTokenFile() const;
    QString keychainService() const;

    // The server's addresses (one, or several of one deployment), kept as ServerAddresses::toText:
    // a profile from before several addresses existed holds one URL and reads unchanged.
    ServerAddresses lastServer() const;
    void setLastServer(const ServerAddresses& server);
    QString lastUsername() const;
    void setLastUsername(const QString& username);
    // Who last signed in here (also sets the last username): lets the app show that account's
    // local cache before the server answers; nullopt when unknown or for another username.
    std::optional<UserInfo> lastAccount() const;
    void setLastAccount(const UserInfo& user);
    // The name this device signed in with last; empty before the first sign-in.
    QString deviceName() const;
    void setDeviceName(const QString& name);
    bool keepSignedIn() const;
    void setKeepSignedIn(bool keep);
    // Off by default: a token in a plain file can be used by anyone who can read the file.
    bool allowInsecureTokenFile() const;
    void setAllowInsecureTokenFile(bool allow);

private:
    QString name_;
    QString dataDir_;
    std::unique_ptr<QSettings> settings_;
};

}  // namespace natter
