#include "ui/devices_page.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include "models/sessions_model.h"
#include "ui/confirmation.h"
#include "ui/message_label.h"

namespace natter {

DevicesPage::DevicesPage(SessionsModel* model, QWidget* parent) : QWidget(parent), model_(model) {
    auto* intro = new QLabel(
        tr("These devices are signed in to your account. Sign out any you do not recognise."),
        this);
    intro->setWordWrap(true);
    status_ = createMessageLabel(MessageStyle::Notice, QStringLiteral("devicesStatusLabel"), this);
    view_ = new QListView(this);
    view_->setObjectName(QStringLiteral("sessionsView"));
    view_->setModel(model_);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setSpacing(4);
    view_->setAlternatingRowColors(true);
    refresh_ = new QPushButton(tr("Refresh"), this);
    refresh_->setObjectName(QStringLiteral("refreshButton"));
    signOutSelected_ = new QPushButton(tr("Sign out selected device"), this);
    signOutSelected_->setObjectName(QStringLiteral("signOutSelectedButton"));
    signOutOthers_ = new QPushButton(tr("Sign out other devices"), this);
    signOutOthers_->setObjectName(QStringLiteral("signOutOthersButton"));
    signOutThis_ = new QPushButton(tr("Sign out this device"), this);
    signOutThis_->setObjectName(QStringLiteral("signOutThisDeviceButton"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(refresh_);
    buttons->addStretch();
    buttons->addWidget(signOutSelected_);
    buttons->addWidget(signOutOthers_);
    buttons->addWidget(signOutThis_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(status_);
    layout->addWidget(view_, 1);
    layout->addLayout(buttons);

    refreshTimer_ = new QTimer(this);
    refreshTimer_->setObjectName(QStringLiteral("devicesRefreshTimer"));
    refreshTimer_->setInterval(kRefreshIntervalMs);
    connect(refreshTimer_, &QTimer::timeout, this, &DevicesPage::refreshRequested);
    connect(refresh_, &QPushButton::clicked, this, &DevicesPage::refreshRequested);
    connect(signOutThis_, &QPushButton::clicked, this, &DevicesPage::signOutThisDeviceRequested);
    connect(signOutOthers_, &QPushButton::clicked, this, &DevicesPage::confirmSignOutOthers);
    connect(signOutSelected_, &QPushButton::clicked, this, &DevicesPage::confirmSignOutSelected);
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DevicesPage::updateButtons);
    connect(model_, &QAbstractItemModel::modelReset, this, &DevicesPage::updateButtons);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &DevicesPage::updateButtons);
    updateButtons();
}

bool DevicesPage::event(QEvent* event) {
    switch (event->type()) {
        case QEvent::Show:
            refreshTimer_->start();
            emit refreshRequested();
            break;
        case QEvent::Hide:
            refreshTimer_->stop();
            break;
        case QEvent::WindowActivate:  // back from elsewhere, where devices may have changed
            if (isVisible()) {
                emit refreshRequested();
            }
            break;
        default:
            break;
    }
    return QWidget::event(event);
}

void DevicesPage::confirmSignOutSelected() {
    const QString sessionId = selectedOtherSession();
    if (sessionId.isEmpty()) {
        return;
    }
    const QString device = view_->selectionModel()
                               ->selectedIndexes()
                               .first()
                               .data(SessionsModel::DeviceNameRole)
                               .toString();
    const Confirmation question{
        QStringLiteral("signOutDeviceConfirmDialog"), QStringLiteral("confirmSignOutButton"),
        //: %1 is a device name
        tr("Sign out \u201c%1\u201d?").arg(device),
        tr("Whoever uses that device will have to sign in again to use your account."),
        tr("Sign out")};
    askToConfirm(this, question, [this, sessionId] { emit signOutSessionRequested(sessionId); });
}

void DevicesPage::confirmSignOutOthers() {
    const Confirmation question{
        QStringLiteral("signOutOthersConfirmDialog"), QStringLiteral("confirmSignOutButton"),
        tr("Sign out all other devices?"),
        tr("Every device but this one will have to sign in again to use your account."),
        tr("Sign out")};
    askToConfirm(this, question, [this] { emit signOutOtherDevicesRequested(); });
}

void DevicesPage::showStatus(const QString& text) {
    setMessage(status_, text);
}

void DevicesPage::setBusy(bool busy) {
    busy_ = busy;
    updateButtons();
}

void DevicesPage::updateButtons() {
    refresh_->setEnabled(!busy_);
    signOutThis_->setEnabled(!busy_);
    signOutOthers_->setEnabled(!busy_ && hasOtherSessions());
    signOutSelected_->setEnabled(!busy_ && !selectedOtherSession().isEmpty());
}

QString DevicesPage::selectedOtherSession() const {
    const QModelIndexList selected = view_->selectionModel()->selectedIndexes();
    if (selected.isEmpty() || selected.first().data(SessionsModel::CurrentRole).toBool()) {
        return {};
    }
    return selected.first().data(SessionsModel::IdRole).toString();
}

bool DevicesPage::hasOtherSessions() const {
    for (int row = 0; row < model_->rowCount(); ++row) {
        if (!model_->sessionAt(row).current) {
            return true;
        }
    }
    return false;
}

}  // namespace natter
