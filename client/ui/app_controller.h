// Runs the client's flow: resume a remembered session or show the sign-in window, show the main
// window once signed in, and go back to signing in when this device is signed out. It is the only
// place where windows meet the core layer.
#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <memory>
#include <optional>

#include "core/account_client.h"
#include "core/translations.h"
#include "ui/settings_dialog.h"

namespace natter {

class AppSettings;
class ChatClient;
class MainWindow;
class Profile;
class SessionsModel;
class SignInWindow;
class TokenStore;
struct SignInRequest;

class AppController : public QObject {
    Q_OBJECT

public:
    explicit AppController(Profile& profile, QObject* parent = nullptr);
    ~AppController() override;

    // serverOverride (natter --server) replaces the remembered server address.
    void start(const std::optional<ServerAddresses>& serverOverride = std::nullopt);

    SignInWindow* signInWindow() const { return signIn_.get(); }
    MainWindow* mainWindow() const { return main_.get(); }
    AccountClient* accountClient() const { return client_; }
    ChatClient* chatClient() const { return chat_; }
    SessionsModel* sessionsModel() const { return sessions_; }
    TokenStore* tokenStore() const { return tokenStore_; }
    AppSettings* appSettings() const { return settings_; }
    // The Settings dialog while it is open.
    SettingsDialog* settingsDialog() const { return settingsDialog_; }
    void openSettings();

signals:
    // Closing the window (unless to the tray) or Quit in the tray menu, whichever main window
    // is current (a language switch makes it anew).
    void quitRequested();

private:
    void createSignInWindow();
    void createMainWindow();
    void fillSignIn();
    // Applies a language chosen in Settings at once (see the .cpp).
    void switchLanguage(natter::UiLanguage language);
    void connectClient();
    void connectDevicesPage();
    void onSubmitted(const SignInRequest& request);
    void onSignedIn(const SignedInAccount& account, const QString& token);
    void onSignInFailed(const UserError& error);
    void onAccountUpdated(const SignedInAccount& account);
    void onSignedOut(AccountClient::SignOutReason reason, const QString& message);
    void onRequestFailed(const UserError& error);
    void rememberToken(const QString& token);
    void showSignIn(const QString& notice);

    Profile& profile_;
    AccountClient* client_;    // child of this
    ChatClient* chat_;         // child of this
    SessionsModel* sessions_;  // child of this
    TokenStore* tokenStore_;   // child of this
    AppSettings* settings_;    // child of this
    std::unique_ptr<SignInWindow> signIn_;
    std::unique_ptr<MainWindow> main_;
    QPointer<SettingsDialog> settingsDialog_;
    ServerAddresses server_;  // the server of the account below (its primary address keys tokens)
    QString username_;        // the account whose token is remembered or forgotten
    bool keepSignedIn_ = true;
    // The session's token is kept (keychain or allowed file) so the next start resumes it; if
    // not, quitting signs the session out.
    bool sessionKept_ = false;
    bool resuming_ = false;
};

}  // namespace natter
