#include "ui/conversation_view.h"

#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/chat_actions.h"
#include "models/message_list_model.h"
#include "ui/attachment_controller.h"
#include "ui/avatar.h"
#include "ui/composer.h"
#include "ui/conversation_safety.h"
#include "ui/glyph_icon.h"
#include "ui/group_details_dialog.h"
#include "ui/message_actions.h"
#include "ui/message_delegate.h"

namespace natter {

ConversationView::ConversationView(ChatActions* chat, QWidget* parent)
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
    subtitle_->setAccessibleDescription(tr("Members or the other person's presence"));
    typing_ = new QLabel(this);
    typing_->setObjectName(QStringLiteral("typingIndicator"));
    typing_->setTextFormat(Qt::PlainText);
    typing_->setAccessibleName(tr("Typing"));
    QFont typingFont = typing_->font();
    typingFont.setItalic(true);
    typing_->setFont(typingFont);
    typing_->setMinimumHeight(typing_->fontMetrics().height());  // no jump when it appears
    markRead_ = new QTimer(this);
    markRead_->setSingleShot(true);
    markRead_->setInterval(kMarkReadDelayMs);
    avatar_ = new AvatarWidget(kHeaderAvatarSize, this);
    avatar_->setObjectName(QStringLiteral("conversationAvatar"));
    details_ = new QPushButton(glyphIcon(Glyph::Details), QString(), this);
    details_->setObjectName(QStringLiteral("groupDetailsButton"));
    details_->setFlat(true);
    details_->setIconSize(QSize(kHeaderIconSize, kHeaderIconSize));
    details_->setToolTip(tr("Group details"));
    details_->setAccessibleName(tr("Group details"));
    jumpToUnread_ = new QPushButton(tr("Jump to first unread"), this);
    jumpToUnread_->setObjectName(QStringLiteral("jumpToUnreadButton"));
    jumpToUnread_->setAccessibleDescription(
        tr("Scrolls to the first message that was unread when you opened this chat"));
    jumpToUnread_->setVisible(false);

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
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    composer_ = new Composer(this);
    createBackButton();  // before the message actions: Esc cancels a reply before going back
    safety_ = new ConversationSafety(chat_, composer_, this);
    actions_ = new MessageActions(chat_, view_, model_, composer_, this);
    attachments_ = new AttachmentController(chat_, view_, model_, this, composer_->editor());

    auto* header = new QHBoxLayout;
    header->addWidget(back_);
    header->addWidget(avatar_);
    auto* names = new QVBoxLayout;
    names->addWidget(title_);
    names->addWidget(subtitle_);
    header->addLayout(names, 1);
    header->addWidget(jumpToUnread_);
    header->addWidget(details_);
    header->addWidget(safety_->optionsButton());
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addLayout(createColumn(), 1);

    addOptionsActions();
    connectSignals();
}

// The messages and the composer in one column, at most kMessageColumnMaxWidth wide and centred:
// in a wide window a line of text stays short enough to read.
QLayout* ConversationView::createColumn() {
    auto* column = new QWidget(this);
    column->setObjectName(QStringLiteral("messageColumn"));
    column->setMaximumWidth(kMessageColumnMaxWidth);
    auto* inner = new QVBoxLayout(column);
    inner->setContentsMargins(0, 0, 0, 0);
    inner->addWidget(typing_);
    inner->addWidget(view_, 1);
    inner->addWidget(safety_);
    inner->addWidget(actions_);
    inner->addWidget(composer_);
    auto* centred = new QHBoxLayout;
    centred->addStretch();
    centred->addWidget(column, 1000);  // takes all it may; the stretches share the rest
    centred->addStretch();
    return centred;
}

// ← in the header, shown only while the window is too narrow for the list beside the chat; Esc
// in the messages or in the composer (when no reply or edit is to be cancelled) does the same.
void ConversationView::createBackButton() {
    back_ = new QToolButton(this);
    back_->setObjectName(QStringLiteral("backToListButton"));
    back_->setIcon(glyphIcon(Glyph::Back));
    back_->setIconSize(QSize(kHeaderIconSize, kHeaderIconSize));
    back_->setAutoRaise(true);
    back_->setToolTip(tr("Back to the conversations (Esc)"));
    back_->setAccessibleName(tr("Back to the conversations"));
    back_->setVisible(false);
    connect(back_, &QToolButton::clicked, this, &ConversationView::backRequested);
    auto* escape = new QShortcut(QKeySequence(Qt::Key_Escape), view_);
    escape->setContext(Qt::WidgetShortcut);
    connect(escape, &QShortcut::activated, this, &ConversationView::backRequested);
    connect(composer_, &Composer::cancelRequested, this, [this] {
        if (actions_->isHidden()) {  // no reply or edit bar that this Esc closes
            emit backRequested();
        }
    });
}

void ConversationView::setBackButtonShown(bool shown) {
    back_->setVisible(shown);
}

void ConversationView::addOptionsActions() {
    QMenu* menu = safety_->optionsButton()->menu();
    searchHere_ = new QAction(tr("Search in this chat"), menu);
    searchHere_->setObjectName(QStringLiteral("searchInChatAction"));
    menu->insertAction(menu->actions().value(0), searchHere_);
    leaveGroup_ = menu->addAction(tr("Leave group\u2026"));
    leaveGroup_->setObjectName(QStringLiteral("leaveGroupAction"));
    connect(searchHere_, &QAction::triggered, this, [this] { emit searchRequested(key()); });
    connect(leaveGroup_, &QAction::triggered, this,
            [this] { GroupDetailsDialog::askToLeaveGroup(this, chat_, key()); });
}

void ConversationView::refreshOptionsActions(const std::optional<Conversation>& conversation) {
    searchHere_->setVisible(conversation.has_value());
    leaveGroup_->setVisible(conversation && conversation->isGroup());
}

void ConversationView::jumpToMessage(qint64 seq) {
    // After the scroll to the newest that showing a conversation posts.
    QTimer::singleShot(0, view_, [this, seq] { actions_->startJump(seq); });
}

void ConversationView::connectSignals() {
    connect(composer_, &Composer::sendRequested, this, &ConversationView::onSend);
    connect(composer_, &Composer::attachRequested, attachments_, &AttachmentController::pickFile);
    connect(attachments_, &AttachmentController::problem, composer_, &Composer::showError);
    connect(details_, &QPushButton::clicked, this, [this] { emit detailsRequested(key()); });
    connect(view_->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &ConversationView::maybeLoadOlder);
    connect(view_->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &ConversationView::scheduleMarkRead);
    connect(markRead_, &QTimer::timeout, this, &ConversationView::markReadIfSeen);
    connect(view_->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &ConversationView::refreshJumpButton);
    connect(view_->verticalScrollBar(), &QScrollBar::rangeChanged, this,
            &ConversationView::refreshJumpButton);
    connect(jumpToUnread_, &QPushButton::clicked, this, &ConversationView::jumpToFirstUnread);
    connect(composer_, &Composer::typing, this, [this] {
        if (!actions_->isEditing()) {
            chat_->noteTyping(key());
        }
    });
    // One composer for every chat: what is typed is kept as the open chat's draft. The text of a
    // message being edited is not a draft: the draft stays as it was before the edit.
    connect(composer_, &Composer::edited, this, [this](const QString& text) {
        if (!actions_->isEditing()) {
            chat_->setDraft(key(), text);
        }
    });
    connect(composer_, &Composer::typingStopped, this, [this] { chat_->stopTyping(key()); });
    connect(chat_, &ChatActions::typingChanged, this, [this](const QString& id) {
        if (id == key()) {
            refreshTyping();
        }
    });
    connect(chat_, &ChatActions::presenceChanged, this, [this](const Presence& presence) {
        if (presence.userId == peerId()) {
            refreshHeader();
        }
    });
    connect(view_, &QListView::clicked, this, &ConversationView::retryAt);
    connect(view_, &QListView::activated, this, &ConversationView::retryAt);
    connect(view_, &QWidget::customContextMenuRequested, this, [this](const QPoint& position) {
        const QModelIndex index = view_->indexAt(position);
        if (Delivery(index.data(MessageListModel::DeliveryRole).toInt()) == Delivery::Failed) {
            showUnsentMenu(position);
        } else {
            actions_->showMenu(index, view_->viewport()->mapToGlobal(position));
        }
    });
    connect(model_, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this] { wasAtBottom_ = isAtBottom(); });
    connect(model_, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) { onRowsInserted(first, last); });
    connect(model_, &MessageListModel::olderPrepended, this, &ConversationView::onOlderPrepended);
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        QTimer::singleShot(0, view_, [this] {
            view_->scrollToBottom();
            maybeLoadOlder();
            scheduleMarkRead();
        });
    });
    // A history page lost with the connection is asked for again once back online.
    connect(chat_, &ChatActions::readyChanged, this, [this](bool ready) {
        if (ready && isVisible()) {
            maybeLoadOlder();
            scheduleMarkRead();  // a mark lost with the connection is sent again
        }
    });
    connect(chat_, &ChatActions::conversationChanged, this, [this](const Conversation& c) {
        if (c.id == key()) {
            refreshHeader();
        }
    });
    // A refused edit, deletion or reaction is said where the user looks.
    connect(chat_, &ChatActions::changeRefused, this,
            [this](const QString& conversationId, const QString& message) {
                if (conversationId == key()) {
                    composer_->showError(message);
                }
            });
}

QString ConversationView::key() const {
    return model_->key();
}

void ConversationView::leaveConversation() {
    chat_->stopTyping(key());
    markRead_->stop();
}

void ConversationView::showConversation(const QString& conversationId) {
    leaveConversation();
    draftRecipient_.reset();
    actions_->reset();
    composer_->showError({});
    safety_->showConversation(conversationId, std::nullopt);
    model_->showConversation(chat_, conversationId);
    attachments_->setConversation(conversationId);
    composer_->restoreText(chat_->draft(conversationId));
    firstUnreadSeq_ = model_->firstUnreadSeq();  // the model's divider marks the same message
    refreshHeader();
    refreshTyping();
}

void ConversationView::showDraft(const UserInfo& recipient) {
    leaveConversation();
    firstUnreadSeq_ = 0;
    draftRecipient_ = recipient;
    actions_->reset();
    composer_->showError({});
    safety_->showConversation(recipient.id, recipient);
    model_->showConversation(chat_, recipient.id);
    attachments_->setConversation({});  // files go to chats that exist
    composer_->restoreText(chat_->draft(recipient.id));
    refreshHeader();
    refreshTyping();
}

void ConversationView::refreshHeader() {
    const auto conversation = chat_->conversation(key());
    if (!conversation) {
        title_->setText(draftRecipient_ ? draftRecipient_->displayName : QString());
        subtitle_->setText(draftRecipient_ ? tr("Your first message starts this chat.")
                                           : QString());
        details_->setVisible(false);
        avatar_->setPerson(title_->text(), draftRecipient_ ? draftRecipient_->id : QString());
        refreshOptionsActions(conversation);
        return;
    }
    title_->setText(conversation->name);
    avatar_->setPerson(conversation->name, conversation->isGroup() ? conversation->id : peerId());
    QStringList names;
    for (const UserInfo& member : conversation->members) {
        names << (member.id == chat_->myUserId() ? tr("you") : member.displayName);
    }
    const QString presence = presenceText(chat_->presence(peerId()), QDateTime::currentDateTime());
    subtitle_->setText(conversation->isGroup()
                           ? tr("Members: %1").arg(names.join(QStringLiteral(", ")))
                           : (presence.isEmpty() ? tr("Private chat") : presence));
    details_->setVisible(conversation->isGroup());
    refreshOptionsActions(conversation);
}

void ConversationView::onSend(const QString& text) {
    if (actions_->submit(text)) {
        return;  // a reply or an edit
    }
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
    scheduleMarkRead();
    if (first == 0 && model_->rowCount() > last + 1) {
        return;  // older messages: onOlderPrepended keeps the position
    }
    if (!isVisible() || !isActiveWindow()) {
        markArrivalsUnseen();
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

bool ConversationView::attachFile(const QString& path) {
    return attachments_->attachFile(path);
}

void ConversationView::retryAt(const QModelIndex& index) {
    if (Delivery(index.data(MessageListModel::DeliveryRole).toInt()) == Delivery::Failed) {
        chat_->retry(index.data(MessageListModel::ClientMessageIdRole).toString());
    }
}

// A refused message may never go through (a link the server's policy refuses): besides
// retrying, it can be deleted, or taken back into the composer to be changed and sent anew.
void ConversationView::showUnsentMenu(const QPoint& position) {
    const QModelIndex index = view_->indexAt(position);
    if (Delivery(index.data(MessageListModel::DeliveryRole).toInt()) != Delivery::Failed) {
        return;
    }
    const QPersistentModelIndex row(index);
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("unsentMessageMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("Retry"), this, [this, row] { retryAt(row); })
        ->setObjectName(QStringLiteral("retryAction"));
    menu->addAction(tr("Edit and resend"), this, [this, row] { editUnsent(row); })
        ->setObjectName(QStringLiteral("editUnsentAction"));
    menu->addAction(
            tr("Delete"), this,
            [this, row] {
                chat_->discardUnsent(row.data(MessageListModel::ClientMessageIdRole).toString());
            })
        ->setObjectName(QStringLiteral("deleteUnsentAction"));
    menu->popup(view_->viewport()->mapToGlobal(position));
}

void ConversationView::editUnsent(const QModelIndex& index) {
    const QString body = index.data(MessageListModel::BodyRole).toString();
    if (!chat_->discardUnsent(index.data(MessageListModel::ClientMessageIdRole).toString())) {
        return;
    }
    // Whatever is being written already stays; the refused text follows it.
    const QString current = composer_->editor()->toPlainText();
    const QString text = current.trimmed().isEmpty() ? body : current + QLatin1Char('\n') + body;
    composer_->restoreText(text);
    chat_->setDraft(key(), text);
    composer_->editor()->setFocus();
}

QString ConversationView::peerId() const {
    const auto conversation = chat_->conversation(key());
    if (!conversation || conversation->isGroup()) {
        return {};
    }
    for (const UserInfo& member : conversation->members) {
        if (member.id != chat_->myUserId()) {
            return member.id;
        }
    }
    return {};
}

QString ConversationView::presenceText(const Presence& presence, const QDateTime& now) {
    if (presence.status == Presence::Status::Online) {
        return tr("online");
    }
    if (presence.status == Presence::Status::Unknown || !presence.lastSeenAt.isValid()) {
        return {};
    }
    const QDateTime seen = presence.lastSeenAt.toLocalTime();
    const qint64 daysAgo = seen.date().daysTo(now.toLocalTime().date());
    if (daysAgo <= 0) {
        //: %1 is a time of day
        return tr("last seen %1").arg(QLocale().toString(seen.time(), QLocale::ShortFormat));
    }
    if (daysAgo == 1) {
        return tr("last seen yesterday");
    }
    //: %1 is a date
    return tr("last seen %1").arg(QLocale().toString(seen.date(), QLocale::ShortFormat));
}

QString ConversationView::typingText(const QStringList& names) {
    switch (names.size()) {
        case 0:
            return {};
        case 1:
            return tr("%1 is typing\u2026").arg(names.at(0));
        case 2:
            return tr("%1 and %2 are typing\u2026").arg(names.at(0), names.at(1));
        default:
            return tr("Several people are typing\u2026");
    }
}

void ConversationView::refreshTyping() {
    QStringList names;
    for (const QString& userId : chat_->typingUsers(key())) {
        const auto user = chat_->user(userId);
        names << (user ? user->displayName : tr("Someone"));
    }
    typing_->setText(typingText(names));
}

// --- marking read: only what the user can see, in the active window, scrolled to the newest

// Windows pass WindowActivate on to their visible children (ActivationChange stays with them).
bool ConversationView::event(QEvent* event) {
    if (event->type() == QEvent::WindowActivate) {
        scheduleMarkRead();
    }
    return QWidget::event(event);
}

void ConversationView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    scheduleMarkRead();
}

void ConversationView::scheduleMarkRead() {
    // Not restarted while pending: a steady stream of arrivals must not put it off forever.
    if (chat_->conversation(key()) && !markRead_->isActive()) {
        markRead_->start();
    }
}

void ConversationView::markReadIfSeen() {
    if (!isVisible() || !isActiveWindow() || !isAtBottom()) {
        return;  // the next scroll, arrival or activation tries again
    }
    qint64 newest = 0;
    for (int row = model_->rowCount() - 1; row >= 0 && newest == 0; --row) {
        newest = model_->index(row, 0).data(MessageListModel::SeqRole).toLongLong();
    }
    if (newest > 0) {
        chat_->markRead(key(), newest);
    }
}

// The chat is open but the window is in the background: what arrives now is not read (the read
// position stays where the user left off) and is shown under the divider when they come back.
void ConversationView::markArrivalsUnseen() {
    const auto conversation = chat_->conversation(key());
    if (!conversation || !conversation->hasReadState) {
        return;
    }
    model_->markNewFrom(conversation->lastReadSeq + 1);
    firstUnreadSeq_ = model_->firstUnreadSeq();
}

// --- jumping to what was new when the chat was opened

int ConversationView::firstUnreadRow() const {
    if (firstUnreadSeq_ <= 0) {
        return -1;
    }
    for (int row = 0; row < model_->rowCount(); ++row) {
        const qint64 seq = model_->index(row, 0).data(MessageListModel::SeqRole).toLongLong();
        if (seq >= firstUnreadSeq_) {
            return row;
        }
    }
    return -1;
}

// Offered while the first unread message is above what is in view.
void ConversationView::refreshJumpButton() {
    const int row = firstUnreadRow();
    jumpToUnread_->setVisible(row >= 0 && view_->visualRect(model_->index(row, 0)).bottom() < 0);
}

void ConversationView::jumpToFirstUnread() {
    const int row = firstUnreadRow();
    if (row < 0) {
        return;
    }
    const QModelIndex index = model_->index(row, 0);
    // At the top of what is loaded; older history then loads and the button stays until the
    // first unread message itself is reached.
    view_->scrollTo(index, QAbstractItemView::PositionAtTop);
    if (index.data(MessageListModel::SeqRole).toLongLong() == firstUnreadSeq_) {
        firstUnreadSeq_ = 0;
        jumpToUnread_->setVisible(false);
    }
}

}  // namespace natter
