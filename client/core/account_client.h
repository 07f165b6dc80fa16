// Signs this client in and manages its sessions (docs/protocol.md section 5.1) over one
// ServerConnection. Results arrive as signals; failures carry a UserError in plain words. A server
// may have several addresses (ServerAddresses, docs/scaling.md "Clients"): an address that cannot
// be reached or whose connection is lost gives way to the next, with one session for them all.
#pragma once

#include <QObject>
#include <QUrl>
#include <optional>

#include "core/account_types.h"
#include "core/reconnect_scheduler.h"
#include "core/server_addresses.h"
#include "core/server_connection.h"
#include "core/user_error.h"

namespace natter {

struct RegistrationForm {
    QString username;
    QString displayName;
    QString password;
    QString deviceName;
};

struct LoginForm {
    QString username;
    QString password;
    QString deviceName;
};

class AccountClient : public QObject {
    Q_OBJECT

public:
    enum class SignOutReason {
        SignedOut,         // this device asked to sign out
        RevokedElsewhere,  // another device revoked this session (close code 4002)
        ConnectionLost,    // the connection ended for another reason
    };
    Q_ENUM(SignOutReason)

    // The signed-in link to the server. Offline while waiting to reconnect (see
    // secondsUntilRetry()); Online once authenticated.
    enum class LinkState { Offline, Connecting, Online };
    Q_ENUM(LinkState)

    explicit AccountClient(QObject* parent = nullptr);

    void registerAccount(const ServerAddresses& server, const RegistrationForm& form);
    void login(const ServerAddresses& server, const LoginForm& form);
    void resume(const ServerAddresses& server, const QString& token);
    // Starts from a remembered session without waiting for the server: signed in as `user` at
    // once (restored), offline, while the session is resumed in the background like after a
    // lost connection (reconnected on success; signedOut(RevokedElsewhere) for a dead token).
    void restore(const ServerAddresses& server, const QString& token, const natter::UserInfo& user);
    void logout();
    // Quitting with a token that could not be kept: such a session could never be resumed, so it
    // is ended on the server (auth.logout) rather than left orphaned. Waits at most `waitMs` for
    // the answer and emits nothing, as the windows are closing.
    void endSessionBeforeQuit(int waitMs);
    void listSessions();
    void revokeSession(const QString& sessionId);
    void revokeOtherSessions();
    // account.set_display_name: accountUpdated when the server took it, else displayNameFailed
    // (a name the shared rules refuse fails at once, with field display_name).
    void setDisplayName(const QString& displayName);

    bool isBusy() const { return busyRequests_ > 0; }
    bool isSignedIn() const { return account_.has_value(); }
    const std::optional<SignedInAccount>& account() const { return account_; }
    // The addresses of the server signed in to (or last tried), as given.
    const ServerAddresses& server() const { return addresses_.addresses(); }
    // The one address the connection uses now.
    QUrl connectedAddress() const { return connection_->url(); }
    ServerConnection* connection() const { return connection_; }

    LinkState linkState() const { return linkState_; }
    int secondsUntilRetry() const { return reconnect_->secondsUntilRetry(); }
    // While signed in, a lost connection is re-established with auth.resume and the token kept
    // in memory (on by default). Off: a lost connection signs out (ConnectionLost).
    void setAutoReconnect(bool enabled) { autoReconnect_ = enabled; }
    // Skips the rest of the backoff wait.
    void reconnectNow();

signals:
    void busyChanged(bool busy);
    // token is the new session's secret after register/login, and empty after resume.
    void signedIn(const natter::SignedInAccount& account, const QString& token);
    void signInFailed(const natter::UserError& error);
    void sessionsListed(const QList<natter::SessionInfo>& sessions);
    void sessionRevoked(const QString& sessionId);
    void otherSessionsRevoked(int count);
    void requestFailed(const natter::UserError& error);
    void signedOut(natter::AccountClient::SignOutReason reason, const QString& message);
    void linkStateChanged(natter::AccountClient::LinkState state);
    // Seconds left before the next reconnect attempt, while Offline.
    void retryCountdown(int secondsLeft);
    // The same session is signed in again after the connection was lost.
    void reconnected(const natter::SignedInAccount& account);
    // restore(): signed in from what this device remembers; the server has not answered yet.
    void restored(const natter::SignedInAccount& account);
    // The signed-in user changed (a new display name, from this device or another).
    void accountUpdated(const natter::SignedInAccount& account);
    void displayNameFailed(const natter::UserError& error);

private:
    using ResultHandler = std::function<void(const QJsonObject&)>;

    void authenticate(const ServerAddresses& server, QLatin1StringView method,
                      const QJsonObject& params);
    void attemptSignIn(QLatin1StringView method, const QJsonObject& params);
    bool rejectInvalidServer(const ServerAddresses& server);
    void onAuthenticated(const QJsonObject& result);
    void call(QLatin1StringView method, const QJsonObject& params, ResultHandler onResult);
    void onConnectionClosed(int closeCode);
    void endSession(SignOutReason reason, const QString& message);
    void adjustBusy(int delta);
    void resumeAfterLoss();
    void resumeSession();
    void setLinkState(LinkState state);
    bool rejectInvalid(const QString& fieldName, bool valid);
    // user.updated for this account (another device renamed it), or this device's rename.
    void applyUserUpdate(const natter::UserInfo& user);

    ServerConnection* connection_;   // child of this
    ReconnectScheduler* reconnect_;  // child of this
    AddressRotation addresses_;
    QString token_;  // the session's secret, in memory only, for auth.resume after a loss
    LinkState linkState_ = LinkState::Offline;
    bool autoReconnect_ = true;
    std::optional<SignedInAccount> account_;
    bool signingOut_ = false;
    int busyRequests_ = 0;
    int signInAttempt_ = 0;  // counts sign-ins, so a retry queued for an older one is dropped
};

}  // namespace natter
