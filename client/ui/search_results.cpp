#include "ui/search_results.h"

#include <QPainter>
#include <QTextLayout>

#include "core/chat_actions.h"
#include "core/message_search.h"
#include "ui/conversation_delegate.h"
#include "ui/theme.h"

namespace natter {
namespace {

constexpr int kPadding = 8;
constexpr int kLineGap = 2;

// A marker that reads as "found here" on either theme and keeps its text readable when the row
// is selected too.
QTextCharFormat matchFormat(const QPalette& palette) {
    QTextCharFormat format;
    const bool dark = isDark(palette);
    format.setBackground(dark ? QColor(0x8a, 0x6d, 0x00) : QColor(0xff, 0xe0, 0x82));
    format.setForeground(dark ? QColor(Qt::white) : QColor(Qt::black));
    format.setFontWeight(QFont::DemiBold);
    return format;
}

}  // namespace

SearchResultsModel::SearchResultsModel(ChatActions* chat, MessageSearch* search, QObject* parent)
    : QAbstractListModel(parent), chat_(chat), search_(search) {
    connect(search_, &MessageSearch::reset, this, [this] {
        beginResetModel();
        endResetModel();
    });
    connect(search_, &MessageSearch::hitsAdded, this, [this](int first, int count) {
        // The hits are in already; the views only learn of them now.
        beginInsertRows({}, first, first + count - 1);
        endInsertRows();
    });
    // Names of chats change (a rename, a chat that arrives with the catch-up).
    connect(chat_, &ChatActions::conversationChanged, this, [this] {
        if (rowCount() > 0) {
            emit dataChanged(index(0), index(rowCount() - 1), {ConversationNameRole});
        }
    });
}

int SearchResultsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(search_->hits().size());
}

QString SearchResultsModel::conversationName(const QString& conversationId) const {
    const auto conversation = chat_->conversation(conversationId);
    return conversation ? conversation->name : tr("A chat");
}

QVariant SearchResultsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const MessageSearchHit& hit = search_->hits().at(index.row());
    switch (role) {
        case ConversationIdRole:
            return hit.conversationId;
        case SeqRole:
            return hit.seq;
        case ConversationNameRole:
            return conversationName(hit.conversationId);
        case SenderNameRole:
            return hit.sender.id == chat_->myUserId() ? tr("You") : hit.sender.displayName;
        case TimeTextRole:
            return ConversationDelegate::shortTime(hit.sentAt, QDateTime::currentDateTime());
        case SnippetRole:
            return hit.snippet;
        case HighlightsRole: {
            QVariantList ranges;
            for (const auto& [start, length] : hit.highlights) {
                ranges.append(QPoint(start, length));
            }
            return ranges;
        }
        case Qt::DisplayRole:
        case Qt::AccessibleTextRole:
            //: a search result read out: %1 chat, %2 sender, %3 time, %4 the message's text
            return tr("%1, %2, %3: %4")
                .arg(conversationName(hit.conversationId), data(index, SenderNameRole).toString(),
                     data(index, TimeTextRole).toString(), hit.snippet);
        default:
            return {};
    }
}

QSize SearchResultDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
    const int line = option.fontMetrics.height();
    const int small = QFontMetrics(smallFont(option.font)).height();
    return {200, 2 * kPadding + line + small + kSnippetLines * line + 2 * kLineGap};
}

void SearchResultDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const {
    painter->save();
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette& palette = option.palette;
    if (selected) {
        painter->fillRect(option.rect, palette.color(QPalette::Highlight));
    } else if (option.state & QStyle::State_MouseOver) {
        painter->fillRect(option.rect, palette.color(QPalette::AlternateBase));
    }
    const QColor ink = palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    QColor faint = ink;
    faint.setAlphaF(0.7f);
    const QRect box = option.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    const int line = option.fontMetrics.height();
    const QFont small = smallFont(option.font);
    const int smallLine = QFontMetrics(small).height();

    // The time on the right; the chat's name takes what is left of the first line.
    painter->setFont(small);
    painter->setPen(faint);
    const QString time = index.data(SearchResultsModel::TimeTextRole).toString();
    const int timeWidth = QFontMetrics(small).horizontalAdvance(time);
    painter->drawText(QRect(box.right() - timeWidth, box.top(), timeWidth, line),
                      Qt::AlignRight | Qt::AlignVCenter, time);
    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(ink);
    const QRect nameRect(box.left(), box.top(), box.width() - timeWidth - kPadding, line);
    painter->drawText(nameRect, Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(bold).elidedText(
                          index.data(SearchResultsModel::ConversationNameRole).toString(),
                          Qt::ElideRight, nameRect.width()));
    painter->setFont(small);
    painter->setPen(faint);
    // One gap taller than the line, so an underscore in a name is not cut off.
    const QRect senderRect(box.left(), box.top() + line + kLineGap, box.width(),
                           smallLine + kLineGap);
    painter->drawText(
        senderRect, Qt::AlignLeft | Qt::AlignTop,
        QFontMetrics(small).elidedText(index.data(SearchResultsModel::SenderNameRole).toString(),
                                       Qt::ElideRight, senderRect.width()));
    painter->setPen(ink);
    const int snippetTop = senderRect.bottom() + 1;
    paintSnippet(painter, option,
                 QRect(box.left(), snippetTop, box.width(), box.bottom() - snippetTop + 1), index);
    painter->restore();
}

// The snippet as plain text in at most kSnippetLines lines (cut with "…" when longer), its
// matches marked by ranges, never by markup in the text.
void SearchResultDelegate::paintSnippet(QPainter* painter, const QStyleOptionViewItem& option,
                                        const QRect& rect, const QModelIndex& index) const {
    QString text = index.data(SearchResultsModel::SnippetRole).toString();
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));  // same length: the ranges still fit
    QTextLayout layout(text, option.font);
    if (const int fits = layOutLines(layout, rect.width()); fits < text.size()) {
        text = text.left(qMax(0, fits - 2)) + QChar(0x2026);
        layout.setText(text);
    }
    QList<QTextLayout::FormatRange> marks;
    const QTextCharFormat format = matchFormat(option.palette);
    for (const QVariant& value : index.data(SearchResultsModel::HighlightsRole).toList()) {
        const QPoint range = value.toPoint();
        if (range.x() < text.size()) {
            marks.append({range.x(), qMin(range.y(), int(text.size()) - range.x()), format});
        }
    }
    layout.setFormats(marks);  // before the layout that is drawn: formats change the metrics
    layOutLines(layout, rect.width());
    painter->save();
    painter->setClipRect(rect);
    layout.draw(painter, rect.topLeft());
    painter->restore();
}

// Lays out at most kSnippetLines lines of `layout`'s text; returns how much of it they hold.
int SearchResultDelegate::layOutLines(QTextLayout& layout, int width) {
    QTextOption wrap;
    wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(wrap);
    layout.beginLayout();
    qreal y = 0;
    int end = 0;
    for (int lines = 0; lines < kSnippetLines; ++lines) {
        QTextLine line = layout.createLine();
        if (!line.isValid()) {
            break;
        }
        line.setLineWidth(width);
        line.setPosition({0, y});
        y += line.height();
        end = line.textStart() + line.textLength();
    }
    layout.endLayout();
    return end;
}

}  // namespace natter
