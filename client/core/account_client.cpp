#include "core/account_client.h"

#include <QEventLoop>
#include <QTimer>
#include <algorithm>

#include "close_codes.h"
#include "core/logging.h"
#include "method_names.h"
#include "validation.h"

namespace natter {
namespace {

bool isServerAddress(const QUrl& url) {
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QStringLiteral("ws") || url.scheme() == QStringLiteral("wss"));
}

// The attempt ended before the server could answer it: the address did not take the connection.
bool unreachable(const RequestFailure& failure, ServerConnection::State state) {
    return failure.kind == FailureKind::ConnectionFailed ||
           (failure.kind == FailureKind::Timeout && state == ServerConnection::State::Connecting);
}

// What a form input the shared rules refused reads as, before anything is sent.
UserError invalidFieldError(const QString& fieldName) {
    RequestFailure failure;
    failure.kind = FailureKind::InvalidInput;
    failure.error = ProtocolError::invalidParam(fieldName, {});
    return UserError::fromFailure(failure);
}

}  // namespace

AccountClient::AccountClient(QObject* parent)
    : QObject(parent),
      connection_(new ServerConnection(this)),
      reconnect_(new ReconnectScheduler(this)) {
    connect(connection_, &ServerConnection::closed, this,
            [this](int closeCode, const QString&) { onConnectionClosed(closeCode); });
    connect(reconnect_, &ReconnectScheduler::retryDue, this, &AccountClient::resumeAfterLoss);
    connect(reconnect_, &ReconnectScheduler::countdownChanged, this,
            &AccountClient::retryCountdown);
    connect(connection_, &ServerConnection::systemResumed, this, &AccountClient::reconnectNow);
    connect(
        connection_, &ServerConnection::eventReceived, this,
        [this](const QString& name, const QJsonObject& data) {
            if (name == event::kUserUpdated) {
                applyUserUpdate(UserInfo::fromJson(data.value(QStringLiteral("user")).toObject()));
            }
        });
}

void AccountClient::registerAccount(const ServerAddresses& server, const RegistrationForm& form) {
    const FieldCheck username = checkUsername(form.username);
    const FieldCheck displayName = checkDisplayName(form.displayName);
    const FieldCheck deviceName = checkDeviceName(form.deviceName);
    if (rejectInvalidServer(server) || rejectInvalid(field::kUsername, username.ok()) ||
        rejectInvalid(field::kDisplayName, displayName.ok()) ||
        rejectInvalid(field::kPassword, checkPassword(form.password).ok()) ||
        rejectInvalid(field::kDeviceName, deviceName.ok())) {
        return;
    }
    authenticate(server, method::kRegister,
                 {{QStringLiteral("username"), username.value},
                  {QStringLiteral("display_name"), displayName.value},
                  {QStringLiteral("password"), form.password},
                  {QStringLiteral("device_name"), deviceName.value}});
}

void AccountClient::login(const ServerAddresses& server, const LoginForm& form) {
    const FieldCheck username = checkUsername(form.username);
    const FieldCheck deviceName = checkDeviceName(form.deviceName);
    // Only the shape of the password is checked here: any wrong password is the server's call.
    if (rejectInvalidServer(server) || rejectInvalid(field::kUsername, username.ok()) ||
        rejectInvalid(field::kPassword, !form.password.isEmpty()) ||
        rejectInvalid(field::kDeviceName, deviceName.ok())) {
        return;
    }
    authenticate(server, method::kLogin,
                 {{QStringLiteral("username"), username.value},
                  {QStringLiteral("password"), form.password},
                  {QStringLiteral("device_name"), deviceName.value}});
}

void AccountClient::resume(const ServerAddresses& server, const QString& token) {
    if (rejectInvalidServer(server)) {
        return;
    }
    token_ = token;
    authenticate(server, method::kResume, {{QStringLiteral("token"), token}});
}

void AccountClient::authenticate(const ServerAddresses& server, QLatin1StringView method,
                                 const QJsonObject& params) {
    account_.reset();
    signingOut_ = false;
    reconnect_->reset();
    addresses_.use(server);
    ++signInAttempt_;
    adjustBusy(+1);
    attemptSignIn(method, params);
}

// Every sign-in uses a fresh connection: a connection signs in only once.
void AccountClient::attemptSignIn(QLatin1StringView method, const QJsonObject& params) {
    connection_->open(addresses_.current());
    setLinkState(LinkState::Connecting);
    connection_->send(method, params, this, [this, method, params](const RequestOutcome& outcome) {
        if (outcome.ok()) {
            adjustBusy(-1);
            addresses_.succeeded();
            onAuthenticated(*outcome.result);
            return;
        }
        if (unreachable(outcome.failure, connection_->state()) && addresses_.moveOn()) {
            // The request never reached a server: the next address, once this end is reported.
            qCInfo(lcNatterNet) << "trying the next server address";
            QTimer::singleShot(0, this, [this, method, params, attempt = signInAttempt_] {
                if (attempt != signInAttempt_) {
                    adjustBusy(-1);  // a newer sign-in replaced this one
                    return;
                }
                attemptSignIn(method, params);
            });
            return;
        }
        adjustBusy(-1);
        connection_->close();
        token_.clear();
        setLinkState(LinkState::Offline);
        qCInfo(lcNatterAuth) << "sign-in failed:" << errorCodeName(outcome.failure.error.code);
        emit signInFailed(UserError::fromFailure(outcome.failure));
    });
}

void AccountClient::onAuthenticated(const QJsonObject& result) {
    account_ =
        SignedInAccount{UserInfo::fromJson(result.value(QStringLiteral("user")).toObject()),
                        SessionInfo::fromJson(result.value(QStringLiteral("session")).toObject())};
    qCInfo(lcNatterAuth) << "signed in as" << account_->user.username << "session"
                         << account_->session.id;
    const QString newToken = result.value(QStringLiteral("token")).toString();
    if (!newToken.isEmpty()) {
        token_ = newToken;
    }
    setLinkState(LinkState::Online);
    emit signedIn(*account_, newToken);
}

void AccountClient::reconnectNow() {
    if (reconnect_->isWaiting()) {
        reconnect_->retryNow();
    }
}

void AccountClient::restore(const ServerAddresses& server, const QString& token,
                            const UserInfo& user) {
    if (rejectInvalidServer(server)) {
        return;
    }
    addresses_.use(server);
    account_ = SignedInAccount{user, SessionInfo{}};
    token_ = token;
    signingOut_ = false;
    reconnect_->reset();
    qCInfo(lcNatterAuth) << "restored" << user.username << "from this device";
    emit restored(*account_);
    resumeSession();
}

void AccountClient::resumeAfterLoss() {
    resumeSession();
}

void AccountClient::resumeSession() {
    if (!account_ || token_.isEmpty()) {
        return;
    }
    setLinkState(LinkState::Connecting);
    connection_->open(addresses_.current());
    connection_->send(
        method::kResume, {{QStringLiteral("token"), token_}}, this,
        [this](const RequestOutcome& outcome) {
            if (outcome.ok()) {
                account_->session = SessionInfo::fromJson(
                    outcome.result->value(QStringLiteral("session")).toObject());
                reconnect_->reset();
                addresses_.succeeded();
                setLinkState(LinkState::Online);
                qCInfo(lcNatterAuth) << "reconnected as session" << account_->session.id;
                emit reconnected(*account_);
            } else if (outcome.failure.isServerError(ErrorCode::InvalidToken)) {
                endSession(SignOutReason::RevokedElsewhere,
                           UserMessages::forFailure(outcome.failure));
            } else if (connection_->state() != ServerConnection::State::Disconnected) {
                connection_->close();  // its closed() schedules the next attempt
            }
        });
}

void AccountClient::setLinkState(LinkState state) {
    if (linkState_ != state) {
        linkState_ = state;
        emit linkStateChanged(state);
    }
}

void AccountClient::logout() {
    signingOut_ = true;
    call(method::kLogout, {},
         [this](const QJsonObject&) { endSession(SignOutReason::SignedOut, {}); });
}

void AccountClient::endSessionBeforeQuit(int waitMs) {
    if (!account_ || linkState_ != LinkState::Online) {
        return;  // offline: nothing can be ended now
    }
    account_.reset();  // the connection's close is no news to anyone any more
    token_.clear();
    reconnect_->reset();
    QEventLoop loop;
    QTimer::singleShot(waitMs, &loop, &QEventLoop::quit);
    connection_->send(method::kLogout, {}, &loop, [&loop](const RequestOutcome&) { loop.quit(); });
    loop.exec(QEventLoop::ExcludeUserInputEvents);
    connection_->close();
    setLinkState(LinkState::Offline);
    qCInfo(lcNatterAuth) << "signed out on quit: the token could not be kept";
}

void AccountClient::listSessions() {
    call(method::kSessionsList, {}, [this](const QJsonObject& result) {
        emit sessionsListed(SessionInfo::listFromJson(result));
    });
}

void AccountClient::revokeSession(const QString& sessionId) {
    const bool isCurrent = account_ && account_->session.id == sessionId;
    signingOut_ = signingOut_ || isCurrent;
    call(method::kSessionsRevoke, {{QStringLiteral("session_id"), sessionId}},
         [this, sessionId, isCurrent](const QJsonObject&) {
             emit sessionRevoked(sessionId);
             if (isCurrent) {
                 endSession(SignOutReason::SignedOut, {});
             }
         });
}

void AccountClient::revokeOtherSessions() {
    call(method::kSessionsRevokeOthers, {}, [this](const QJsonObject& result) {
        emit otherSessionsRevoked(result.value(QStringLiteral("revoked")).toInt());
    });
}

void AccountClient::setDisplayName(const QString& displayName) {
    const FieldCheck checked = checkDisplayName(displayName);
    if (!checked.ok()) {
        QTimer::singleShot(0, this, [this, error = invalidFieldError(field::kDisplayName)] {
            emit displayNameFailed(error);
        });
        return;
    }
    adjustBusy(+1);
    connection_->send(method::kSetDisplayName, {{QStringLiteral("display_name"), checked.value}},
                      this, [this](const RequestOutcome& outcome) {
                          adjustBusy(-1);
                          if (outcome.ok()) {
                              applyUserUpdate(UserInfo::fromJson(
                                  outcome.result->value(QStringLiteral("user")).toObject()));
                          } else {
                              emit displayNameFailed(UserError::fromFailure(outcome.failure));
                          }
                      });
}

void AccountClient::applyUserUpdate(const UserInfo& user) {
    if (!account_ || user.id != account_->user.id) {
        return;  // someone else: ChatClient follows them
    }
    account_->user = user;
    emit accountUpdated(*account_);
}

void AccountClient::call(QLatin1StringView method, const QJsonObject& params,
                         ResultHandler onResult) {
    adjustBusy(+1);
    connection_->send(method, params, this,
                      [this, onResult = std::move(onResult)](const RequestOutcome& outcome) {
                          adjustBusy(-1);
                          if (outcome.ok()) {
                              onResult(*outcome.result);
                          } else {
                              emit requestFailed(UserError::fromFailure(outcome.failure));
                          }
                      });
}

void AccountClient::onConnectionClosed(int closeCode) {
    if (!account_) {
        return;  // a connection that never signed in, or one already signed out
    }
    if (closeCode == close_code::kSessionRevoked && !signingOut_) {
        endSession(SignOutReason::RevokedElsewhere, UserMessages::revokedElsewhere());
    } else if (signingOut_) {
        endSession(SignOutReason::SignedOut, {});
    } else if (closeCode == close_code::kTooSlow && autoReconnect_ && !token_.isEmpty()) {
        // We fell behind reading (a busy or stalled moment): nothing is lost, the resumed
        // connection syncs. Reconnect at once and say no more than "Connecting…".
        qCInfo(lcNatterNet) << "the server closed a connection we read too slowly; reconnecting";
        setLinkState(LinkState::Connecting);
        QMetaObject::invokeMethod(reconnect_, &ReconnectScheduler::retryNow, Qt::QueuedConnection);
    } else if (autoReconnect_ && !token_.isEmpty() && addresses_.moveOn()) {
        // Another address of the server: at once (the backoff is per round of addresses).
        qCInfo(lcNatterNet) << "trying the next server address";
        setLinkState(LinkState::Connecting);
        QMetaObject::invokeMethod(this, &AccountClient::resumeAfterLoss, Qt::QueuedConnection);
    } else if (autoReconnect_ && !token_.isEmpty()) {
        setLinkState(LinkState::Offline);
        reconnect_->scheduleRetry();
    } else {
        endSession(SignOutReason::ConnectionLost, UserMessages::connectionLost());
    }
}

void AccountClient::endSession(SignOutReason reason, const QString& message) {
    if (!account_) {
        return;
    }
    account_.reset();
    token_.clear();
    signingOut_ = false;
    reconnect_->reset();
    connection_->close();
    setLinkState(LinkState::Offline);
    qCInfo(lcNatterAuth) << "signed out:" << reason;
    emit signedOut(reason, message);
}

void AccountClient::adjustBusy(int delta) {
    const bool wasBusy = isBusy();
    busyRequests_ += delta;
    if (wasBusy != isBusy()) {
        emit busyChanged(isBusy());
    }
}

bool AccountClient::rejectInvalidServer(const ServerAddresses& server) {
    return rejectInvalid(
        field::kServer, !server.isEmpty() && std::all_of(server.urls().begin(), server.urls().end(),
                                                         isServerAddress));
}

bool AccountClient::rejectInvalid(const QString& fieldName, bool valid) {
    if (valid) {
        return false;
    }
    // Reported from the event loop like every other result, never from inside the call.
    QTimer::singleShot(0, this,
                       [this, error = invalidFieldError(fieldName)] { emit signInFailed(error); });
    return true;
}

}  // namespace natter
