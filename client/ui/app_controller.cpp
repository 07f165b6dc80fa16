#include "ui/app_controller.h"

#include "core/app_settings.h"
#include "core/chat_client.h"
#include "core/profile.h"
#include "core/token_store.h"
#include "models/sessions_model.h"
#include "ui/attachment_controller.h"
#include "ui/conversation_view.h"
#include "ui/conversations_page.h"
#include "ui/devices_page.h"
#include "ui/main_window.h"
#include "ui/settings_dialog.h"
#include "ui/sign_in_window.h"
#include "ui/theme.h"
#include "ui/tray_notifier.h"

namespace natter {
namespace {

// How long quitting waits for the server to end a session whose token could not be kept.
constexpr int kQuitSignOutWaitMs = 2'000;
// The one-time notice that the session cannot be kept; once dismissed, it stays away.
const QString kNoPasswordStorageNotice = QStringLiteral("no_password_storage");

}  // namespace

AppController::AppController(Profile& profile, QObject* parent)
    : QObject(parent),
      profile_(profile),
      client_(new AccountClient(this)),
      chat_(new ChatClient(client_, this)),
      sessions_(new SessionsModel(this)),
      tokenStore_(new TokenStore(profile.keychainService(), profile.insecureTokenFile(), this)),
      settings_(new AppSettings(profile, this)),
      signIn_(std::make_unique<SignInWindow>()),
      main_(std::make_unique<MainWindow>(sessions_, client_, chat_)) {
    connect(signIn_.get(), &SignInWindow::submitted, this, &AppController::onSubmitted);
    applyTheme(settings_->theme());
    connect(settings_, &AppSettings::themeChanged, this, &applyTheme);
    main_->trayNotifier()->setSettings(settings_);
    main_->conversationsPage()->conversationView()->attachments()->setSettings(settings_);
    connect(main_.get(), &MainWindow::settingsRequested, this, &AppController::openSettings);
    connect(main_.get(), &MainWindow::signOutRequested, client_, &AccountClient::logout);
    connect(main_.get(), &MainWindow::noticeDismissed, this,
            [this] { settings_->setNoticeDismissed(kNoPasswordStorageNotice); });
    connectClient();
    connectDevicesPage();
    chat_->setCacheDirectory(profile.dataDir());
}

AppController::~AppController() {
    if (!sessionKept_) {
        client_->endSessionBeforeQuit(kQuitSignOutWaitMs);
    }
}

void AppController::connectClient() {
    connect(client_, &AccountClient::busyChanged, this, [this](bool busy) {
        signIn_->setBusy(busy);
        main_->devicesPage()->setBusy(busy);
    });
    connect(client_, &AccountClient::signedIn, this, &AppController::onSignedIn);
    // Started from the remembered session: the main window shows the local cache while the
    // session is resumed in the background (offline too).
    connect(client_, &AccountClient::restored, this, [this](const SignedInAccount& account) {
        main_->setAccount(account);
        signIn_->hide();
        main_->show();
    });
    connect(client_, &AccountClient::reconnected, client_, &AccountClient::listSessions);
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

void AppController::openSettings() {
    if (!settingsDialog_) {
        settingsDialog_ = new SettingsDialog(settings_, main_.get());
        settingsDialog_->setObjectName(QStringLiteral("settingsDialog"));
        settingsDialog_->setAttribute(Qt::WA_DeleteOnClose);
        if (const auto account = client_->account()) {
            settingsDialog_->setProfile(account->user);
        }
        connect(settingsDialog_, &SettingsDialog::devicesRequested, main_.get(),
                &MainWindow::showDevicesPage);
        connect(settingsDialog_, &SettingsDialog::blockedPeopleRequested, main_.get(),
                &MainWindow::showPeoplePage);
    }
    settingsDialog_->open();
    settingsDialog_->raise();
    settingsDialog_->activateWindow();
}

void AppController::start(const std::optional<QUrl>& serverOverride) {
    server_ = serverOverride.value_or(profile_.lastServer());
    username_ = profile_.lastUsername();
    keepSignedIn_ = profile_.keepSignedIn();
    tokenStore_->setInsecureFileFallbackAllowed(profile_.allowInsecureTokenFile());
    signIn_->setServer(server_);
    signIn_->setUsername(username_);
    signIn_->setDeviceName(profile_.deviceName());
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
        sessionKept_ = true;
        const auto known = profile_.lastAccount();
        if (known && server_ == profile_.lastServer()) {
            client_->restore(server_, *token, *known);  // what this device knew, at once
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
    profile_.setLastAccount(account.user);
    main_->showNotice({});
    if (!token.isEmpty()) {  // a new session (not a resumed one)
        profile_.setDeviceName(account.session.deviceName);
        rememberToken(token);
    }
    main_->setAccount(account);
    signIn_->clearPassword();
    signIn_->hide();
    main_->show();
    client_->listSessions();
}

void AppController::rememberToken(const QString& token) {
    sessionKept_ = false;
    if (!keepSignedIn_) {
        tokenStore_->forget(server_, username_);  // an older session's token must not resume
        return;
    }
    tokenStore_->save(server_, username_, token, [this](TokenStore::SaveResult result) {
        sessionKept_ = result != TokenStore::SaveResult::NotSaved;
        if (!sessionKept_ && !settings_->noticeDismissed(kNoPasswordStorageNotice)) {
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
    main_->showConversationsPage();  // Devices and Blocked people close with the window
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
