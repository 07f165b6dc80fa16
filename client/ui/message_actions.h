// What the user can do with the stored messages of the open conversation (docs/protocol.md
// 5.2a): a context menu (Reply, Edit, Delete for everyone, React), the bar above the composer
// that shows what is being answered or edited (with a close button), Up in an empty composer to
// edit my last message and Escape to cancel, and clicks on a reply's quote (jump to the original,
// briefly highlighted) and on reaction chips (toggle mine). The bar is this widget.
#pragma once

#include <QFrame>

class QLabel;
class QMenu;
class QListView;
class QModelIndex;
class QTimer;
class QToolButton;

namespace natter {

class ChatActions;
class Composer;
class MessageListModel;

class MessageActions : public QFrame {
    Q_OBJECT

public:
    MessageActions(ChatActions* chat, QListView* view, MessageListModel* model, Composer* composer,
                   QWidget* parent = nullptr);

    // The menu of a stored message; nothing for rows that offer no action.
    void showMenu(const QModelIndex& index, const QPoint& globalPosition);
    // Sends the composer's text as the reply or edit in progress; false when there is none
    // (the text is then an ordinary message).
    bool submit(const QString& text);
    void startReply(const QModelIndex& index);
    void startEdit(const QModelIndex& index);
    // Closes the bar; an edit gives the composer back what was written before it.
    void cancel();
    // Another conversation is shown: nothing in progress carries over.
    void reset();
    // An edit is in progress (its typing is no typing notice for the others).
    bool isEditing() const { return mode_ == Mode::Edit; }
    // Scrolls to message `seq` (loading older history for it) and highlights it for a moment.
    void jumpTo(qint64 seq);
    // A new jump (a quote clicked, a search result opened), with its own history-page allowance.
    void startJump(qint64 seq);

    static constexpr int kHighlightMs = 1'500;
    // History pages loaded at most to find the original of a quote.
    static constexpr int kJumpPagesMax = 20;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    enum class Mode { None, Reply, Edit };

    void showBar(Mode mode, const QModelIndex& index);
    void onClick(const QPoint& position);
    void askToDelete(const QModelIndex& index);
    void toggleReaction(const QModelIndex& index, const QString& emoji);
    void addReactMenu(QMenu* menu, const QModelIndex& index);

    ChatActions* chat_;
    QListView* view_;
    MessageListModel* model_;
    Composer* composer_;
    QLabel* title_;
    QLabel* preview_;
    QToolButton* close_;
    QTimer* highlight_;
    Mode mode_ = Mode::None;
    qint64 seq_ = 0;
    QString draftBeforeEdit_;
    qint64 pendingJump_ = 0;
    int jumpPages_ = 0;
};

}  // namespace natter
