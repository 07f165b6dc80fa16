#include "app_controller.h"

#include "chat_client.h"
#include "devices_page.h"
#include "main_window.h"
#include "profile.h"
#include "sessions_model.h"
#include "sign_in_window.h"
#include "token_store.h"

namespace natter {

AppController::AppController(Profile& profile, QObject* parent)
    : QObject(parent),
      profile_(profile),
      client_(new AccountClient(this)),
      chat_(new ChatClient(client_, this)),
      sessions_(new SessionsModel(this)),
      tokenStore_(new TokenStore(profile.keychainService(), profile.insecureTokenFile(), this)),
      signIn_(std::make_unique<SignInWindow>()),
      main_(std::make_unique<MainWindow>(sessions_, client_, chat_)) {
    connect(signIn_.get(), &SignInWindow::submitted, this, &AppController::onSubmitted);
    connectClient();
    connectDevicesPage();
}

AppController::~AppController() = default;

void AppController::connectClient() {
    connect(client_, &AccountClient::busyChanged, this, [this](bool busy) {
        signIn_->setBusy(busy);
        main_->devicesPage()->setBusy(busy);
    });
    connect(client_, &AccountClient::signedIn, this, &AppController::onSignedIn);
    connect(client_, &AccountClient::signInFailed, this, &AppController::onSignInFailed);
    connect(client_, &AccountClient::signedOut, this, &AppController::onSignedOut);
    connect(client_, &AccountClient::requestFailed, this, &AppController::onRequestFailed);
    connect(client_, &AccountClient::sessionsListed, sessions_, &SessionsModel::setSessions);
    connect(client_, &AccountClient::sessionRevoked, this, [this](const QString& sessionId) {
        sessions_->removeSession(sessionId);
        main_->devicesPage()->showStatus(tr("The device was signed out."));
    });
    connect(client_, &AccountClient::otherSessionsRevoked, this, [this](int count) {
        sessions_->keepOnlyCurrent();
        main_->devicesPage()->showStatus(tr("Other devices signed out: %1.").arg(count));
    });
}

void AppController::connectDevicesPage() {
    DevicesPage* page = main_->devicesPage();
    connect(page, &DevicesPage::refreshRequested, client_, &AccountClient::listSessions);
    connect(page, &DevicesPage::signOutThisDeviceRequested, client_, &AccountClient::logout);
    connect(page, &DevicesPage::signOutOtherDevicesRequested, client_,
            &AccountClient::revokeOtherSessions);
    connect(page, &DevicesPage::signOutSessionRequested, client_, &AccountClient::revokeSession);
}

void AppController::start(const std::optional<QUrl>& serverOverride) {
    server_ = serverOverride.value_or(profile_.lastServer());
    username_ = profile_.lastUsername();
    keepSignedIn_ = profile_.keepSignedIn();
    tokenStore_->setInsecureFileFallbackAllowed(profile_.allowInsecureTokenFile());
    signIn_->setServer(server_);
    signIn_->setUsername(username_);
    signIn_->setKeepSignedIn(keepSignedIn_);
    signIn_->setAllowInsecureTokenFile(profile_.allowInsecureTokenFile());
    if (username_.isEmpty() || !keepSignedIn_) {
        showSignIn({});
        return;
    }
    tokenStore_->load(server_, username_, [this](const std::optional<QString>& token) {
        if (!token) {
            showSignIn({});
            return;
        }
        resuming_ = true;
        client_->resume(server_, *token);
    });
}

void AppController::onSubmitted(const SignInRequest& request) {
    keepSignedIn_ = request.keepSignedIn;
    profile_.setKeepSignedIn(request.keepSignedIn);
    profile_.setAllowInsecureTokenFile(request.allowInsecureTokenFile);
    tokenStore_->setInsecureFileFallbackAllowed(request.allowInsecureTokenFile);
    resuming_ = false;
    if (request.createAccount) {
        client_->registerAccount(request.server, {request.username, request.displayName,
                                                  request.password, request.deviceName});
    } else {
        client_->login(request.server, {request.username, request.password, request.deviceName});
    }
}

void AppController::onSignedIn(const SignedInAccount& account, const QString& token) {
    resuming_ = false;
    server_ = client_->server();
    username_ = account.user.username;
    profile_.setLastServer(server_);
    profile_.setLastUsername(username_);
    main_->showNotice({});
    if (!token.isEmpty()) {
        rememberToken(token);
    }
    main_->setAccount(account);
    signIn_->clearPassword();
    signIn_->hide();
    main_->show();
    client_->listSessions();
}

void AppController::rememberToken(const QString& token) {
    if (!keepSignedIn_) {
        tokenStore_->forget(server_, username_);  // an older session's token must not resume
        return;
    }
    tokenStore_->save(server_, username_, token, [this](TokenStore::SaveResult result) {
        if (result == TokenStore::SaveResult::NotSaved) {
            main_->showNotice(UserMessages::noPasswordStorage());
        }
    });
}

void AppController::onSignInFailed(const UserError& error) {
    const bool wasResuming = resuming_;
    resuming_ = false;
    if (wasResuming && error.failure.isServerError(ErrorCode::InvalidToken)) {
        tokenStore_->forget(server_, username_);
        showSignIn(error.message);
        return;
    }
    showSignIn({});
    signIn_->showError(error);
}

void AppController::onSignedOut(AccountClient::SignOutReason reason, const QString& message) {
    if (reason != AccountClient::SignOutReason::ConnectionLost) {
        tokenStore_->forget(server_, username_);  // the server no longer accepts it
    }
    sessions_->clear();
    main_->hide();
    showSignIn(message);
}

void AppController::onRequestFailed(const UserError& error) {
    if (main_->isVisible()) {
        main_->devicesPage()->showStatus(error.message);
    } else {
        signIn_->showError(error);
    }
}

void AppController::showSignIn(const QString& notice) {
    signIn_->clearMessages();
    signIn_->showNotice(notice);
    signIn_->show();
    signIn_->raise();
}

}  // namespace natter
