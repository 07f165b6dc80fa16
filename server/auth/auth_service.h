// Accounts and sessions: register, login, resume, logout, list and revoke sessions. Lives on the
// service thread; talks to the store through the storage executor and to sockets through
// Responders.
#pragma once

#include <QObject>
#include <QTimer>

#include "ports/identity.h"
#include "login_throttle.h"
#include "net/connection_registry.h"
#include "net/responder.h"
#include "ports/store.h"

namespace natter {

class StorageExecutor;
class PasswordHasher;
class PresenceService;

struct RegisterRequest {
    QString username;
    QString displayName;
    QString password;
    QString deviceName;
    QString peerAddress;
};

struct LoginRequest {
    QString username;
    QString password;
    QString deviceName;
    QString peerAddress;
};

// The operator's settings AuthService works with (README.md, server settings).
struct AuthSettings {
    qint64 sessionIdleTimeoutMs = 0;
    double registrationBurst = 0;     // registrations one address may make at once
    double registrationsPerHour = 0;  // and then per hour
};

class AuthService : public QObject {
    Q_OBJECT
public:
    AuthService(StorageExecutor& storage, PasswordHasher& hasher, ConnectionRegistry& registry,
                PresenceService& presence, const AuthSettings& settings, QObject* parent = nullptr);

    void registerAccount(const RegisterRequest& request, const Responder& responder);
    void login(const LoginRequest& request, const Responder& responder);
    void resume(const QString& token, const QString& peerAddress, const Responder& responder);
    void logout(const Identity& identity, const Responder& responder);
    void listSessions(const Identity& identity, const Responder& responder);
    void revokeSession(const Identity& identity, const QString& sessionPublicId,
                       const Responder& responder);
    void revokeOtherSessions(const Identity& identity, const Responder& responder);
    // A worker reports that an authenticated connection has gone.
    void connectionClosed(const ConnectionRef& connection, const Identity& identity);

private:
    bool admitRegistration(const QString& peerAddress, const Responder& responder);
    void checkPassword(const LoginRequest& request, const std::optional<UserRecord>& user,
                       const Responder& responder);
    void createSession(const UserRecord& user, const QString& deviceName,
                       const Responder& responder);
    void completeSignIn(const UserRecord& user, const SessionRecord& session, const QString& token,
                        const Responder& responder);
    void closeRevoked(const Identity& identity, qint64 sessionId, const Responder& responder);
    void sweepIdleSessions();
    std::function<void(const QString&)> failInternally(const Responder& responder,
                                                       const char* what);

    StorageExecutor& storage_;
    PasswordHasher& hasher_;
    ConnectionRegistry& registry_;
    PresenceService& presence_;
    qint64 sessionIdleTimeoutMs_;
    LoginThrottle throttle_;
    TokenBucketMap registrations_;  // by LoginThrottle::addressKey
    QTimer maintenance_;
};

}  // namespace natter
