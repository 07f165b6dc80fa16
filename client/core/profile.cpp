#include "core/profile.h"

#include <QDir>
#include <QRegularExpression>
#include <QStandardPaths>
#include <algorithm>

#include "protocol_limits.h"

namespace natter {
namespace {

const QString kLastServer = QStringLiteral("account/last_server");
const QString kLastUsername = QStringLiteral("account/last_username");
const QString kLastUserId = QStringLiteral("account/last_user_id");
const QString kLastDisplayName = QStringLiteral("account/last_display_name");
const QString kLastUserUsername = QStringLiteral("account/last_user_username");
const QString kDeviceName = QStringLiteral("account/device_name");
const QString kKeepSignedIn = QStringLiteral("account/keep_signed_in");
const QString kAllowInsecureTokenFile = QStringLiteral("security/allow_insecure_token_file");

}  // namespace

QUrl Profile::defaultServer() {
    return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(limits::kDefaultPort));
}

bool Profile::isValidName(const QString& name) {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return pattern.match(name).hasMatch();
}

Profile::Profile(const QString& name)
    : name_(name),
      dataDir_(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
               QStringLiteral("/profiles/") + name) {
    QDir().mkpath(dataDir_);
    settings_ = std::make_unique<QSettings>(settingsFile(), QSettings::IniFormat);
}

QString Profile::settingsFile() const {
    return dataDir_ + QStringLiteral("/settings.ini");
}

QString Profile::insecureTokenFile() const {
    return dataDir_ + QStringLiteral("/tokens.json");
}

QString Profile::keychainService() const {
    return QStringLiteral("natter/") + name_;
}

ServerAddresses Profile::lastServer() const {
    const ServerAddresses server = ServerAddresses::parse(settings_->value(kLastServer).toString());
    const bool valid =
        !server.isEmpty() && std::all_of(server.urls().begin(), server.urls().end(),
                                         [](const QUrl& url) { return url.isValid(); });
    return valid ? server : ServerAddresses(defaultServer());
}

void Profile::setLastServer(const ServerAddresses& server) {
    settings_->setValue(kLastServer, server.toText());
}

QString Profile::lastUsername() const {
    return settings_->value(kLastUsername).toString();
}

void Profile::setLastUsername(const QString& username) {
    settings_->setValue(kLastUsername, username);
}

std::optional<UserInfo> Profile::lastAccount() const {
    const UserInfo user{settings_->value(kLastUserId).toString(), lastUsername(),
                        settings_->value(kLastDisplayName).toString()};
    // The id belongs to the remembered username only if it was saved with it.
    if (user.id.isEmpty() || user.username.isEmpty() ||
        settings_->value(kLastUserUsername).toString() != user.username) {
        return std::nullopt;
    }
    return user;
}

void Profile::setLastAccount(const UserInfo& user) {
    setLastUsername(user.username);
    settings_->setValue(kLastUserId, user.id);
    settings_->setValue(kLastUserUsername, user.username);
    settings_->setValue(kLastDisplayName, user.displayName);
}

QString Profile::deviceName() const {
    return settings_->value(kDeviceName).toString();
}

void Profile::setDeviceName(const QString& name) {
    settings_->setValue(kDeviceName, name);
}

bool Profile::keepSignedIn() const {
    return settings_->value(kKeepSignedIn, true).toBool();
}

void Profile::setKeepSignedIn(bool keep) {
    settings_->setValue(kKeepSignedIn, keep);
}

bool Profile::allowInsecureTokenFile() const {
    return settings_->value(kAllowInsecureTokenFile, false).toBool();
}

void Profile::setAllowInsecureTokenFile(bool allow) {
    settings_->setValue(kAllowInsecureTokenFile, allow);
}

}  // namespace natter
