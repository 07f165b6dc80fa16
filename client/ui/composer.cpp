#include "ui/composer.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>

#include "protocol_limits.h"
#include "ui/emoji_picker.h"
#include "ui/message_label.h"
#include "ui/theme.h"
#include "validation.h"

namespace natter {
namespace {

// The counter shows up only when the limit comes into view.
constexpr int kCounterThreshold = limits::kMessageBodyMaxChars - 500;

}  // namespace

Composer::Composer(QWidget* parent) : QWidget(parent) {
    editor_ = new QPlainTextEdit(this);
    editor_->setObjectName(QStringLiteral("composerEdit"));
    editor_->setPlaceholderText(tr("Write a message. Enter sends, Shift+Enter adds a line."));
    editor_->setAccessibleName(tr("Message"));
    editor_->setTabChangesFocus(true);
    editor_->setFixedHeight(editor_->fontMetrics().lineSpacing() * 3 + 16);
    editor_->installEventFilter(this);
    sendButton_ = new QPushButton(tr("Send"), this);
    sendButton_->setObjectName(QStringLiteral("sendButton"));
    sendButton_->setAccessibleName(tr("Send message"));
    counter_ = new QLabel(this);
    counter_->setObjectName(QStringLiteral("composerCounter"));
    counter_->setAlignment(Qt::AlignRight);
    error_ = createMessageLabel(MessageStyle::Error, QStringLiteral("composerError"), this);

    attachButton_ = new QToolButton(this);
    attachButton_->setObjectName(QStringLiteral("attachButton"));
    attachButton_->setText(QStringLiteral("\U0001F4CE"));  // 📎
    attachButton_->setToolTip(tr("Attach a photo or file"));
    attachButton_->setAccessibleName(tr("Attach a photo or file"));
    connect(attachButton_, &QToolButton::clicked, this, &Composer::attachRequested);

    auto* row = new QHBoxLayout;
    row->addWidget(attachButton_, 0, Qt::AlignTop);
    row->addWidget(editor_, 1);
    auto* side = new QVBoxLayout;
    side->addWidget(sendButton_);
    side->addWidget(createEmojiButton(editor_, this), 0, Qt::AlignRight);
    side->addWidget(counter_);
    side->addStretch();
    row->addLayout(side);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(error_);
    layout->addLayout(row);

    connect(editor_, &QPlainTextEdit::textChanged, this, &Composer::updateState);
    connect(editor_, &QPlainTextEdit::textChanged, this, [this] {
        if (restoring_) {
            return;  // nothing was typed
        }
        const QString text = editor_->toPlainText();
        emit edited(text);
        if (text.trimmed().isEmpty()) {
            emit typingStopped();
        } else {
            emit typing();
        }
    });
    connect(sendButton_, &QPushButton::clicked, this, &Composer::submit);
    updateState();
}

int Composer::length() const {
    return codePointCount(editor_->toPlainText().trimmed());
}

void Composer::updateState() {
    const int count = length();
    const bool tooLong = count > limits::kMessageBodyMaxChars;
    sendButton_->setEnabled(count > 0 && !tooLong);
    counter_->setVisible(count >= kCounterThreshold);
    //: characters used of the maximum
    counter_->setText(tr("%1 / %2").arg(count).arg(limits::kMessageBodyMaxChars));
    setErrorInk(counter_, tooLong);
    if (tooLong) {
        showError(tr("This message is %1 characters too long.")
                      .arg(count - limits::kMessageBodyMaxChars));
    } else if (!error_->text().isEmpty() && count > 0) {
        showError({});  // the user is fixing it
    }
}

void Composer::submit() {
    if (!sendButton_->isEnabled()) {
        return;
    }
    const QString text = editor_->toPlainText().trimmed();
    showError({});
    emit sendRequested(text);
}

void Composer::clear() {
    editor_->clear();
}

void Composer::restoreText(const QString& text) {
    restoring_ = true;
    editor_->setPlainText(text);
    editor_->moveCursor(QTextCursor::End);
    restoring_ = false;
}

void Composer::showError(const QString& message) {
    setMessage(error_, message);
}

bool Composer::eventFilter(QObject* watched, QEvent* event) {
    if (watched == editor_ && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        if (enter && !(key->modifiers() & Qt::ShiftModifier)) {
            submit();
            return true;
        }
        if (key->key() == Qt::Key_Up && editor_->toPlainText().isEmpty()) {
            emit editLastRequested();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            emit cancelRequested();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace natter
