#include "conversation_delegate.h"

#include <QApplication>
#include <QPainter>

#include "avatar.h"
#include "conversation_list_model.h"

namespace natter {
namespace {

constexpr int kPadding = 8;
constexpr int kAvatarSize = 40;

}  // namespace

QString ConversationDelegate::shortTime(const QDateTime& when, const QDateTime& now) {
    if (!when.isValid()) {
        return {};
    }
    const QDate day = when.toLocalTime().date();
    const QDate today = now.toLocalTime().date();
    if (day == today) {
        return QLocale().toString(when.toLocalTime().time(), QLocale::ShortFormat);
    }
    if (day.daysTo(today) < 7) {
        return QLocale().dayName(day.dayOfWeek(), QLocale::ShortFormat);
    }
    return QLocale().toString(day, QLocale::ShortFormat);
}

QSize ConversationDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
    const int lines = 2 * option.fontMetrics.height() + 4;
    return {200, qMax(kAvatarSize, lines) + 2 * kPadding};
}

void ConversationDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const {
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    base.text.clear();  // the background and focus only; the text is laid out below
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &base, painter, widget);

    const QRect area = option.rect.adjusted(kPadding, kPadding, -kPadding, -kPadding);
    const QRect avatar(area.left(), area.center().y() - kAvatarSize / 2, kAvatarSize, kAvatarSize);
    paintAvatar(painter, avatar, index.data(ConversationListModel::InitialsRole).toString(),
                index.data(ConversationListModel::AvatarKeyRole).toString());

    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group =
        option.state & QStyle::State_Active ? QPalette::Active : QPalette::Inactive;
    const QColor textColor =
        option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor dimColor = textColor;
    dimColor.setAlphaF(0.7f);

    const QRect text = area.adjusted(kAvatarSize + kPadding, 0, 0, 0);
    const int lineHeight = option.fontMetrics.height();
    const QRect firstLine(text.left(), text.top(), text.width(), lineHeight);
    const QRect secondLine(text.left(), text.top() + lineHeight + 4, text.width(), lineHeight);

    painter->save();
    const QString time = shortTime(index.data(ConversationListModel::LastActivityRole).toDateTime(),
                                   QDateTime::currentDateTime());
    painter->setPen(dimColor);
    painter->drawText(firstLine, Qt::AlignRight | Qt::AlignVCenter, time);
    const int timeWidth = option.fontMetrics.horizontalAdvance(time) + kPadding;

    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(textColor);
    const QFontMetrics boldMetrics(bold);
    const QString name =
        boldMetrics.elidedText(index.data(ConversationListModel::NameRole).toString(),
                               Qt::ElideRight, firstLine.width() - timeWidth);
    painter->drawText(firstLine, Qt::AlignLeft | Qt::AlignVCenter, name);

    painter->setFont(option.font);
    painter->setPen(dimColor);
    const QString preview =
        option.fontMetrics.elidedText(index.data(ConversationListModel::PreviewRole).toString(),
                                      Qt::ElideRight, secondLine.width());
    painter->drawText(secondLine, Qt::AlignLeft | Qt::AlignVCenter, preview);
    painter->restore();
}

}  // namespace natter
