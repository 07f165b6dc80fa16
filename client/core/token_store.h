// Remembers the session token (never the password) for a server + username, in the system's
// password storage (QtKeychain). Where the system has none, it says so and remembers nothing,
// unless the user allowed the insecure file fallback (a 0600 file in the profile's data dir).
#pragma once

#include <QObject>
#include <QUrl>
#include <functional>
#include <optional>

namespace natter {

class TokenStore : public QObject {
    Q_OBJECT

public:
    enum class SaveResult {
        SavedInKeychain,
        SavedInFile,  // the insecure fallback
        NotSaved,     // no password storage and no fallback allowed
    };
    Q_ENUM(SaveResult)

    using LoadHandler = std::function<void(const std::optional<QString>& token)>;
    using SaveHandler = std::function<void(SaveResult result)>;

    // serviceName separates profiles in the keychain; fallbackFile is where the insecure
    // fallback keeps tokens.
    TokenStore(QString serviceName, QString fallbackFile, QObject* parent = nullptr);

    void setInsecureFileFallbackAllowed(bool allowed) { fileFallbackAllowed_ = allowed; }
    bool insecureFileFallbackAllowed() const { return fileFallbackAllowed_; }
    // False once the keychain was found missing (no Secret Service on D-Bus, for example).
    bool keychainAvailable() const { return keychainAvailable_; }

    void save(const QUrl& server, const QString& username, const QString& token,
              SaveHandler done = {});
    void load(const QUrl& server, const QString& username, LoadHandler done);
    // Removes the token from the keychain and from the fallback file.
    void forget(const QUrl& server, const QString& username, std::function<void()> done = {});

    static QString keyFor(const QUrl& server, const QString& username);

signals:
    void keychainUnavailableDetected();

private:
    void noteKeychainError(int error, const QString& message);
    std::optional<QString> readFallback(const QString& key) const;
    bool writeFallback(const QString& key, const std::optional<QString>& token) const;

    QString serviceName_;
    QString fallbackFile_;
    bool fileFallbackAllowed_ = false;
    bool keychainAvailable_ = true;
};

}  // namespace natter
