#include "ui/message_actions.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/chat_actions.h"
#include "message_rules.h"
#include "models/message_list_model.h"
#include "ui/composer.h"
#include "ui/confirmation.h"
#include "ui/glyph_icon.h"
#include "ui/message_delegate.h"

namespace natter {

MessageActions::MessageActions(ChatActions* chat, QListView* view, MessageListModel* model,
                               Composer* composer, QWidget* parent)
    : QFrame(parent), chat_(chat), view_(view), model_(model), composer_(composer) {
    setObjectName(QStringLiteral("replyBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    title_ = new QLabel(this);
    title_->setObjectName(QStringLiteral("replyBarTitle"));
    title_->setTextFormat(Qt::PlainText);
    QFont bold = title_->font();
    bold.setBold(true);
    title_->setFont(bold);
    preview_ = new QLabel(this);
    preview_->setObjectName(QStringLiteral("replyBarPreview"));
    preview_->setTextFormat(Qt::PlainText);
    preview_->setForegroundRole(QPalette::PlaceholderText);
    close_ = new QToolButton(this);
    close_->setObjectName(QStringLiteral("replyBarClose"));
    close_->setIcon(glyphIcon(Glyph::Close));
    close_->setAutoRaise(true);
    close_->setToolTip(tr("Cancel (Esc)"));
    close_->setAccessibleName(tr("Cancel"));
    auto* texts = new QVBoxLayout;
    texts->setSpacing(0);
    texts->addWidget(title_);
    texts->addWidget(preview_);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addLayout(texts, 1);
    layout->addWidget(close_, 0, Qt::AlignTop);
    setVisible(false);

    highlight_ = new QTimer(this);
    highlight_->setSingleShot(true);
    highlight_->setInterval(kHighlightMs);
    connect(highlight_, &QTimer::timeout, model_, [this] { model_->setHighlightedSeq(0); });
    connect(close_, &QToolButton::clicked, this, &MessageActions::cancel);
    connect(composer_, &Composer::cancelRequested, this, &MessageActions::cancel);
    connect(composer_, &Composer::editLastRequested, this, [this] {
        const int row = model_->lastEditableRow();
        if (row >= 0) {
            startEdit(model_->index(row, 0));
        }
    });
    connect(model_, &MessageListModel::olderPrepended, this, [this] {
        if (pendingJump_ > 0) {
            QTimer::singleShot(0, this, [this] { jumpTo(pendingJump_); });
        }
    });
    view_->viewport()->installEventFilter(this);
}

void MessageActions::showMenu(const QModelIndex& index, const QPoint& globalPosition) {
    if (!index.isValid() || !index.data(MessageListModel::CanReplyRole).toBool()) {
        return;  // system messages, tombstones and unsent messages
    }
    const QPersistentModelIndex row(index);
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("messageMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("Reply"), this, [this, row] { startReply(row); })
        ->setObjectName(QStringLiteral("replyAction"));
    if (index.data(MessageListModel::CanEditRole).toBool()) {
        menu->addAction(tr("Edit"), this, [this, row] { startEdit(row); })
            ->setObjectName(QStringLiteral("editAction"));
    }
    addReactMenu(menu, index);
    if (index.data(MessageListModel::CanDeleteRole).toBool()) {
        menu->addSeparator();
        menu->addAction(tr("Delete for everyone"), this, [this, row] { askToDelete(row); })
            ->setObjectName(QStringLiteral("deleteForEveryoneAction"));
    }
    menu->popup(globalPosition);
}

// One action per emoji the server takes, checked where I reacted; choosing one toggles it.
void MessageActions::addReactMenu(QMenu* menu, const QModelIndex& index) {
    QMenu* react = menu->addMenu(tr("React"));
    react->setObjectName(QStringLiteral("reactMenu"));
    const QPersistentModelIndex row(index);
    for (const QString& emoji : reactionEmoji()) {
        QAction* action =
            react->addAction(emoji, this, [this, row, emoji] { toggleReaction(row, emoji); });
        action->setCheckable(true);
        action->setChecked(model_->hasMyReaction(index.row(), emoji));
    }
}

void MessageActions::toggleReaction(const QModelIndex& index, const QString& emoji) {
    if (!index.isValid()) {
        return;
    }
    chat_->react(model_->key(), index.data(MessageListModel::SeqRole).toLongLong(), emoji,
                 !model_->hasMyReaction(index.row(), emoji));
}

void MessageActions::askToDelete(const QModelIndex& index) {
    if (!index.isValid()) {
        return;
    }
    const QString key = model_->key();
    const qint64 seq = index.data(MessageListModel::SeqRole).toLongLong();
    askToConfirm(this,
                 {QStringLiteral("deleteMessageDialog"), QStringLiteral("confirmDeleteButton"),
                  tr("Delete message"),
                  tr("Delete this message for everyone in the chat? Its text is removed from "
                     "the server and from every device."),
                  tr("Delete")},
                 [this, key, seq] { chat_->deleteMessage(key, seq); });
}

void MessageActions::startReply(const QModelIndex& index) {
    if (index.isValid()) {
        showBar(Mode::Reply, index);
    }
}

void MessageActions::startEdit(const QModelIndex& index) {
    if (!index.isValid() || !index.data(MessageListModel::CanEditRole).toBool()) {
        return;
    }
    if (mode_ != Mode::Edit) {
        draftBeforeEdit_ = composer_->editor()->toPlainText();
    }
    showBar(Mode::Edit, index);
    composer_->restoreText(index.data(MessageListModel::BodyRole).toString());
}

void MessageActions::showBar(Mode mode, const QModelIndex& index) {
    if (mode_ == Mode::Edit && mode != Mode::Edit) {
        composer_->restoreText(draftBeforeEdit_);  // a reply starts from what was written
    }
    mode_ = mode;
    seq_ = index.data(MessageListModel::SeqRole).toLongLong();
    const QString sender = index.data(MessageListModel::MineRole).toBool()
                               ? tr("yourself")
                               : index.data(MessageListModel::SenderNameRole).toString();
    if (mode == Mode::Edit) {
        title_->setText(tr("Edit message"));
    } else {
        //: %1 is the person whose message is answered
        title_->setText(tr("Reply to %1").arg(sender));
    }
    QString preview = index.data(MessageListModel::BodyRole).toString();
    preview.replace(QLatin1Char('\n'), QLatin1Char(' '));
    preview_->setText(preview_->fontMetrics().elidedText(preview, Qt::ElideRight,
                                                         qMax(100, view_->width() - 60)));
    setVisible(true);
    composer_->editor()->setFocus();
}

bool MessageActions::submit(const QString& text) {
    if (mode_ == Mode::None) {
        return false;
    }
    const QString key = model_->key();
    if (mode_ == Mode::Edit) {
        chat_->editMessage(key, seq_, text.trimmed());
        const QString draft = draftBeforeEdit_;
        mode_ = Mode::None;
        setVisible(false);
        composer_->restoreText(draft);
        return true;
    }
    if (chat_->sendReply(key, text, seq_).isEmpty()) {
        composer_->showError(tr("This message cannot be sent."));
        return true;
    }
    composer_->clear();
    cancel();
    view_->scrollToBottom();
    return true;
}

void MessageActions::cancel() {
    if (mode_ == Mode::Edit) {
        composer_->restoreText(draftBeforeEdit_);
    }
    mode_ = Mode::None;
    seq_ = 0;
    setVisible(false);
}

void MessageActions::reset() {
    mode_ = Mode::None;
    seq_ = 0;
    pendingJump_ = 0;
    jumpPages_ = 0;
    draftBeforeEdit_.clear();
    highlight_->stop();
    setVisible(false);
}

void MessageActions::jumpTo(qint64 seq) {
    const int row = model_->rowOfSeq(seq);
    if (row < 0) {
        pendingJump_ = 0;
        if (jumpPages_ < kJumpPagesMax && chat_->hasOlderMessages(model_->key())) {
            pendingJump_ = seq;
            ++jumpPages_;
            chat_->loadOlderMessages(model_->key());
        }
        return;
    }
    pendingJump_ = 0;
    jumpPages_ = 0;
    view_->scrollTo(model_->index(row, 0), QAbstractItemView::PositionAtCenter);
    model_->setHighlightedSeq(seq);
    highlight_->start();
}

void MessageActions::startJump(qint64 seq) {
    jumpPages_ = 0;
    jumpTo(seq);
}

bool MessageActions::eventFilter(QObject* watched, QEvent* event) {
    if (watched == view_->viewport() && event->type() == QEvent::MouseButtonRelease) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton) {
            onClick(mouse->position().toPoint());
        }
    }
    return QFrame::eventFilter(watched, event);
}

void MessageActions::onClick(const QPoint& position) {
    const QModelIndex index = view_->indexAt(position);
    const auto* delegate = qobject_cast<const MessageDelegate*>(view_->itemDelegate());
    if (!index.isValid() || delegate == nullptr) {
        return;
    }
    const MessageDelegate::Hit hit = delegate->hitAt(position);
    if (hit.kind == MessageDelegate::Hit::Kind::Quote) {
        startJump(index.data(MessageListModel::ReplyToSeqRole).toLongLong());
    } else if (hit.kind == MessageDelegate::Hit::Kind::Reaction) {
        toggleReaction(index, hit.emoji);
    }
}

}  // namespace natter
