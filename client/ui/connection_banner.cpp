#include "ui/connection_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include "core/account_client.h"
#include "core/chat_actions.h"

namespace natter {

ConnectionBanner::ConnectionBanner(AccountClient* account, ChatActions* chat, QWidget* parent)
    : QWidget(parent), account_(account), chat_(chat) {
    state_ = new QLabel(this);
    state_->setObjectName(QStringLiteral("connectionStateLabel"));
    state_->setTextFormat(Qt::PlainText);
    reconnectNow_ = new QPushButton(tr("Reconnect now"), this);
    reconnectNow_->setObjectName(QStringLiteral("reconnectNowButton"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(state_, 1);
    layout->addWidget(reconnectNow_);
    connect(account_, &AccountClient::linkStateChanged, this, &ConnectionBanner::refresh);
    connect(account_, &AccountClient::retryCountdown, this, &ConnectionBanner::refresh);
    connect(chat_, &ChatActions::readyChanged, this, &ConnectionBanner::refresh);
    connect(reconnectNow_, &QPushButton::clicked, account_, &AccountClient::reconnectNow);
    refresh();
}

void ConnectionBanner::refresh() {
    QString text;
    switch (account_->linkState()) {
        case AccountClient::LinkState::Online:
            text = chat_->isReady() ? QString() : tr("Updating conversations\u2026");
            break;
        case AccountClient::LinkState::Connecting:
            text = tr("Connecting\u2026");
            break;
        case AccountClient::LinkState::Offline:
            text = tr("Offline. Reconnecting in %n s. Unsent messages wait until then.", nullptr,
                      account_->secondsUntilRetry());
            break;
    }
    state_->setText(text);
    reconnectNow_->setVisible(account_->linkState() == AccountClient::LinkState::Offline &&
                              account_->isSignedIn());
    setVisible(!text.isEmpty());
}

}  // namespace natter
