// The hits of a message search as a list: SearchResultsModel over MessageSearch (conversation,
// sender, time, snippet and where its matched words are) and SearchResultDelegate, which paints
// each hit as the chat's name and the time, the sender, and the snippet with its matches marked.
// The snippet is laid out as plain text: nothing in a message can become markup.
#pragma once

#include <QAbstractListModel>
#include <QStyledItemDelegate>

class QTextLayout;

namespace natter {

class ChatActions;
class MessageSearch;

class SearchResultsModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        ConversationIdRole = Qt::UserRole + 1,
        SeqRole,
        ConversationNameRole,
        SenderNameRole,
        TimeTextRole,
        SnippetRole,
        HighlightsRole,  // QVariantList of QPoint(start, length) in the snippet (UTF-16 units)
    };
    Q_ENUM(Role)

    SearchResultsModel(ChatActions* chat, MessageSearch* search, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    QString conversationName(const QString& conversationId) const;

    ChatActions* chat_;
    MessageSearch* search_;
};

class SearchResultDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static constexpr int kSnippetLines = 2;

private:
    void paintSnippet(QPainter* painter, const QStyleOptionViewItem& option, const QRect& rect,
                      const QModelIndex& index) const;
    static int layOutLines(QTextLayout& layout, int width);
};

}  // namespace natter
