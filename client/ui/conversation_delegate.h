// Paints one row of the conversation list: avatar, name, time of the last activity and the
// last message's preview, without one widget per row.
#pragma once

#include <QStyledItemDelegate>

namespace natter {

class ConversationDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    // "14:05" today, "Mon" this week, else a short date.
    static QString shortTime(const QDateTime& when, const QDateTime& now);

private:
    // Draws the unread count at the right of `line`; returns the width it took.
    // Muted conversations get a quiet grey badge.
    static int paintUnreadBadge(QPainter* painter, const QStyleOptionViewItem& option,
                                const QRect& line, int count, bool muted);
    // Draws the "muted" icon at the right of `line`; returns the width it took.
    static int paintMutedIcon(QPainter* painter, const QStyleOptionViewItem& option,
                              const QRect& line);
    static void paintDraft(QPainter* painter, const QStyleOptionViewItem& option, const QRect& line,
                           const QString& draft);
    static void paintPresenceDot(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QRect& avatar);
};

}  // namespace natter
