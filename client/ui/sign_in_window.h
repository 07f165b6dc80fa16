// The first window: sign in to a server, or create an account there. It only collects input and
// shows results; AppController talks to the core layer.
#pragma once

#include <QUrl>
#include <QWidget>

#include "core/server_addresses.h"
#include "core/user_error.h"

class QCheckBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace natter {

struct SignInRequest {
    bool createAccount = false;
    ServerAddresses server;  // one or several addresses of one server
    QString username;
    QString displayName;  // create account only
    QString password;
    QString deviceName;
    bool keepSignedIn = true;
    bool allowInsecureTokenFile = false;
};

class SignInWindow : public QWidget {
    Q_OBJECT

public:
    enum class Mode { SignIn, CreateAccount };
    Q_ENUM(Mode)

    explicit SignInWindow(QWidget* parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const { return mode_; }
    void setServer(const ServerAddresses& server);
    void setUsername(const QString& username);
    // The name this device used before; empty keeps the host name as the suggestion.
    void setDeviceName(const QString& name);
    void setKeepSignedIn(bool keep);
    void setAllowInsecureTokenFile(bool allow);
    void setBusy(bool busy);
    void clearPassword();

    // Shows the error next to the input it names, or at the top when it names none.
    void showError(const natter::UserError& error);
    // A neutral message at the top, e.g. why the user was signed out.
    void showNotice(const QString& text);
    void clearMessages();

signals:
    void submitted(const natter::SignInRequest& request);

protected:
    void showEvent(QShowEvent* event) override;

private:
    struct Field {
        QString name;
        QLineEdit* edit = nullptr;
        QLabel* error = nullptr;
    };

    void buildForm(QFormLayout* form);
    QLineEdit* addField(QFormLayout* form, const QString& name, const QString& label);
    QWidget* buildOptions();
    void submit();
    void updateTexts();
    void setReadingTabOrder();

    Mode mode_ = Mode::SignIn;
    QList<Field> fields_;
    QLabel* title_ = nullptr;
    QLabel* notice_ = nullptr;
    QLabel* formError_ = nullptr;
    QFormLayout* form_ = nullptr;
    QLineEdit* server_ = nullptr;
    QLineEdit* username_ = nullptr;
    QLineEdit* displayName_ = nullptr;
    QLineEdit* password_ = nullptr;
    QLineEdit* deviceName_ = nullptr;
    QCheckBox* keepSignedIn_ = nullptr;
    QCheckBox* allowInsecureFile_ = nullptr;
    QPushButton* submit_ = nullptr;
    QPushButton* switchMode_ = nullptr;
};

}  // namespace natter
