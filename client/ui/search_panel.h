// Message search in the sidebar (Ctrl+Shift+F, or "Search in this chat" in a chat's ⋮ menu): a
// search field, the chat it is limited to (if any), a line saying what is going on (type to
// search, searching, nothing found, an error, offline) and the results, newest first. More
// results load when the list is scrolled to its end. Enter or a click opens a result's message.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QListView;
class QTimer;
class QToolButton;

namespace natter {

class ChatActions;
class MessageSearch;
class SearchResultsModel;

class SearchPanel : public QWidget {
    Q_OBJECT

public:
    explicit SearchPanel(ChatActions* chat, QWidget* parent = nullptr);

    // Shows the panel with the field focused: searching everywhere, or only in `conversationId`.
    // What was typed stays, so the same words can be looked for elsewhere.
    void start(const QString& conversationId = {});

    QLineEdit* field() const { return field_; }
    QListView* results() const { return list_; }
    QLabel* status() const { return status_; }
    MessageSearch* search() const { return search_; }

    // Typing waits this long before asking the server (its search budget is small).
    static constexpr int kTypingPauseMs = 350;

signals:
    void openRequested(const QString& conversationId, qint64 seq);
    // Esc or the close button: back to the conversation list.
    void closeRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void createWidgets();
    QWidget* createScopeRow();
    void connectSignals();
    void runSearch();
    void setScope(const QString& conversationId);
    void refreshStatus();
    void maybeLoadMore();
    void openIndex(const QModelIndex& index);

    ChatActions* chat_;
    MessageSearch* search_;
    SearchResultsModel* model_;
    QToolButton* close_;
    QLineEdit* field_;
    QWidget* scopeRow_;
    QLabel* scope_;
    QToolButton* everywhere_;
    QLabel* status_;
    QListView* list_;
    QTimer* pause_;
    QString scopeId_;
};

}  // namespace natter
