#include "ui/conversation_safety.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/chat_actions.h"
#include "core/chat_errors.h"
#include "ui/composer.h"
#include "ui/confirmation.h"
#include "ui/conversation_view.h"
#include "ui/glyph_icon.h"
#include "ui/request_banner.h"

namespace natter {

ConversationSafety::ConversationSafety(ChatActions* chat, Composer* composer, QWidget* parent)
    : QWidget(parent), chat_(chat), composer_(composer) {
    banner_ = new RequestBanner(this);
    blockedNotice_ = new QWidget(this);
    blockedNotice_->setObjectName(QStringLiteral("blockedNotice"));
    blockedText_ = new QLabel(blockedNotice_);
    blockedText_->setObjectName(QStringLiteral("blockedNoticeText"));
    blockedText_->setTextFormat(Qt::PlainText);
    blockedText_->setWordWrap(true);
    unblock_ = new QPushButton(tr("Unblock"), blockedNotice_);
    unblock_->setObjectName(QStringLiteral("unblockButton"));
    auto* noticeRow = new QHBoxLayout(blockedNotice_);
    noticeRow->setContentsMargins(0, 0, 0, 0);
    noticeRow->addWidget(blockedText_, 1);
    noticeRow->addWidget(unblock_);

    options_ = new QToolButton(parent);
    options_->setObjectName(QStringLiteral("conversationOptionsButton"));
    options_->setIcon(glyphIcon(Glyph::More));
    options_->setIconSize(
        QSize(ConversationView::kHeaderIconSize, ConversationView::kHeaderIconSize));
    options_->setAutoRaise(true);
    options_->setToolTip(tr("Options"));
    options_->setAccessibleName(tr("Conversation options"));
    auto* menu = new QMenu(options_);
    mute_ = menu->addAction(tr("Mute notifications"));
    mute_->setObjectName(QStringLiteral("muteAction"));
    mute_->setCheckable(true);
    block_ = menu->addAction(QString());
    block_->setObjectName(QStringLiteral("blockAction"));
    setIconMenu(options_, menu);
    noteExpiry_ = new QTimer(this);
    noteExpiry_->setSingleShot(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(banner_);
    layout->addWidget(blockedNotice_);
    connectSignals();
    refresh();
}

void ConversationSafety::connectSignals() {
    connect(banner_, &RequestBanner::acceptRequested, this, [this] { chat_->acceptRequest(key_); });
    connect(banner_, &RequestBanner::blockRequested, this, &ConversationSafety::confirmBlock);
    connect(unblock_, &QPushButton::clicked, this, &ConversationSafety::toggleBlock);
    connect(block_, &QAction::triggered, this, &ConversationSafety::toggleBlock);
    // The check mark follows the server (conversation.muted), not the click.
    connect(mute_, &QAction::triggered, this, [this](bool checked) {
        mute_->setChecked(!checked);
        chat_->setMuted(key_, checked);
    });
    connect(chat_, &ChatActions::conversationChanged, this, [this](const Conversation& c) {
        if (c.id == key_) {
            refresh();
        }
    });
    connect(chat_, &ChatActions::blockedUsersChanged, this, &ConversationSafety::refresh);
    connect(chat_, &ChatActions::outgoingChanged, this, &ConversationSafety::onOutgoingChanged);
    connect(chat_, &ChatActions::sendingThrottled, this, &ConversationSafety::onThrottled);
    connect(noteExpiry_, &QTimer::timeout, this, [this] { composer_->showError({}); });
}

void ConversationSafety::showConversation(const QString& key,
                                          const std::optional<UserInfo>& draftRecipient) {
    key_ = key;
    draftRecipient_ = draftRecipient;
    noteExpiry_->stop();
    refresh();
}

std::optional<UserInfo> ConversationSafety::peer() const {
    return draftRecipient_ ? draftRecipient_ : chat_->peerOf(key_);
}

bool ConversationSafety::peerBlocked() const {
    const auto person = peer();
    if (!person) {
        return false;
    }
    const auto conversation = chat_->conversation(key_);
    return chat_->isBlocked(person->id) || (conversation && conversation->blocked);
}

void ConversationSafety::refresh() {
    const auto conversation = chat_->conversation(key_);
    const auto person = peer();
    const bool blocked = peerBlocked();
    banner_->setVisible(conversation && conversation->request && !blocked);
    if (person) {
        banner_->setSender(person->displayName);
        //: %1 is the person I blocked
        blockedText_->setText(
            tr("You blocked %1. Unblock to send messages.").arg(person->displayName));
    }
    blockedNotice_->setVisible(blocked);
    composer_->setEnabled(!blocked && !key_.isEmpty());
    refreshMenu(conversation);
}

void ConversationSafety::refreshMenu(const std::optional<Conversation>& conversation) {
    const auto person = peer();
    mute_->setVisible(conversation.has_value());
    mute_->setChecked(conversation && conversation->muted);
    block_->setVisible(person.has_value());
    if (person) {
        block_->setText(peerBlocked() ? tr("Unblock %1").arg(person->displayName)
                                      : tr("Block %1\u2026").arg(person->displayName));
    }
    options_->setVisible(conversation.has_value() || person.has_value());
}

void ConversationSafety::toggleBlock() {
    const auto person = peer();
    if (!person) {
        return;
    }
    if (peerBlocked()) {
        chat_->unblockUser(*person);  // harmless: no need to ask
    } else {
        confirmBlock();
    }
}

void ConversationSafety::confirmBlock() {
    const auto person = peer();
    if (!person) {
        return;
    }
    const Confirmation question{
        QStringLiteral("blockConfirmDialog"), QStringLiteral("confirmBlockButton"),
        tr("Block %1?").arg(person->displayName),
        tr("%1 will not be able to send you messages or add you to groups. They won't be told. "
           "You can unblock them on the People page.")
            .arg(person->displayName),
        tr("Block")};
    askToConfirm(this, question, [this, user = *person] { chat_->blockUser(user); });
}

// A refusal of a message in this conversation is said in the composer too, where the user looks.
void ConversationSafety::onOutgoingChanged(const QString& key, const ChatMessage& message) {
    if (key == key_ && message.delivery == Delivery::Failed) {
        noteExpiry_->stop();
        composer_->showError(message.failureText);
    }
}

void ConversationSafety::onThrottled(const QString& key, qint64 retryAfterMs) {
    if (key != key_) {
        return;
    }
    composer_->showError(ChatMessages::sendingTooFast(retryAfterMs));
    noteExpiry_->start(int(qBound(qint64(1'000), retryAfterMs, qint64(60'000))));
}

}  // namespace natter
