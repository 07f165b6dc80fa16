#include "ui/message_delegate.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QTextLayout>
#include <QToolTip>
#include <QtMath>

#include "core/chat_types.h"
#include "models/message_list_model.h"
#include "ui/attachment_painter.h"
#include "ui/avatar.h"
#include "ui/theme.h"

namespace natter {
namespace {

constexpr int kMargin = 10;
constexpr int kPadding = 8;
constexpr int kGap = 4;
constexpr int kRadius = 10;
constexpr int kQuoteBar = 3;  // the accent bar at the left of a reply's quote
constexpr int kChipGap = 2;
constexpr int kElideSlack = 4;

// Lays `text` out in lines of at most `width`, breaking between words where possible and inside
// a word only when it is longer than a line. Returns the size it takes.
QSize layOut(QTextLayout& layout, int width, Qt::Alignment alignment) {
    QTextOption option(alignment);
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    qreal height = 0;
    qreal widest = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition({0, height});
        height += line.height();
        widest = qMax(widest, line.naturalTextWidth());
    }
    layout.endLayout();
    return {int(qCeil(widest)), int(qCeil(height))};
}

QString forLayout(QString text) {
    return text.replace(QLatin1Char('\n'), QChar::LineSeparator);
}

QSize measureText(const QString& text, const QFont& font, int maxWidth,
                  Qt::Alignment alignment = Qt::AlignLeft) {
    QTextLayout layout(forLayout(text), font);
    return layOut(layout, maxWidth, alignment);
}

void drawText(QPainter* painter, const QRect& rect, const QString& text, const QFont& font,
              Qt::Alignment alignment = Qt::AlignLeft) {
    QTextLayout layout(forLayout(text), font);
    layOut(layout, rect.width(), alignment);
    layout.draw(painter, rect.topLeft());
}

// A tombstone's "Message deleted" is set apart from real text.
QFont bodyFont(const QStyleOptionViewItem& option, const QModelIndex& index) {
    QFont font = option.font;
    font.setItalic(index.data(MessageListModel::DeletedRole).toBool());
    return font;
}

// An attachment's bubble shows its caption as the text (the card or photo shows the rest).
QString bubbleText(const QModelIndex& index) {
    const QVariantMap attachment = index.data(MessageListModel::AttachmentRole).toMap();
    return attachment.isEmpty() ? index.data(MessageListModel::BodyRole).toString()
                                : attachment.value(AttachmentState::kCaption).toString();
}

QString chipText(const QVariantMap& reaction) {
    return reaction.value(QStringLiteral("emoji")).toString() + QLatin1Char(' ') +
           QString::number(reaction.value(QStringLiteral("count")).toInt());
}

}  // namespace

MessageDelegate::MessageDelegate(QAbstractItemView* view)
    : QStyledItemDelegate(view), view_(view), measured_(kMeasuredTextsKept) {}

// Laying text out is most of what sizing a row costs, and scrolling asks for the same rows again
// and again; the size depends only on the text, the font, the width and the alignment.
QSize MessageDelegate::measured(const QString& text, const QFont& font, int maxWidth,
                                Qt::Alignment alignment) const {
    const QString key =
        QStringLiteral("%1|%2|%3|").arg(font.key()).arg(maxWidth).arg(int(alignment)) + text;
    if (const QSize* size = measured_.object(key)) {
        return *size;
    }
    const QSize size = measureText(text, font, maxWidth, alignment);
    measured_.insert(key, new QSize(size));
    return size;
}

QString MessageDelegate::dayLabel(const QDate& day, const QDate& today) {
    if (day == today) {
        return tr("Today");
    }
    if (day.daysTo(today) == 1) {
        return tr("Yesterday");
    }
    return QLocale().toString(day, QLocale::LongFormat);
}

QString MessageDelegate::metaText(const QModelIndex& index) const {
    const QString time =
        QLocale().toString(index.data(MessageListModel::TimeRole).toDateTime().toLocalTime().time(),
                           QLocale::ShortFormat);
    switch (Delivery(index.data(MessageListModel::DeliveryRole).toInt())) {
        case Delivery::Pending:
            //: a message not acknowledged by the server yet
            return tr("Sending\u2026");
        case Delivery::Failed:
            return tr("Not sent");
        case Delivery::Sent:
            break;
    }
    //: shown next to the time of a message its sender changed after sending it
    const QString stamp = index.data(MessageListModel::EditedRole).toBool()
                              ? tr("edited") + QStringLiteral(" \u00b7 ") + time
                              : time;
    const QString receipt = index.data(MessageListModel::ReceiptTextRole).toString();
    return receipt.isEmpty() ? stamp : stamp + QStringLiteral(" \u00b7 ") + receipt;
}

QString MessageDelegate::failureText(const QModelIndex& index) const {
    if (Delivery(index.data(MessageListModel::DeliveryRole).toInt()) != Delivery::Failed) {
        return {};
    }
    //: %1 is why the server refused the message
    return tr("%1 Click to retry; right-click to edit or delete it.")
        .arg(index.data(MessageListModel::FailureTextRole).toString());
}

MessageDelegate::Layout MessageDelegate::layoutFor(const QStyleOptionViewItem& option,
                                                   const QModelIndex& index, int width) const {
    Layout layout;
    const QFontMetrics small(smallFont(option.font));
    int y = kGap;
    if (index.data(MessageListModel::DayBoundaryRole).toBool()) {
        layout.day = QRect(kMargin, y, width - 2 * kMargin, small.height() + 2 * kPadding);
        y = layout.day.bottom() + 1 + kGap;
    }
    if (index.data(MessageListModel::NewMessagesRole).toBool()) {
        layout.unread = QRect(kMargin, y, width - 2 * kMargin, small.height() + kPadding);
        y = layout.unread.bottom() + 1 + kGap;
    }
    const QString body = index.data(MessageListModel::BodyRole).toString();
    if (index.data(MessageListModel::IsSystemRole).toBool()) {
        const QSize text =
            measured(body, smallFont(option.font), qMax(80, width - 6 * kMargin), Qt::AlignCenter);
        layout.bubble = QRect((width - text.width()) / 2 - kPadding, y, text.width() + 2 * kPadding,
                              text.height() + kPadding);
        layout.body = layout.bubble.adjusted(kPadding, kPadding / 2, -kPadding, -kPadding / 2);
        layout.height = layout.bubble.bottom() + 1 + kGap;
        return layout;
    }
    const bool mine = index.data(MessageListModel::MineRole).toBool();
    if (index.data(MessageListModel::ShowSenderRole).toBool()) {
        layout.sender = QRect(kMargin + kPadding, y, width - 2 * kMargin, small.height() + 2);
        y = layout.sender.bottom() + 1 + kGap;
    }
    layOutBubble(layout, option, index, width, y);
    y = layout.bubble.bottom() + 1;
    if (!index.data(MessageListModel::ReactionsRole).toList().isEmpty()) {
        layOutChips(layout, option, index, width, y + kChipGap);
        y = layout.chips.constLast().bottom() + 1;
    }
    const QString failure = failureText(index);
    if (!failure.isEmpty()) {
        const int failureWidth = qMax(120, width * 7 / 10);
        const QSize failureRect = measured(failure, smallFont(option.font), failureWidth);
        const int failureLeft = mine ? width - kMargin - failureRect.width() : kMargin;
        layout.failure = QRect(failureLeft, y + 2, failureRect.width(), failureRect.height());
        y = layout.failure.bottom() + 1;
    }
    layout.height = y + kGap;
    return layout;
}

void MessageDelegate::layOutBubble(Layout& layout, const QStyleOptionViewItem& option,
                                   const QModelIndex& index, int width, int y) const {
    const QFontMetrics small(smallFont(option.font));
    const int maxText = qMax(120, width * 7 / 10) - 2 * kPadding;
    const QString body = bubbleText(index);
    const QSize text = body.isEmpty() ? QSize() : measured(body, bodyFont(option, index), maxText);
    const QSize attachment = attachmentBoxSize(index.data(MessageListModel::AttachmentRole).toMap(),
                                               option.font, maxText);
    const int metaWidth = small.horizontalAdvance(metaText(index));
    int innerWidth = qMax(qMax(text.width(), metaWidth), attachment.width());
    int quoteHeight = 0;
    if (index.data(MessageListModel::ReplyToSeqRole).toLongLong() > 0) {
        QFont bold = smallFont(option.font);
        bold.setBold(true);
        const int quoteText = qMax(
            QFontMetrics(bold).horizontalAdvance(
                index.data(MessageListModel::ReplySenderRole).toString()),
            small.horizontalAdvance(index.data(MessageListModel::ReplyPreviewRole).toString()));
        // A little slack: elidedText() cuts a text measured to the pixel.
        innerWidth =
            qMax(innerWidth, qMin(maxText, quoteText + kQuoteBar + 2 * kPadding + kElideSlack));
        quoteHeight = 2 * small.height() + kPadding + kGap;
    }
    const int left = index.data(MessageListModel::MineRole).toBool()
                         ? width - kMargin - innerWidth - 2 * kPadding
                         : kMargin;
    int inner = y + kPadding;
    if (quoteHeight > 0) {
        layout.quote = QRect(left + kPadding, inner, innerWidth, quoteHeight - kGap);
        inner += quoteHeight;
    }
    if (!attachment.isEmpty()) {
        layout.attachment = QRect(QPoint(left + kPadding, inner), attachment);
        inner += attachment.height() + (text.isEmpty() ? 0 : kGap);
    }
    layout.body = QRect(left + kPadding, inner, innerWidth, text.height());
    layout.meta =
        QRect(left + kPadding, layout.body.bottom() + 1 + kGap, innerWidth, small.height());
    layout.bubble =
        QRect(left, y, innerWidth + 2 * kPadding, layout.meta.bottom() + 1 + kPadding - y);
}

// Chips in a row under the bubble, on the bubble's side.
void MessageDelegate::layOutChips(Layout& layout, const QStyleOptionViewItem& option,
                                  const QModelIndex& index, int width, int y) const {
    const QFontMetrics small(smallFont(option.font));
    const bool mine = index.data(MessageListModel::MineRole).toBool();
    int x = mine ? width - kMargin : kMargin;
    for (const QVariant& value : index.data(MessageListModel::ReactionsRole).toList()) {
        const int chipWidth = small.horizontalAdvance(chipText(value.toMap())) + 2 * kPadding;
        const QRect chip(mine ? x - chipWidth : x, y, chipWidth, small.height() + kChipGap * 2);
        layout.chips.append(chip);
        x = mine ? chip.left() - kGap : chip.right() + 1 + kGap;
    }
}

MessageDelegate::Hit MessageDelegate::hitTest(const QStyleOptionViewItem& option,
                                              const QModelIndex& index,
                                              const QPoint& pointInRow) const {
    const Layout layout = layoutFor(option, index, option.rect.width());
    Hit hit;
    if (layout.quote.contains(pointInRow)) {
        hit.kind = Hit::Kind::Quote;
        return hit;
    }
    if (layout.attachment.contains(pointInRow)) {
        hit.kind = Hit::Kind::Attachment;
        return hit;
    }
    const QVariantList reactions = index.data(MessageListModel::ReactionsRole).toList();
    for (int i = 0; i < layout.chips.size() && i < reactions.size(); ++i) {
        if (layout.chips.at(i).contains(pointInRow)) {
            const QVariantMap reaction = reactions.at(i).toMap();
            hit.kind = Hit::Kind::Reaction;
            hit.emoji = reaction.value(QStringLiteral("emoji")).toString();
            hit.names = reaction.value(QStringLiteral("names")).toStringList();
        }
    }
    return hit;
}

MessageDelegate::Hit MessageDelegate::hitAt(const QPoint& viewportPosition) const {
    const QModelIndex index = view_ ? view_->indexAt(viewportPosition) : QModelIndex();
    if (!index.isValid()) {
        return {};
    }
    QStyleOptionViewItem option;
    option.initFrom(view_->viewport());
    option.font = view_->font();
    option.rect = view_->visualRect(index);
    return hitTest(option, index, viewportPosition - option.rect.topLeft());
}

bool MessageDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view,
                                const QStyleOptionViewItem& option, const QModelIndex& index) {
    if (event->type() == QEvent::ToolTip) {
        const Hit hit = hitTest(option, index, event->pos() - option.rect.topLeft());
        if (hit.kind == Hit::Kind::Reaction) {
            //: %1 is an emoji, %2 the people who reacted with it
            QToolTip::showText(
                event->globalPos(),
                tr("%1 from %2").arg(hit.emoji, QLocale().createSeparatedList(hit.names)), view);
            return true;
        }
        if (hit.kind == Hit::Kind::Quote) {
            QToolTip::showText(event->globalPos(), tr("Click to see the original message"), view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

QSize MessageDelegate::sizeHint(const QStyleOptionViewItem& option,
                                const QModelIndex& index) const {
    const int width = view_ ? view_->viewport()->width() : option.rect.width();
    return {width, layoutFor(option, index, width).height};
}

void MessageDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const {
    Layout layout = layoutFor(option, index, option.rect.width());
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->translate(option.rect.topLeft());
    if (!layout.day.isEmpty()) {
        paintDay(painter, option, layout.day, index);
    }
    if (!layout.unread.isEmpty()) {
        paintNewMessages(painter, option, layout.unread);
    }
    if (index.data(MessageListModel::IsSystemRole).toBool()) {
        paintSystem(painter, option, layout, index);
    } else {
        paintBubble(painter, option, layout, index);
    }
    painter->restore();
}

void MessageDelegate::paintDay(QPainter* painter, const QStyleOptionViewItem& option,
                               const QRect& rect, const QModelIndex& index) const {
    const QDate day = index.data(MessageListModel::TimeRole).toDateTime().toLocalTime().date();
    const QString label = dayLabel(day, QDate::currentDate());
    painter->setFont(smallFont(option.font));
    const int labelWidth = painter->fontMetrics().horizontalAdvance(label) + 2 * kPadding;
    const int lineY = rect.center().y();
    painter->setPen(option.palette.color(QPalette::Mid));
    painter->drawLine(rect.left(), lineY, rect.center().x() - labelWidth / 2, lineY);
    painter->drawLine(rect.center().x() + labelWidth / 2, lineY, rect.right(), lineY);
    painter->setPen(option.palette.color(QPalette::PlaceholderText));
    painter->drawText(rect, Qt::AlignCenter, label);
}

// A line across in the accent colour with "New messages" at its right end.
void MessageDelegate::paintNewMessages(QPainter* painter, const QStyleOptionViewItem& option,
                                       const QRect& rect) const {
    QFont font = smallFont(option.font);
    font.setBold(true);
    painter->setFont(font);
    //: the divider above the first message that was unread when the chat was opened
    const QString label = tr("New messages");
    const int labelWidth = painter->fontMetrics().horizontalAdvance(label);
    const QColor accent = accentTextColor(option.palette);
    const int lineY = rect.center().y();
    painter->setPen(QPen(accent, 1));
    painter->drawLine(rect.left(), lineY, rect.right() - labelWidth - kPadding, lineY);
    painter->setPen(accent);
    painter->drawText(rect, Qt::AlignRight | Qt::AlignVCenter, label);
}

void MessageDelegate::paintSystem(QPainter* painter, const QStyleOptionViewItem& option,
                                  const Layout& layout, const QModelIndex& index) const {
    painter->setPen(Qt::NoPen);
    painter->setBrush(option.palette.color(QPalette::AlternateBase));
    painter->drawRoundedRect(layout.bubble, kRadius, kRadius);
    painter->setPen(option.palette.color(QPalette::Text));
    drawText(painter, layout.body, index.data(MessageListModel::BodyRole).toString(),
             smallFont(option.font), Qt::AlignCenter);
}

void MessageDelegate::paintBubble(QPainter* painter, const QStyleOptionViewItem& option,
                                  const Layout& layout, const QModelIndex& index) const {
    const bool mine = index.data(MessageListModel::MineRole).toBool();
    const auto delivery = Delivery(index.data(MessageListModel::DeliveryRole).toInt());
    const QPalette& palette = option.palette;
    const QColor fill = mine ? palette.color(QPalette::Highlight) : palette.color(QPalette::Button);
    const QColor ink =
        mine ? palette.color(QPalette::HighlightedText) : palette.color(QPalette::ButtonText);
    if (!layout.sender.isEmpty()) {
        QFont nameFont = smallFont(option.font);
        nameFont.setBold(true);
        painter->setFont(nameFont);
        painter->setPen(
            avatarInk(index.data(MessageListModel::SenderIdRole).toString(), option.palette));
        painter->drawText(layout.sender, Qt::AlignLeft | Qt::AlignVCenter,
                          index.data(MessageListModel::SenderNameRole).toString());
    }
    if (index.data(MessageListModel::HighlightedRole).toBool()) {
        QColor glow = palette.color(QPalette::Highlight);
        glow.setAlphaF(0.25f);
        painter->setPen(Qt::NoPen);
        painter->setBrush(glow);
        painter->drawRect(QRect(0, layout.bubble.top() - kGap, option.rect.width(),
                                layout.bubble.height() + 2 * kGap));
    }
    painter->setPen(delivery == Delivery::Failed ? QPen(errorColor(palette), 2) : QPen(Qt::NoPen));
    painter->setBrush(delivery == Delivery::Pending ? fill.lighter(115) : fill);
    painter->drawRoundedRect(layout.bubble, kRadius, kRadius);
    if (!layout.quote.isEmpty()) {
        paintQuote(painter, option, layout.quote, index, ink);
    }
    QColor bodyInk = ink;
    if (index.data(MessageListModel::DeletedRole).toBool()) {
        bodyInk.setAlphaF(0.7f);
    }
    paintAttachment(painter, layout.attachment,
                    index.data(MessageListModel::AttachmentRole).toMap(), option.font, ink);
    painter->setPen(bodyInk);
    drawText(painter, layout.body, bubbleText(index), bodyFont(option, index));
    painter->setFont(smallFont(option.font));
    QColor metaInk = ink;
    metaInk.setAlphaF(0.75f);
    painter->setPen(metaInk);
    painter->drawText(layout.meta, Qt::AlignRight | Qt::AlignVCenter, metaText(index));
    if (!layout.failure.isEmpty()) {
        painter->setPen(errorColor(palette));
        drawText(painter, layout.failure, failureText(index), smallFont(option.font));
    }
    paintChips(painter, option, layout, index);
}

// The quoted message: a bar in the bubble's ink, its sender in bold and one line of its text.
void MessageDelegate::paintQuote(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QRect& rect, const QModelIndex& index,
                                 const QColor& ink) const {
    QColor shade = ink;
    shade.setAlphaF(0.12f);
    painter->setPen(Qt::NoPen);
    painter->setBrush(shade);
    painter->drawRoundedRect(rect, kRadius / 2, kRadius / 2);
    painter->setBrush(ink);
    painter->drawRect(QRect(rect.left(), rect.top(), kQuoteBar, rect.height()));
    const QFont small = smallFont(option.font);
    QFont bold = small;
    bold.setBold(true);
    const QFontMetrics metrics(small);
    const QRect text = rect.adjusted(kQuoteBar + kPadding, kPadding / 2, -kPadding, -kPadding / 2);
    painter->setPen(ink);
    painter->setFont(bold);
    painter->drawText(
        QRect(text.left(), text.top(), text.width(), metrics.height()),
        Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
        QFontMetrics(bold).elidedText(index.data(MessageListModel::ReplySenderRole).toString(),
                                      Qt::ElideRight, text.width()));
    QColor previewInk = ink;
    previewInk.setAlphaF(0.8f);
    painter->setPen(previewInk);
    QFont previewFont = small;
    previewFont.setItalic(index.data(MessageListModel::ReplyDeletedRole).toBool());
    painter->setFont(previewFont);
    QString preview = index.data(MessageListModel::ReplyPreviewRole).toString();
    preview.replace(QLatin1Char('\n'), QLatin1Char(' '));
    painter->drawText(
        QRect(text.left(), text.top() + metrics.height(), text.width(), metrics.height()),
        Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip,
        QFontMetrics(previewFont).elidedText(preview, Qt::ElideRight, text.width()));
}

// Reactions: a chip per emoji with its count; mine stand out in the accent colour.
void MessageDelegate::paintChips(QPainter* painter, const QStyleOptionViewItem& option,
                                 const Layout& layout, const QModelIndex& index) const {
    const QVariantList reactions = index.data(MessageListModel::ReactionsRole).toList();
    const QPalette& palette = option.palette;
    painter->setFont(smallFont(option.font));
    for (int i = 0; i < layout.chips.size() && i < reactions.size(); ++i) {
        const QVariantMap reaction = reactions.at(i).toMap();
        const bool mine = reaction.value(QStringLiteral("mine")).toBool();
        QColor fill = mine ? palette.color(QPalette::Highlight) : palette.color(QPalette::Base);
        if (mine) {
            fill.setAlphaF(0.25f);
        }
        painter->setPen(
            QPen(mine ? palette.color(QPalette::Highlight) : palette.color(QPalette::Mid), 1));
        painter->setBrush(fill);
        const QRect chip = layout.chips.at(i);
        painter->drawRoundedRect(QRectF(chip).adjusted(0.5, 0.5, -0.5, -0.5), chip.height() / 2.0,
                                 chip.height() / 2.0);
        painter->setPen(palette.color(QPalette::Text));
        painter->drawText(chip, Qt::AlignCenter, chipText(reaction));
    }
}

}  // namespace natter
