#include "conversation_view.h"

#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QTimer>
#include <QVBoxLayout>

#include "chat_client.h"
#include "composer.h"
#include "message_delegate.h"
#include "message_list_model.h"

namespace natter {

ConversationView::ConversationView(ChatClient* chat, QWidget* parent)
    : QWidget(parent), chat_(chat), model_(new MessageListModel(this)) {
    title_ = new QLabel(this);
    title_->setObjectName(QStringLiteral("conversationTitle"));
    title_->setTextFormat(Qt::PlainText);
    QFont titleFont = title_->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    title_->setFont(titleFont);
    subtitle_ = new QLabel(this);
    subtitle_->setObjectName(QStringLiteral("conversationMembers"));
    subtitle_->setTextFormat(Qt::PlainText);
    subtitle_->setForegroundRole(QPalette::PlaceholderText);
    details_ = new QPushButton(tr("Group details"), this);
    details_->setObjectName(QStringLiteral("groupDetailsButton"));

    view_ = new QListView(this);
    view_->setObjectName(QStringLiteral("messageView"));
    view_->setAccessibleName(tr("Messages"));
    view_->setModel(model_);
    view_->setItemDelegate(new MessageDelegate(view_));
    view_->setResizeMode(QListView::Adjust);
    view_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    view_->setSelectionMode(QAbstractItemView::NoSelection);
    view_->setWordWrap(true);
    view_->setFrameShape(QFrame::NoFrame);
    composer_ = new Composer(this);

    auto* header = new QHBoxLayout;
    auto* names = new QVBoxLayout;
    names->addWidget(title_);
    names->addWidget(subtitle_);
    header->addLayout(names, 1);
    header->addWidget(details_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(view_, 1);
    layout->addWidget(composer_);

    connectSignals();
}

void ConversationView::connectSignals() {
    connect(composer_, &Composer::sendRequested, this, &ConversationView::onSend);
    connect(details_, &QPushButton::clicked, this, [this] { emit detailsRequested(key()); });
    connect(view_->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &ConversationView::maybeLoadOlder);
    connect(view_, &QListView::clicked, this, &ConversationView::retryAt);
    connect(view_, &QListView::activated, this, &ConversationView::retryAt);
    connect(model_, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this] { wasAtBottom_ = isAtBottom(); });
    connect(model_, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) { onRowsInserted(first, last); });
    connect(model_, &MessageListModel::olderPrepended, this, &ConversationView::onOlderPrepended);
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        QTimer::singleShot(0, view_, [this] {
            view_->scrollToBottom();
            maybeLoadOlder();
        });
    });
    // A history page lost with the connection is asked for again once back online.
    connect(chat_, &ChatClient::readyChanged, this, [this](bool ready) {
        if (ready && isVisible()) {
            maybeLoadOlder();
        }
    });
    connect(chat_, &ChatClient::conversationChanged, this, [this](const Conversation& c) {
        if (c.id == key()) {
            refreshHeader();
        }
    });
}

QString ConversationView::key() const {
    return model_->key();
}

void ConversationView::showConversation(const QString& conversationId) {
    draftRecipient_.reset();
    composer_->showError({});
    model_->showConversation(chat_, conversationId);
    refreshHeader();
}

void ConversationView::showDraft(const UserInfo& recipient) {
    draftRecipient_ = recipient;
    composer_->showError({});
    model_->showConversation(chat_, recipient.id);
    refreshHeader();
}

void ConversationView::refreshHeader() {
    const auto conversation = chat_->conversation(key());
    if (!conversation) {
        title_->setText(draftRecipient_ ? draftRecipient_->displayName : QString());
        subtitle_->setText(draftRecipient_ ? tr("Your first message starts this chat.")
                                           : QString());
        details_->setVisible(false);
        return;
    }
    title_->setText(conversation->name);
    QStringList names;
    for (const UserInfo& member : conversation->members) {
        names << (member.id == chat_->myUserId() ? tr("you") : member.displayName);
    }
    subtitle_->setText(conversation->isGroup()
                           ? tr("Members: %1").arg(names.join(QStringLiteral(", ")))
                           : tr("Private chat"));
    details_->setVisible(conversation->isGroup());
}

void ConversationView::onSend(const QString& text) {
    const QString sent = draftRecipient_ ? chat_->sendTextToUser(*draftRecipient_, text)
                                         : chat_->sendText(key(), text);
    if (sent.isEmpty()) {
        composer_->showError(tr("This message cannot be sent."));
        return;
    }
    composer_->clear();
    view_->scrollToBottom();
}

bool ConversationView::isAtBottom() const {
    const QScrollBar* bar = view_->verticalScrollBar();
    return bar->value() >= bar->maximum() - 4;
}

void ConversationView::onRowsInserted(int first, int last) {
    if (first == 0 && model_->rowCount() > last + 1) {
        return;  // older messages: onOlderPrepended keeps the position
    }
    if (wasAtBottom_) {
        QTimer::singleShot(0, view_, [this] { view_->scrollToBottom(); });
    }
}

void ConversationView::maybeLoadOlder() {
    const QScrollBar* bar = view_->verticalScrollBar();
    if (bar->value() == bar->minimum() && chat_->hasOlderMessages(key())) {
        distanceFromBottom_ = bar->maximum() - bar->value();
        chat_->loadOlderMessages(key());
    }
}

void ConversationView::onOlderPrepended() {
    // The messages in view stay where they were; the older ones appear above. Lay the rows out
    // now so the scroll range already includes them.
    view_->doItemsLayout();
    QScrollBar* bar = view_->verticalScrollBar();
    bar->setValue(bar->maximum() - distanceFromBottom_);
    if (bar->maximum() == 0) {
        maybeLoadOlder();  // still not enough to scroll: keep filling
    }
}

void ConversationView::retryAt(const QModelIndex& index) {
    if (Delivery(index.data(MessageListModel::DeliveryRole).toInt()) == Delivery::Failed) {
        chat_->retry(index.data(MessageListModel::ClientMessageIdRole).toString());
    }
}

}  // namespace natter
