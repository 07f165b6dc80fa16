// Paints the messages of a conversation as bubbles (mine on the right, others on the left),
// with day separators, sender names in groups, system messages as centred notes and the
// pending / failed state of my unsent messages. One delegate, no widget per message.
#pragma once

#include <QCache>
#include <QPointer>
#include <QStringList>
#include <QStyledItemDelegate>

class QAbstractItemView;

namespace natter {

class MessageDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    // `view` provides the width bubbles wrap to.
    explicit MessageDelegate(QAbstractItemView* view);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static QString dayLabel(const QDate& day, const QDate& today);

    // What is under a point of a row (relative to the row's top left): a reply's quote (click
    // jumps to the original), a reaction chip (click toggles mine; the tooltip names who) or an
    // attachment (click opens it).
    struct Hit {
        enum class Kind { None, Quote, Reaction, Attachment } kind = Kind::None;
        QString emoji;
        QStringList names;
    };
    Hit hitTest(const QStyleOptionViewItem& option, const QModelIndex& index,
                const QPoint& pointInRow) const;

    // The time and state drawn in a bubble ("14:02 · Seen"); a tombstone has no receipt.
    QString metaText(const QModelIndex& index) const;
    // What is under a point of the view's viewport (None off the rows).
    Hit hitAt(const QPoint& viewportPosition) const;

    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
                   const QModelIndex& index) override;

private:
    struct Layout {
        QRect day;     // separator above, or empty
        QRect unread;  // the "New messages" divider under it, or empty
        QRect sender;  // name above the bubble, or empty
        QRect bubble;
        QRect body;
        QRect meta;          // time and state, inside the bubble
        QRect failure;       // the refusal under the bubble, or empty
        QRect quote;         // a reply's quote, inside the bubble above the body, or empty
        QRect attachment;    // a photo or file card above the caption, or empty
        QList<QRect> chips;  // the reactions under the bubble, in the model's order
        int height = 0;
    };

    Layout layoutFor(const QStyleOptionViewItem& option, const QModelIndex& index, int width) const;
    QSize measured(const QString& text, const QFont& font, int maxWidth,
                   Qt::Alignment alignment = Qt::AlignLeft) const;
    QString failureText(const QModelIndex& index) const;
    void paintDay(QPainter* painter, const QStyleOptionViewItem& option, const QRect& rect,
                  const QModelIndex& index) const;
    void paintNewMessages(QPainter* painter, const QStyleOptionViewItem& option,
                          const QRect& rect) const;
    void paintSystem(QPainter* painter, const QStyleOptionViewItem& option, const Layout& layout,
                     const QModelIndex& index) const;
    void paintBubble(QPainter* painter, const QStyleOptionViewItem& option, const Layout& layout,
                     const QModelIndex& index) const;
    void paintQuote(QPainter* painter, const QStyleOptionViewItem& option, const QRect& rect,
                    const QModelIndex& index, const QColor& ink) const;
    void paintChips(QPainter* painter, const QStyleOptionViewItem& option, const Layout& layout,
                    const QModelIndex& index) const;
    // The bubble's quote and text box; `y` is where the bubble starts.
    void layOutBubble(Layout& layout, const QStyleOptionViewItem& option, const QModelIndex& index,
                      int width, int y) const;
    void layOutChips(Layout& layout, const QStyleOptionViewItem& option, const QModelIndex& index,
                     int width, int y) const;

    QPointer<QAbstractItemView> view_;
    static constexpr int kMeasuredTextsKept = 4'096;
    mutable QCache<QString, QSize> measured_;  // text sizes by font, width, alignment and text
};

}  // namespace natter
