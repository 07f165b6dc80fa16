// Accounts and sessions: register, login, resume, logout, list and revoke sessions. Lives on the
// service thread; talks to the store through the storage executor and to sockets through
// Replies.
#pragma once

#include <QObject>
#include <QTimer>

#include "login_gate.h"
#include "ports/connection_observer.h"
#include "ports/reply.h"
#include "ports/service_ports.h"
#include "safety/shared_rate_limit.h"

namespace natter {

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

// auth.reset_password: `password` is the new one; `code` as the user typed it.
struct PasswordResetRequest : LoginRequest {
    QString code;
};

// The operator's settings AuthService works with (README.md, server settings).
struct AuthSettings {
    qint64 sessionIdleTimeoutMs = 0;
    double registrationBurst = 0;     // registrations one address may make at once
    double registrationsPerHour = 0;  // and then per hour
};

class AuthService : public QObject, public ConnectionObserver {
    Q_OBJECT
public:
    AuthService(const ServicePorts& ports, PasswordHasher& hasher, PresenceService& presence,
                const AuthSettings& settings, QObject* parent = nullptr);

    // In a cluster: the login throttle and the registration limit count in the buckets every
    // node shares.
    void shareLimits(SharedLimits* shared) {
        throttle_.share(shared);
        registrations_.share(shared);
    }

    void registerAccount(const RegisterRequest& request, const ReplyRef& reply);
    void login(const LoginRequest& request, const ReplyRef& reply);
    void resume(const QString& token, const QString& peerAddress, const ReplyRef& reply);
    // Sets a new password with a one-time code (password_reset.cpp).
    void resetPassword(const PasswordResetRequest& request, const ReplyRef& reply);
    void logout(const Identity& identity, const ReplyRef& reply);
    void listSessions(const Identity& identity, const ReplyRef& reply);
    void revokeSession(const Identity& identity, const QString& sessionPublicId,
                       const ReplyRef& reply);
    void revokeOtherSessions(const Identity& identity, const ReplyRef& reply);
    // account.set_display_name (display_name.cpp); displayName already checked and trimmed.
    void setDisplayName(const Identity& identity, const QString& displayName,
                        const ReplyRef& reply);
    // A worker reports that an authenticated connection has gone (from its thread).
    void connectionClosed(const ConnectionRef& connection, const Identity& identity) override;

private:
    void hashForRegistration(const RegisterRequest& request, const RateVerdict& admitted,
                             const ReplyRef& reply);
    void findAccount(const LoginRequest& request, const ReplyRef& reply);
    void checkPassword(const LoginRequest& request, const std::optional<UserRecord>& user,
                       const ReplyRef& reply);
    void hashNewPassword(const PasswordResetRequest& request, const ReplyRef& reply);
    void applyReset(const PasswordResetRequest& request, const QString& passwordHash,
                    const ReplyRef& reply);
    void createSession(const UserRecord& user, const QString& deviceName, const ReplyRef& reply);
    void completeSignIn(const UserRecord& user, const SessionRecord& session, const QString& token,
                        const ReplyRef& reply);
    void closeRevoked(const Identity& identity, qint64 sessionId, const ReplyRef& reply);
    void forgetConnection(const ConnectionRef& connection, const Identity& identity);
    void sweepIdleSessions();
    std::function<void(const QString&)> failInternally(const ReplyRef& reply, const char* what);

    ServicePorts ports_;
    PasswordHasher& hasher_;
    PresenceService& presence_;
    qint64 sessionIdleTimeoutMs_;
    LoginGate throttle_;
    SharedRateLimit registrations_;  // by LoginThrottle::addressKey
    QTimer maintenance_;
};

}  // namespace natter
