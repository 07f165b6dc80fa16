#include "ui/app_controller.h"

#include "core/app_settings.h"
#include "core/chat_client.h"
#include "core/profile.h"
#include "core/token_store.h"
#include "core/translations.h"
#include "models/sessions_model.h"
#include "ui/attachment_controller.h"
#include "ui/conversation_view.h"
#include "ui/conversations_page.h"
#include "ui/devices_page.h"
#include "ui/main_window.h"
#include "ui/people_page.h"
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
      settings_(new AppSettings(profile, this)) {
    createSignInWindow();
    createMainWindow();
    applyTheme(settings_->theme());
    connect(settings_, &AppSettings::themeChanged, this, &applyTheme);
    // Queued: the Settings dialog that changed it is rebuilt with the windows.
    connect(settings_, &AppSettings::languageChanged, this, &AppController::switchLanguage,
            Qt::QueuedConnection);
    connectClient();
    chat_->setCacheDirectory(profile.dataDir());
}

void AppController::createSignInWindow() {
    signIn_ = std::make_unique<SignInWindow>();
    connect(signIn_.get(), &SignInWindow::submitted, this, &AppController::onSubmitted);
}

void AppController::createMainWindow() {
    main_ = std::make_unique<MainWindow>(sessions_, client_, chat_);
    main_->trayNotifier()->setSettings(settings_);
    main_->conversationsPage()->conversationView()->attachments()->setSettings(settings_);
    connect(main_.get(), &MainWindow::settingsRequested, this, &AppController::openSettings);
    connect(main_.get(), &MainWindow::quitRequested, this, &AppController::quitRequested);
    connect(main_.get(), &MainWindow::signOutRequested, client_, &AccountClient::logout);
    connect(main_.get(), &MainWindow::noticeDismissed, this,
            [this] { settings_->setNoticeDismissed(kNoPasswordStorageNotice); });
    connectDevicesPage();
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
    connect(client_, &AccountClient::accountUpdated, this, &AppController::onAccountUpdated);
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
        connect(settingsDialog_, &SettingsDialog::displayNameSubmitted, client_,
                &AccountClient::setDisplayName);
        connect(client_, &AccountClient::displayNameFailed, settingsDialog_,
                [dialog = settingsDialog_.data()](const UserError& error) {
                    dialog->showDisplayNameError(error.message);
                });
    }
    settingsDialog_->open();
    settingsDialog_->raise();
    settingsDialog_->activateWindow();
}

// A new display name (from Settings here, or from another device): remembered for the next
// start, and shown in the sidebar and the open Settings.
void AppController::onAccountUpdated(const SignedInAccount& account) {
    profile_.setLastAccount(account.user);
    main_->setAccount(account);
    if (settingsDialog_) {
        settingsDialog_->setProfile(account.user);
    }
}

void AppController::start(const std::optional<ServerAddresses>& serverOverride) {
    server_ = serverOverride.value_or(profile_.lastServer());
    username_ = profile_.lastUsername();
    keepSignedIn_ = profile_.keepSignedIn();
    tokenStore_->setInsecureFileFallbackAllowed(profile_.allowInsecureTokenFile());
    fillSignIn();
    if (username_.isEmpty() || !keepSignedIn_) {
        showSignIn({});
        return;
    }
    tokenStore_->load(server_.primary(), username_, [this](const std::optional<QString>& token) {
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

void AppController::fillSignIn() {
    signIn_->setServer(server_);
    signIn_->setUsername(username_);
    signIn_->setDeviceName(profile_.deviceName());
    signIn_->setKeepSignedIn(keepSignedIn_);
    signIn_->setAllowInsecureTokenFile(profile_.allowInsecureTokenFile());
}

// The new translators, then the windows made anew from the models and the client core: simpler
// and surer than re-translating every widget in place. What the user sees stays: the open chat
// (its draft is the client core's), the list or chat in front, the window's place and size, an
// open Settings, Devices or Blocked people dialog, and the one-time notice.
void AppController::switchLanguage(UiLanguage language) {
    installTranslations(*QCoreApplication::instance(), language);
    if (!signIn_->isVisible()) {  // a half-filled sign-in form is left as it is
        createSignInWindow();
        fillSignIn();
    }
    std::unique_ptr<MainWindow> old = std::move(main_);
    createMainWindow();
    main_->restoreGeometry(old->saveGeometry());
    if (const auto account = client_->account()) {
        main_->setAccount(*account);
    }
    if (old->noticeShown()) {
        main_->showNotice(UserMessages::noPasswordStorage());
    }
    ConversationsPage* oldPage = old->conversationsPage();
    ConversationsPage* page = main_->conversationsPage();
    const QString open = oldPage->conversationView()->key();
    if (!open.isEmpty() && chat_->conversation(open)) {
        page->openConversation(open);
        if (oldPage->isSinglePane() && !oldPage->showsChatAlone()) {
            page->showList();
        }
    }
    const bool settingsOpen = settingsDialog_ != nullptr;
    settingsDialog_ = nullptr;  // goes with the old window
    const bool devicesOpen = old->devicesPage()->isVisible();
    const bool peopleOpen = old->peoplePage()->isVisible();
    if (old->isVisible()) {
        main_->show();
    }
    old->trayNotifier()->setEnabled(false);
    old->hide();
    old.release()->deleteLater();  // not at once: this may run inside one of its dialogs' events
    if (devicesOpen) {
        main_->showDevicesPage();
    }
    if (peopleOpen) {
        main_->showPeoplePage();
    }
    if (settingsOpen) {
        openSettings();
    }
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
        tokenStore_->forget(server_.primary(),
                            username_);  // an older session's token must not resume
        return;
    }
    tokenStore_->save(server_.primary(), username_, token, [this](TokenStore::SaveResult result) {
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
        tokenStore_->forget(server_.primary(), username_);
        showSignIn(error.message);
        return;
    }
    showSignIn({});
    signIn_->showError(error);
}

void AppController::onSignedOut(AccountClient::SignOutReason reason, const QString& message) {
    if (reason != AccountClient::SignOutReason::ConnectionLost) {
        tokenStore_->forget(server_.primary(), username_);  // the server no longer accepts it
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
