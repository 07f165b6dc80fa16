#include "ui/search_panel.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include "core/chat_actions.h"
#include "core/message_search.h"
#include "protocol_limits.h"
#include "ui/glyph_icon.h"
#include "ui/search_results.h"
#include "ui/theme.h"

namespace natter {

SearchPanel::SearchPanel(ChatActions* chat, QWidget* parent)
    : QWidget(parent), chat_(chat), search_(new MessageSearch(chat, this)) {
    model_ = new SearchResultsModel(chat_, search_, this);
    createWidgets();
    connectSignals();
    setScope({});
    refreshStatus();
}

void SearchPanel::createWidgets() {
    field_ = new QLineEdit(this);
    field_->setObjectName(QStringLiteral("messageSearchField"));
    field_->setPlaceholderText(tr("Search messages"));
    field_->setAccessibleName(tr("Search messages"));
    field_->setClearButtonEnabled(true);
    field_->setMaxLength(limits::kMessageSearchQueryMaxChars);
    close_ = new QToolButton(this);
    close_->setObjectName(QStringLiteral("closeSearchButton"));
    close_->setIcon(glyphIcon(Glyph::Close));
    close_->setAutoRaise(true);
    close_->setToolTip(tr("Close search (Esc)"));
    close_->setAccessibleName(tr("Close search"));
    scopeRow_ = createScopeRow();
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("searchStatus"));
    status_->setTextFormat(Qt::PlainText);
    status_->setWordWrap(true);
    status_->setAlignment(Qt::AlignCenter);
    list_ = new QListView(this);
    list_->setObjectName(QStringLiteral("messageSearchResults"));
    list_->setAccessibleName(tr("Search results"));
    list_->setModel(model_);
    list_->setItemDelegate(new SearchResultDelegate(list_));
    list_->setMouseTracking(true);
    list_->setFrameShape(QFrame::NoFrame);
    list_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    pause_ = new QTimer(this);
    pause_->setSingleShot(true);
    pause_->setInterval(kTypingPauseMs);

    auto* top = new QHBoxLayout;
    top->addWidget(field_, 1);
    top->addWidget(close_);
    auto* controls = new QVBoxLayout;
    controls->setContentsMargins(6, 0, 6, 4);
    controls->addLayout(top);
    controls->addWidget(scopeRow_);
    controls->addWidget(status_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(list_, 1);
}

// "In <chat>" and the button that searches everywhere instead.
QWidget* SearchPanel::createScopeRow() {
    auto* row = new QWidget(this);
    scope_ = new QLabel(row);
    scope_->setObjectName(QStringLiteral("searchScopeLabel"));
    scope_->setTextFormat(Qt::PlainText);
    everywhere_ = new QToolButton(row);
    everywhere_->setObjectName(QStringLiteral("searchEverywhereButton"));
    everywhere_->setText(tr("All chats"));
    everywhere_->setToolTip(tr("Search in all chats"));
    everywhere_->setAutoRaise(true);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scope_, 1);
    layout->addWidget(everywhere_);
    return row;
}

void SearchPanel::connectSignals() {
    connect(field_, &QLineEdit::textChanged, pause_, qOverload<>(&QTimer::start));
    connect(pause_, &QTimer::timeout, this, &SearchPanel::runSearch);
    connect(close_, &QToolButton::clicked, this, &SearchPanel::closeRequested);
    connect(everywhere_, &QToolButton::clicked, this, [this] {
        setScope({});
        runSearch();
    });
    connect(search_, &MessageSearch::stateChanged, this, &SearchPanel::refreshStatus);
    connect(search_, &MessageSearch::hitsAdded, this, [this] {
        // Results that do not fill the list cannot be scrolled to their end: ask on by itself
        // (laid out first, so the scroll range counts the new rows).
        list_->doItemsLayout();
        maybeLoadMore();
    });
    connect(list_->verticalScrollBar(), &QScrollBar::valueChanged, this,
            &SearchPanel::maybeLoadMore);
    connect(list_, &QListView::clicked, this, &SearchPanel::openIndex);
    connect(list_, &QListView::activated, this, &SearchPanel::openIndex);
    // Back online after "needs a connection": the same words again.
    connect(chat_, &ChatActions::readyChanged, this, [this](bool ready) {
        if (ready && isVisible() && !search_->errorText().isEmpty()) {
            runSearch();
        }
    });
    // Nothing of a previous account's search stays on screen.
    connect(chat_, &ChatActions::conversationsReset, this, [this] {
        field_->clear();
        pause_->stop();
        search_->clear();
    });
    field_->installEventFilter(this);
    list_->installEventFilter(this);
}

void SearchPanel::start(const QString& conversationId) {
    setScope(conversationId);
    show();
    field_->setFocus();
    field_->selectAll();
    runSearch();
}

void SearchPanel::setScope(const QString& conversationId) {
    const auto conversation = chat_->conversation(conversationId);
    scopeId_ = conversation ? conversationId : QString();
    //: the chat a message search is limited to
    scope_->setText(conversation ? tr("In %1").arg(conversation->name) : QString());
    scopeRow_->setVisible(conversation.has_value());
}

void SearchPanel::runSearch() {
    pause_->stop();
    if (field_->text().trimmed() == search_->query() && scopeId_ == search_->conversationId() &&
        search_->errorText().isEmpty() && !search_->query().isEmpty()) {
        return;  // the same search is shown (or on its way) already
    }
    search_->search(field_->text(), scopeId_);
}

void SearchPanel::refreshStatus() {
    QString text;
    const bool error = !search_->errorText().isEmpty();
    if (error) {
        text = search_->errorText();
    } else if (search_->query().isEmpty()) {
        text = scopeId_.isEmpty() ? tr("Type to search the messages of all your chats.")
                                  : tr("Type to search the messages of this chat.");
    } else if (search_->isLoading() && search_->hits().isEmpty()) {
        text = tr("Searching\u2026");
    } else if (search_->hasAnswer() && search_->hits().isEmpty()) {
        //: %1 is what was searched for
        text = tr("No messages with \u201c%1\u201d.").arg(search_->query());
    }
    status_->setText(text);
    status_->setVisible(!text.isEmpty());
    setErrorInk(status_, error);
}

void SearchPanel::maybeLoadMore() {
    const QScrollBar* bar = list_->verticalScrollBar();
    if (search_->hasMore() && !search_->isLoading() && search_->errorText().isEmpty() &&
        bar->value() >= bar->maximum() - list_->fontMetrics().height()) {
        search_->loadMore();
    }
}

void SearchPanel::openIndex(const QModelIndex& index) {
    if (index.isValid()) {
        emit openRequested(index.data(SearchResultsModel::ConversationIdRole).toString(),
                           index.data(SearchResultsModel::SeqRole).toLongLong());
    }
}

// In the field: Enter opens the selected (or first) result, Down goes to the results, Esc closes.
// In the results, Esc closes too.
bool SearchPanel::eventFilter(QObject* watched, QEvent* event) {
    if ((watched != field_ && watched != list_) || event->type() != QEvent::KeyPress) {
        return QWidget::eventFilter(watched, event);
    }
    const int key = static_cast<QKeyEvent*>(event)->key();
    if (key == Qt::Key_Escape) {
        emit closeRequested();
        return true;
    }
    if (watched == list_) {
        return QWidget::eventFilter(watched, event);
    }
    const bool enter = key == Qt::Key_Return || key == Qt::Key_Enter;
    if (enter && pause_->isActive()) {
        runSearch();  // what was just typed, not the results still shown
        return true;
    }
    if (enter && model_->rowCount() > 0) {
        const QModelIndex current = list_->currentIndex();
        openIndex(current.isValid() ? current : model_->index(0));
        return true;
    }
    if (key == Qt::Key_Down && model_->rowCount() > 0) {
        list_->setFocus();
        list_->setCurrentIndex(model_->index(0));
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace natter
