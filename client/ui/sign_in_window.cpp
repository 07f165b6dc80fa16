#include "ui/sign_in_window.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHostInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/profile.h"
#include "ui/app_icon.h"
#include "ui/message_label.h"

namespace natter {

SignInWindow::SignInWindow(QWidget* parent) : QWidget(parent) {
    setWindowIcon(appIcon());
    setMinimumWidth(440);
    resize(500, 460);  // room for the wrapped notes, which a top-level minimum size ignores
    auto* layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetMinimumSize);
    title_ = new QLabel(this);
    QFont titleFont = title_->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    title_->setFont(titleFont);
    notice_ = createMessageLabel(MessageStyle::Notice, QStringLiteral("noticeLabel"), this);
    formError_ = createMessageLabel(MessageStyle::Error, QStringLiteral("formErrorLabel"), this);
    form_ = new QFormLayout;
    buildForm(form_);
    submit_ = new QPushButton(this);
    submit_->setObjectName(QStringLiteral("submitButton"));
    submit_->setDefault(true);
    switchMode_ = new QPushButton(this);
    switchMode_->setObjectName(QStringLiteral("switchModeButton"));
    switchMode_->setFlat(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(switchMode_);
    buttons->addStretch();
    buttons->addWidget(submit_);
    layout->addWidget(title_);
    layout->addWidget(notice_);
    layout->addWidget(formError_);
    layout->addLayout(form_);
    layout->addWidget(buildOptions());
    layout->addStretch();
    layout->addLayout(buttons);
    connect(submit_, &QPushButton::clicked, this, &SignInWindow::submit);
    connect(switchMode_, &QPushButton::clicked, this,
            [this] { setMode(mode_ == Mode::SignIn ? Mode::CreateAccount : Mode::SignIn); });
    setMode(Mode::SignIn);
    setReadingTabOrder();
}

// The options and buttons are made after the form: Tab follows what the eye reads instead.
void SignInWindow::setReadingTabOrder() {
    const QList<QWidget*> order{server_,     username_,     displayName_,       password_,
                                deviceName_, keepSignedIn_, allowInsecureFile_, switchMode_,
                                submit_};
    for (qsizetype i = 1; i < order.size(); ++i) {
        setTabOrder(order.at(i - 1), order.at(i));
    }
}

// A returning user only has the password left to type.
void SignInWindow::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    (username_->text().isEmpty() ? username_ : password_)->setFocus();
}

void SignInWindow::buildForm(QFormLayout* form) {
    server_ = addField(form, field::kServer, tr("Server address"));
    server_->setText(Profile::defaultServer().toString());
    server_->setToolTip(
        tr("A server with several addresses: enter all of them, separated by commas."));
    username_ = addField(form, field::kUsername, tr("Username"));
    displayName_ = addField(form, field::kDisplayName, tr("Display name"));
    displayName_->setPlaceholderText(tr("How others see you, e.g. Alice Smith"));
    password_ = addField(form, field::kPassword, tr("Password"));
    password_->setEchoMode(QLineEdit::Password);
    deviceName_ = addField(form, field::kDeviceName, tr("Device name"));
    deviceName_->setText(QHostInfo::localHostName());
    deviceName_->setToolTip(tr("Shown in your list of signed-in devices."));
}

QLineEdit* SignInWindow::addField(QFormLayout* form, const QString& name, const QString& label) {
    auto* column = new QWidget(this);
    auto* columnLayout = new QVBoxLayout(column);
    columnLayout->setContentsMargins(0, 0, 0, 0);
    auto* edit = new QLineEdit(column);
    edit->setObjectName(name + QStringLiteral("Edit"));
    auto* error = createMessageLabel(MessageStyle::Error, name + QStringLiteral("Error"), column);
    columnLayout->addWidget(edit);
    columnLayout->addWidget(error);
    form->addRow(label, column);
    connect(edit, &QLineEdit::returnPressed, this, &SignInWindow::submit);
    fields_.append(Field{name, edit, error});
    return edit;
}

QWidget* SignInWindow::buildOptions() {
    auto* options = new QWidget(this);
    auto* layout = new QVBoxLayout(options);
    layout->setContentsMargins(0, 0, 0, 0);
    keepSignedIn_ = new QCheckBox(tr("Keep me signed in"), options);
    keepSignedIn_->setObjectName(QStringLiteral("keepSignedInCheck"));
    keepSignedIn_->setChecked(true);
    allowInsecureFile_ =
        new QCheckBox(tr("Use a plain file if there is no password storage"), options);
    allowInsecureFile_->setObjectName(QStringLiteral("insecureFileCheck"));
    auto* risk = new QLabel(tr("Only used when this system has no password storage. Less safe: "
                               "the file is readable only by your user account, but anyone who "
                               "can read your files (another program you run, a backup, a stolen "
                               "unencrypted disk) can use it to sign in as you."),
                            options);
    risk->setWordWrap(true);
    risk->setEnabled(false);  // shown dimmed, as a note under the option
    layout->addWidget(keepSignedIn_);
    layout->addWidget(allowInsecureFile_);
    layout->addWidget(risk);
    connect(keepSignedIn_, &QCheckBox::toggled, allowInsecureFile_, &QCheckBox::setEnabled);
    return options;
}

void SignInWindow::setMode(Mode mode) {
    mode_ = mode;
    form_->setRowVisible(displayName_->parentWidget(), mode == Mode::CreateAccount);
    updateTexts();
    clearMessages();
}

void SignInWindow::updateTexts() {
    const bool create = mode_ == Mode::CreateAccount;
    setWindowTitle(create ? tr("Create a Natter account") : tr("Sign in to Natter"));
    title_->setText(windowTitle());
    submit_->setText(create ? tr("Create account") : tr("Sign in"));
    switchMode_->setText(create ? tr("I already have an account") : tr("Create an account"));
}

void SignInWindow::setServer(const ServerAddresses& server) {
    server_->setText(server.toText());
}

void SignInWindow::setUsername(const QString& username) {
    username_->setText(username);
}

void SignInWindow::setDeviceName(const QString& name) {
    if (!name.isEmpty()) {
        deviceName_->setText(name);
    }
}

void SignInWindow::setKeepSignedIn(bool keep) {
    keepSignedIn_->setChecked(keep);
}

void SignInWindow::setAllowInsecureTokenFile(bool allow) {
    allowInsecureFile_->setChecked(allow);
}

void SignInWindow::setBusy(bool busy) {
    submit_->setEnabled(!busy);
    switchMode_->setEnabled(!busy);
    if (busy) {
        submit_->setText(mode_ == Mode::CreateAccount ? tr("Creating account…")
                                                      : tr("Signing in…"));
    } else {
        updateTexts();
    }
}

void SignInWindow::clearPassword() {
    password_->clear();
}

void SignInWindow::showError(const UserError& error) {
    for (const Field& field : fields_) {
        if (field.name == error.field && field.edit->isVisibleTo(this)) {
            setMessage(field.error, error.message);
            field.edit->setFocus();
            return;
        }
    }
    setMessage(formError_, error.message);
}

void SignInWindow::showNotice(const QString& text) {
    setMessage(notice_, text);
}

void SignInWindow::clearMessages() {
    setMessage(formError_, {});
    setMessage(notice_, {});
    for (const Field& field : fields_) {
        setMessage(field.error, {});
    }
}

void SignInWindow::submit() {
    if (!submit_->isEnabled()) {
        return;
    }
    clearMessages();
    SignInRequest request;
    request.createAccount = mode_ == Mode::CreateAccount;
    request.server = ServerAddresses::parse(server_->text());
    request.username = username_->text();
    request.displayName = displayName_->text();
    request.password = password_->text();
    request.deviceName = deviceName_->text();
    request.keepSignedIn = keepSignedIn_->isChecked();
    request.allowInsecureTokenFile = keepSignedIn_->isChecked() && allowInsecureFile_->isChecked();
    emit submitted(request);
}

}  // namespace natter
