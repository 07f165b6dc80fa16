#include "ui/emoji_picker.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <array>

namespace natter {
namespace {

constexpr int kColumns = 8;
constexpr int kCellSize = 32;
constexpr int kVisibleRows = 8;  // the rest scrolls

struct EmojiGroup {
    const char* name;   // translated in the EmojiPicker context
    const char* emoji;  // space-separated
};

// The common emoji the picker offers, by group (80 in all).
const std::array kCommonEmoji{
    EmojiGroup{QT_TRANSLATE_NOOP("natter::EmojiPicker", "Smileys"),
               "😀 😃 😄 😁 😆 😅 😂 🤣 🙂 😉 😊 😇 😍 😘 😋 😜 🤔 🤗 😐 😴 😢 😭 😡 "
               "😱"},
    EmojiGroup{QT_TRANSLATE_NOOP("natter::EmojiPicker", "Gestures"),
               "👍 👎 👌 ✌️ 🤞 👏 🙌 🙏 👋 💪 🤝 👀 🤷 🤦 🙈 🎉"},
    EmojiGroup{QT_TRANSLATE_NOOP("natter::EmojiPicker", "Hearts and symbols"),
               "❤️ 🧡 💛 💚 💙 💜 🖤 💔 💯 ✨ 🔥 ⭐ ✅ ❌ ❓ ❗"},
    EmojiGroup{QT_TRANSLATE_NOOP("natter::EmojiPicker", "Nature"),
               "🐶 🐱 🐭 🦊 🐻 🐼 🐸 🐝 🌸 🌻 🌈 ☀️"},
    EmojiGroup{QT_TRANSLATE_NOOP("natter::EmojiPicker", "Food and activities"),
               "☕ 🍺 🍷 🍕 🍔 🍰 🎂 🍎 ⚽ 🎵 🎁 🚀"},
};

}  // namespace

EmojiPicker::EmojiPicker(QWidget* parent) : QFrame(parent, Qt::Popup) {
    setObjectName(QStringLiteral("emojiPicker"));
    setFrameShape(QFrame::StyledPanel);
    grid_ = new QTableWidget(this);
    grid_->setObjectName(QStringLiteral("emojiGrid"));
    grid_->setAccessibleName(tr("Emoji"));
    grid_->horizontalHeader()->hide();
    grid_->verticalHeader()->hide();
    grid_->setShowGrid(false);
    grid_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    grid_->setSelectionMode(QAbstractItemView::SingleSelection);
    grid_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    grid_->installEventFilter(this);
    QFont emojiFont = grid_->font();
    emojiFont.setPointSizeF(emojiFont.pointSizeF() * 1.4);
    grid_->setFont(emojiFont);
    fillGrid();
    connect(grid_, &QTableWidget::cellClicked, this, &EmojiPicker::choose);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(grid_);
}

// One header row per group (spanning the grid, not selectable), then its emoji, kColumns a row.
void EmojiPicker::fillGrid() {
    grid_->setColumnCount(kColumns);
    int row = 0;
    for (const EmojiGroup& group : kCommonEmoji) {
        const QStringList emoji =
            QString::fromUtf8(group.emoji).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        grid_->setRowCount(row + 1 + int((emoji.size() + kColumns - 1) / kColumns));
        auto* header = new QTableWidgetItem(tr(group.name));
        header->setFlags(Qt::NoItemFlags);
        QFont small = grid_->font();
        small.setPointSizeF(font().pointSizeF());
        small.setBold(true);
        header->setFont(small);
        grid_->setItem(row, 0, header);
        grid_->setSpan(row, 0, 1, kColumns);
        for (int i = 0; i < emoji.size(); ++i) {
            auto* item = new QTableWidgetItem(emoji.at(i));
            item->setTextAlignment(Qt::AlignCenter);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            grid_->setItem(row + 1 + i / kColumns, i % kColumns, item);
        }
        row = grid_->rowCount();
    }
    for (int column = 0; column < kColumns; ++column) {
        grid_->setColumnWidth(column, kCellSize);
    }
    const int frame = 2 * grid_->frameWidth();
    grid_->setFixedSize(
        kColumns * kCellSize + frame + grid_->verticalScrollBar()->sizeHint().width(),
        kVisibleRows * grid_->rowHeight(0) + frame);
}

void EmojiPicker::popUpAbove(QWidget* anchor) {
    adjustSize();
    const QPoint topLeft = anchor->mapToGlobal(QPoint(anchor->width() - width(), -height()));
    move(topLeft);
    show();
    grid_->setCurrentCell(1, 0);
    grid_->setFocus();
}

void EmojiPicker::choose(int row, int column) {
    const QTableWidgetItem* item = grid_->item(row, column);
    if (item == nullptr || !(item->flags() & Qt::ItemIsSelectable)) {
        return;  // a group's name, or an empty cell
    }
    const QString emoji = item->text();
    close();
    emit emojiChosen(emoji);
}

bool EmojiPicker::eventFilter(QObject* watched, QEvent* event) {
    if (watched == grid_ && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            choose(grid_->currentRow(), grid_->currentColumn());
            return true;
        }
        if (key == Qt::Key_Escape) {
            close();
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

QWidget* createEmojiButton(QPlainTextEdit* editor, QWidget* parent) {
    auto* button = new QToolButton(parent);
    button->setObjectName(QStringLiteral("emojiButton"));
    button->setText(QStringLiteral("🙂"));
    button->setAutoRaise(true);
    button->setToolTip(EmojiPicker::tr("Insert an emoji"));
    button->setAccessibleName(EmojiPicker::tr("Emoji"));
    auto* picker = new EmojiPicker(button);
    QObject::connect(button, &QToolButton::clicked, picker,
                     [picker, button] { picker->popUpAbove(button); });
    QObject::connect(picker, &EmojiPicker::emojiChosen, editor, [editor](const QString& emoji) {
        editor->insertPlainText(emoji);  // at the cursor, replacing a selection
        editor->setFocus();
    });
    return button;
}

}  // namespace natter
