#include "ui/conversations_page.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "core/chat_actions.h"
#include "models/conversation_list_model.h"
#include "ui/composer.h"
#include "ui/conversation_delegate.h"
#include "ui/conversation_view.h"
#include "ui/group_details_dialog.h"
#include "ui/new_chat_dialog.h"
#include "ui/search_panel.h"
#include "ui/sidebar_header.h"

namespace natter {

ConversationsPage::ConversationsPage(ChatActions* chat, QWidget* parent)
    : QWidget(parent),
      chat_(chat),
      model_(new ConversationListModel(this)),
      filter_(new ConversationFilterModel(this)) {
    model_->connectTo(chat_);
    filter_->setSourceModel(model_);
    stack_ = new QStackedWidget(this);
    placeholder_ = new QLabel(tr("Choose a conversation, or start a new chat."), stack_);
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    view_ = new ConversationView(chat_, stack_);
    view_->setObjectName(QStringLiteral("conversationView"));
    stack_->addWidget(placeholder_);
    stack_->addWidget(view_);

    auto* splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    sidebar_ = createSidebar();
    splitter->addWidget(sidebar_);
    splitter->addWidget(stack_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({kSidebarWidth, 900 - kSidebarWidth});
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter, 1);

    connect(view_, &ConversationView::detailsRequested, this, &ConversationsPage::openGroupDetails);
    connect(view_, &ConversationView::backRequested, this, &ConversationsPage::showList);
    auto* back = new QShortcut(QKeySequence(Qt::ALT | Qt::Key_Left), this);
    back->setContext(Qt::WindowShortcut);
    connect(back, &QShortcut::activated, this, &ConversationsPage::showList);
    connect(chat_, &ChatActions::privateChatCreated, this,
            [this](const QString& userId, const QString& conversationId) {
                if (view_->key() == userId) {
                    openConversation(conversationId);
                }
            });
    connect(chat_, &ChatActions::conversationsReset, this, [this] {
        view_->showConversation({});  // nothing of a previous account stays on screen
        stack_->setCurrentWidget(placeholder_);
        list_->selectionModel()->clear();
        showList();
    });
    connect(chat_, &ChatActions::conversationRemoved, this, [this](const QString& id) {
        if (view_->key() == id) {
            stack_->setCurrentWidget(placeholder_);
            list_->selectionModel()->clear();
            showList();
        }
    });
}

void ConversationsPage::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    const bool singlePane = width() < kSinglePaneBelowWidth;
    if (singlePane != singlePane_) {
        singlePane_ = singlePane;
        refreshPanes();
    }
}

void ConversationsPage::refreshPanes() {
    const bool chatAlone = showsChatAlone();
    sidebar_->setVisible(!chatAlone);
    stack_->setVisible(!singlePane_ || chatAlone);
    view_->setBackButtonShown(chatAlone);
    // Focus must not stay in the pane that was just hidden.
    if (chatAlone && !stack_->isAncestorOf(focusWidget())) {
        view_->composer()->editor()->setFocus();
    } else if (singlePane_ && !chatAlone && !sidebar_->isAncestorOf(focusWidget())) {
        list_->setFocus();
    }
}

void ConversationsPage::showChat() {
    stack_->setCurrentWidget(view_);
    chatInFront_ = true;
    refreshPanes();
}

void ConversationsPage::showList() {
    if (!chatInFront_) {
        return;
    }
    chatInFront_ = false;
    refreshPanes();
}

QWidget* ConversationsPage::createSidebar() {
    auto* sidebar = new QWidget(this);
    filterEdit_ = new QLineEdit(sidebar);
    filterEdit_->setObjectName(QStringLiteral("conversationFilterEdit"));
    filterEdit_->setPlaceholderText(tr("Filter conversations"));
    filterEdit_->setAccessibleName(tr("Filter conversations"));
    filterEdit_->setClearButtonEnabled(true);
    header_ = new SidebarHeader(sidebar);
    header_->setObjectName(QStringLiteral("sidebarHeader"));
    list_ = new QListView(sidebar);
    list_->setObjectName(QStringLiteral("conversationList"));
    list_->setAccessibleName(tr("Conversations"));
    list_->setModel(filter_);
    list_->setItemDelegate(new ConversationDelegate(list_));
    list_->setUniformItemSizes(true);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    // Rows elide their text; the list never scrolls sideways, however narrow it is.
    list_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    list_->setFrameShape(QFrame::NoFrame);
    sidebar->setMinimumWidth(kSidebarMinWidth);
    requests_ = new QPushButton(sidebar);
    requests_->setObjectName(QStringLiteral("requestsButton"));
    requests_->setCheckable(true);
    requests_->setToolTip(tr("Chats people started with you that you have not accepted yet"));
    auto* layout = new QVBoxLayout(sidebar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(header_);
    browse_ = new QWidget(sidebar);
    auto* browse = new QVBoxLayout(browse_);
    browse->setContentsMargins(0, 0, 0, 0);
    // The search field and the requests button inset like the header; the rows go edge to edge.
    auto* controls = new QVBoxLayout;
    controls->setContentsMargins(6, 0, 6, 4);
    controls->addWidget(filterEdit_);
    controls->addWidget(requests_);
    browse->addLayout(controls);
    browse->addWidget(list_, 1);
    layout->addWidget(browse_, 1);
    addSearch(sidebar, layout);
    connect(requests_, &QPushButton::toggled, this, &ConversationsPage::showRequests);
    connect(model_, &ConversationListModel::requestCountChanged, this,
            &ConversationsPage::refreshRequestsButton);
    // An accepted request moves to the chats, and the list follows it there.
    connect(chat_, &ChatActions::conversationChanged, this, [this](const Conversation& c) {
        if (c.id == view_->key() && !c.request && filter_->showsRequests()) {
            requests_->setChecked(false);
        }
    });
    refreshRequestsButton();

    connect(filterEdit_, &QLineEdit::textChanged, filter_, &ConversationFilterModel::setFilterText);
    // Ctrl+N starts a chat, Ctrl+F goes to the filter, Down goes from the filter to the list.
    auto* newChatShortcut = new QShortcut(QKeySequence::New, this);
    connect(newChatShortcut, &QShortcut::activated, this, &ConversationsPage::openNewChatDialog);
    addChatSwitchingKeys();
    auto* findShortcut = new QShortcut(QKeySequence::Find, this);
    connect(findShortcut, &QShortcut::activated, filterEdit_, qOverload<>(&QLineEdit::setFocus));
    filterEdit_->installEventFilter(this);
    connect(header_->newChatButton(), &QPushButton::clicked, this,
            &ConversationsPage::openNewChatDialog);
    connect(list_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ConversationsPage::onCurrentChanged);
    // Enter in the list goes on to writing; Enter in the filter opens the best match for it.
    connect(list_, &QListView::activated, this, [this] {
        showChat();
        view_->composer()->editor()->setFocus();
    });
    // A click opens the chat (in single-pane mode too); the arrow keys only move along the list.
    connect(list_, &QListView::clicked, this, [this](const QModelIndex& index) {
        if (index.isValid() && stack_->currentWidget() == view_) {
            showChat();
        }
    });
    connect(filterEdit_, &QLineEdit::returnPressed, this, &ConversationsPage::openBestMatch);
    return sidebar;
}

void ConversationsPage::addSearch(QWidget* sidebar, QBoxLayout* sidebarLayout) {
    search_ = new SearchPanel(chat_, sidebar);
    search_->setObjectName(QStringLiteral("searchPanel"));
    search_->setVisible(false);
    sidebarLayout->addWidget(search_, 1);
    auto* shortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F), this);
    shortcut->setContext(Qt::WindowShortcut);
    connect(shortcut, &QShortcut::activated, this, [this] { showSearch(); });
    connect(view_, &ConversationView::searchRequested, this, &ConversationsPage::showSearch);
    connect(search_, &SearchPanel::closeRequested, this, &ConversationsPage::closeSearch);
    connect(search_, &SearchPanel::openRequested, this,
            [this](const QString& conversationId, qint64 seq) {
                openConversation(conversationId);
                view_->jumpToMessage(seq);
            });
}

void ConversationsPage::showSearch(const QString& conversationId) {
    showList();  // in a narrow window the search takes the list's place, in front of the chat
    browse_->setVisible(false);
    search_->start(conversationId);
}

void ConversationsPage::closeSearch() {
    search_->setVisible(false);
    browse_->setVisible(true);
    list_->setFocus();
}

// Ctrl+Tab / Ctrl+Shift+Tab and Alt+Down / Alt+Up open the next or previous chat in the list
// (wrapping round), from anywhere in the window, as in Telegram Desktop and Element.
void ConversationsPage::addChatSwitchingKeys() {
    const QList<std::pair<QKeySequence, int>> keys{
        {QKeySequence(Qt::CTRL | Qt::Key_Tab), 1},
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab), -1},
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab), -1},
        {QKeySequence(Qt::ALT | Qt::Key_Down), 1},
        {QKeySequence(Qt::ALT | Qt::Key_Up), -1},
    };
    for (const auto& [key, step] : keys) {
        auto* shortcut = new QShortcut(key, this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, [this, step = step] { openNextChat(step); });
    }
}

void ConversationsPage::openNextChat(int step) {
    const int rows = filter_->rowCount();
    if (rows == 0) {
        return;
    }
    const QModelIndex current = list_->currentIndex();
    const int row =
        current.isValid() ? (current.row() + step + rows) % rows : (step > 0 ? 0 : rows - 1);
    list_->setCurrentIndex(filter_->index(row, 0));
    list_->scrollTo(list_->currentIndex());
}

// Down in the filter goes to the list, on the best match (the first row); Esc clears the
// filter (and then leaves it for the list).
bool ConversationsPage::eventFilter(QObject* watched, QEvent* event) {
    if (watched != filterEdit_ || event->type() != QEvent::KeyPress) {
        return QWidget::eventFilter(watched, event);
    }
    const int key = static_cast<QKeyEvent*>(event)->key();
    if (key == Qt::Key_Down && filter_->rowCount() > 0) {
        list_->setFocus();
        list_->setCurrentIndex(filter_->index(0, 0));
        return true;
    }
    if (key == Qt::Key_Escape) {
        if (filterEdit_->text().isEmpty()) {
            list_->setFocus();
        }
        filterEdit_->clear();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

// The first row is the best match (ConversationFilterModel); whatever was open before, that is
// the chat meant, and what is typed next goes there.
void ConversationsPage::openBestMatch() {
    if (filter_->rowCount() == 0) {
        return;
    }
    openConversation(filter_->index(0, 0).data(ConversationListModel::IdRole).toString());
    view_->composer()->editor()->setFocus();
}

void ConversationsPage::showRequests(bool requests) {
    filter_->setShowRequests(requests);
    refreshRequestsButton();
    // The open conversation stays selected if it is in the section now shown.
    const int row = model_->rowOf(view_->key());
    const QModelIndex index = row >= 0 ? filter_->mapFromSource(model_->index(row)) : QModelIndex();
    if (index.isValid()) {
        list_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    }
}

void ConversationsPage::refreshRequestsButton() {
    const int count = model_->requestCount();
    if (count == 0 && requests_->isChecked()) {
        requests_->setChecked(false);  // the last one was answered: back to the chats
        return;
    }
    if (requests_->isChecked()) {
        requests_->setText(tr("Back to chats"));
    } else {
        //: shows the chat requests; %1 is how many there are
        requests_->setText(tr("Requests (%1)").arg(count));
    }
    requests_->setAccessibleName(tr("%n chat requests", nullptr, count));
    requests_->setVisible(count > 0 || requests_->isChecked());
}

void ConversationsPage::onCurrentChanged(const QModelIndex& current) {
    if (!current.isValid()) {
        return;
    }
    // The open conversation stays highlighted, however it became current.
    list_->selectionModel()->select(current, QItemSelectionModel::ClearAndSelect);
    const QString id = current.data(ConversationListModel::IdRole).toString();
    if (view_->key() != id || stack_->currentWidget() != view_) {
        view_->showConversation(id);
        stack_->setCurrentWidget(view_);
    }
}

void ConversationsPage::selectRowOf(const QString& conversationId) {
    const int row = model_->rowOf(conversationId);
    const QModelIndex index = row >= 0 ? filter_->mapFromSource(model_->index(row)) : QModelIndex();
    if (index.isValid()) {
        list_->setCurrentIndex(index);
    } else {
        // Not listed (yet): no other row may look open, and a click on one must open it.
        list_->selectionModel()->clear();
    }
}

void ConversationsPage::openConversation(const QString& conversationId) {
    selectRowOf(conversationId);
    if (view_->key() != conversationId) {
        view_->showConversation(conversationId);
    }
    showChat();
}

void ConversationsPage::openPerson(const UserInfo& user) {
    if (const auto existing = chat_->privateConversationWith(user.id)) {
        openConversation(*existing);
    } else {
        selectRowOf(user.id);  // no row until the first message creates the chat
        view_->showDraft(user);
        showChat();
    }
    view_->composer()->editor()->setFocus();
}

void ConversationsPage::openNewChatDialog() {
    auto* dialog = new NewChatDialog(chat_, this);
    dialog->setObjectName(QStringLiteral("newChatDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &NewChatDialog::chatWithRequested, this, &ConversationsPage::openPerson);
    connect(dialog, &NewChatDialog::groupCreated, this, &ConversationsPage::openConversation);
    dialog->open();
}

void ConversationsPage::openGroupDetails(const QString& conversationId) {
    auto* dialog = new GroupDetailsDialog(chat_, conversationId, this);
    dialog->setObjectName(QStringLiteral("groupDetailsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

}  // namespace natter
