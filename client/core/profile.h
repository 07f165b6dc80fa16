// A profile: its own data dir and settings, so several accounts or servers can be used side by
// side (natter --profile NAME).
#pragma once

#include <QSettings>
#include <QString>
#include <QUrl>
#include <memory>

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
    QString insecureTokenFile() const;
    QString keychainService() const;

    QUrl lastServer() const;
    void setLastServer(const QUrl& server);
    QString lastUsername() const;
    void setLastUsername(const QString& username);
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
