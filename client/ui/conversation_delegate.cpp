#include "ui/conversation_delegate.h"

#include <QApplication>
#include <QPainter>

#include "core/chat_types.h"
#include "models/conversation_list_model.h"
#include "ui/avatar.h"
#include "ui/theme.h"

namespace natter {
namespace {

constexpr int kPadding = 8;
constexpr int kAvatarSize = 40;
constexpr int kPresenceDotSize = 12;
const QColor kOnlineGreen(0x2e, 0x7d, 0x32);  // readable against white and dark bases

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
    if (Presence::Status(index.data(ConversationListModel::PresenceRole).toInt()) ==
        Presence::Status::Online) {
        paintPresenceDot(painter, option, avatar);
    }
    const int unread = index.data(ConversationListModel::UnreadCountRole).toInt();

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
    int timeWidth = option.fontMetrics.horizontalAdvance(time) + kPadding;
    const bool muted = index.data(ConversationListModel::MutedRole).toBool();
    if (muted) {
        timeWidth += paintMutedIcon(painter, option, firstLine.adjusted(0, 0, -timeWidth, 0));
    }

    QFont bold = option.font;
    bold.setBold(true);
    painter->setFont(bold);
    painter->setPen(textColor);
    const QFontMetrics boldMetrics(bold);
    const QString name =
        boldMetrics.elidedText(index.data(ConversationListModel::NameRole).toString(),
                               Qt::ElideRight, firstLine.width() - timeWidth);
    painter->drawText(firstLine, Qt::AlignLeft | Qt::AlignVCenter, name);

    const int badgeWidth =
        unread > 0 ? paintUnreadBadge(painter, option, secondLine, unread, muted) : 0;
    const QRect previewLine = secondLine.adjusted(0, 0, -badgeWidth, 0);
    const QString draft = index.data(ConversationListModel::DraftRole).toString();
    if (!draft.isEmpty()) {
        paintDraft(painter, option, previewLine, draft);
        painter->restore();
        return;
    }
    // Unread conversations stand out: their preview is in full ink and bold.
    QFont previewFont = option.font;
    previewFont.setBold(unread > 0);
    painter->setFont(previewFont);
    painter->setPen(unread > 0 ? textColor : dimColor);
    const QString preview =
        QFontMetrics(previewFont)
            .elidedText(index.data(ConversationListModel::PreviewRole).toString(), Qt::ElideRight,
                        previewLine.width());
    painter->drawText(previewLine, Qt::AlignLeft | Qt::AlignVCenter, preview);
    painter->restore();
}

// "Draft: what I wrote" in place of the last message, the label in the error colour (as in
// other messengers) so an unsent text is not taken for a sent one.
void ConversationDelegate::paintDraft(QPainter* painter, const QStyleOptionViewItem& option,
                                      const QRect& line, const QString& draft) {
    const bool selected = option.state & QStyle::State_Selected;
    const QColor text = option.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
    //: shown before the unsent text of a chat in the conversation list
    const QString label = tr("Draft:") + QLatin1Char(' ');
    painter->setFont(option.font);
    painter->setPen(selected ? text : errorColor(option.palette));
    const QString shownLabel = option.fontMetrics.elidedText(label, Qt::ElideRight, line.width());
    painter->drawText(line, Qt::AlignLeft | Qt::AlignVCenter, shownLabel);
    const int labelWidth = option.fontMetrics.horizontalAdvance(shownLabel);
    painter->setPen(text);
    const QRect rest = line.adjusted(labelWidth, 0, 0, 0);
    painter->drawText(
        rest, Qt::AlignLeft | Qt::AlignVCenter,
        option.fontMetrics.elidedText(draft.simplified(), Qt::ElideRight, rest.width()));
}

int ConversationDelegate::paintUnreadBadge(QPainter* painter, const QStyleOptionViewItem& option,
                                           const QRect& line, int count, bool muted) {
    QFont font = option.font;
    font.setBold(true);
    const QFontMetrics metrics(font);
    const QString text = count > 999 ? QStringLiteral("999+") : QLocale().toString(count);
    const int height = metrics.height() + 2;
    const int width = qMax(height, metrics.horizontalAdvance(text) + height / 2 + 4);
    const QRect badge(line.right() - width + 1, line.center().y() - height / 2, width, height);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    const bool selected = option.state & QStyle::State_Selected;
    // A muted chat's badge is grey, but must stay as readable as the coloured one in both themes.
    const QColor fill = muted ? option.palette.color(QPalette::PlaceholderText)
                              : option.palette.color(QPalette::Highlight);
    const QColor ink = muted ? option.palette.color(QPalette::Base)
                             : option.palette.color(QPalette::HighlightedText);
    painter->setBrush(selected ? option.palette.color(QPalette::HighlightedText) : fill);
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setFont(font);
    painter->setPen(selected ? fill : ink);
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
    return width + kPadding;
}

int ConversationDelegate::paintMutedIcon(QPainter* painter, const QStyleOptionViewItem& option,
                                         const QRect& line) {
    const int size = qMin(16, line.height());
    const QStyle* style = option.widget ? option.widget->style() : QApplication::style();
    const QIcon icon = style->standardIcon(QStyle::SP_MediaVolumeMuted, &option, option.widget);
    const QRect where(line.right() - size + 1, line.center().y() - size / 2, size, size);
    icon.paint(painter, where, Qt::AlignCenter,
               option.state & QStyle::State_Selected ? QIcon::Selected : QIcon::Normal);
    return size + kPadding;
}

// A green dot at the avatar's lower right, ringed in the base colour so it stands out from the
// avatar and from a selected row alike.
void ConversationDelegate::paintPresenceDot(QPainter* painter, const QStyleOptionViewItem& option,
                                            const QRect& avatar) {
    const QRect dot(avatar.right() - kPresenceDotSize + 2, avatar.bottom() - kPresenceDotSize + 2,
                    kPresenceDotSize, kPresenceDotSize);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(option.palette.color(QPalette::Base), 2));
    painter->setBrush(kOnlineGreen);
    painter->drawEllipse(dot);
    painter->restore();
}

}  // namespace natter
