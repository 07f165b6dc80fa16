#include "ui/request_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace natter {

RequestBanner::RequestBanner(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("requestBanner"));
    setFrameShape(QFrame::StyledPanel);
    setBackgroundRole(QPalette::AlternateBase);
    setAutoFillBackground(true);
    text_ = new QLabel(this);
    text_->setObjectName(QStringLiteral("requestBannerText"));
    text_->setTextFormat(Qt::PlainText);
    text_->setWordWrap(true);
    QFont bold = text_->font();
    bold.setBold(true);
    text_->setFont(bold);
    auto* hint = new QLabel(tr("Reply or accept to move this chat to your chats. Block to decline; "
                               "they won't be told."),
                            this);
    hint->setWordWrap(true);
    accept_ = new QPushButton(tr("Accept"), this);
    accept_->setObjectName(QStringLiteral("acceptRequestButton"));
    accept_->setAccessibleName(tr("Accept chat request"));
    block_ = new QPushButton(tr("Block"), this);
    block_->setObjectName(QStringLiteral("blockRequestButton"));
    block_->setAccessibleName(tr("Block and decline chat request"));

    auto* words = new QVBoxLayout;
    words->addWidget(text_);
    words->addWidget(hint);
    auto* layout = new QHBoxLayout(this);
    layout->addLayout(words, 1);
    layout->addWidget(accept_);
    layout->addWidget(block_);
    connect(accept_, &QPushButton::clicked, this, &RequestBanner::acceptRequested);
    connect(block_, &QPushButton::clicked, this, &RequestBanner::blockRequested);
}

void RequestBanner::setSender(const QString& name) {
    //: %1 is the person who started a chat with me
    text_->setText(tr("%1 wants to chat with you").arg(name));
}

QString RequestBanner::text() const {
    return text_->text();
}

}  // namespace natter
