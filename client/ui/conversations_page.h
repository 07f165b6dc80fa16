// The signed-in window's content: the sidebar (one's own header with the menu and New chat, the
// filterable conversation list) on the left, and the open conversation on the right.
#pragma once

#include <QWidget>

#include "core/account_types.h"

class QBoxLayout;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QStackedWidget;

namespace natter {

class ChatActions;
class ConversationFilterModel;
class ConversationListModel;
class ConversationView;
class SearchPanel;
class SidebarHeader;

class ConversationsPage : public QWidget {
    Q_OBJECT

public:
    explicit ConversationsPage(ChatActions* chat, QWidget* parent = nullptr);

    // The list pane's narrowest (the splitter stops there) and its width at first.
    static constexpr int kSidebarMinWidth = 220;
    static constexpr int kSidebarWidth = 300;
    // Narrower than this, the list and a readable chat do not both fit: the page shows one of
    // them at a time (single-pane mode), the chat with a ← back to the list.
    static constexpr int kSinglePaneBelowWidth = 640;

    SidebarHeader* sidebarHeader() const { return header_; }
    ConversationView* conversationView() const { return view_; }
    QListView* conversationList() const { return list_; }
    // "Requests (N)": shows the chat requests instead of the chats while checked.
    QPushButton* requestsButton() const { return requests_; }
    ConversationListModel* conversationModel() const { return model_; }
    // Opens a conversation by id (selects it in the list).
    void openConversation(const QString& conversationId);
    void openNewChatDialog();
    void openGroupDetails(const QString& conversationId);
    // Single-pane mode: whether the page is in it, and whether the chat (not the list) is shown.
    bool isSinglePane() const { return singlePane_; }
    bool showsChatAlone() const { return singlePane_ && chatInFront_; }
    // Single-pane mode: back from the chat to the list (the chat stays selected).
    void showList();
    // The message search in place of the list (Ctrl+Shift+F): everywhere, or in one chat.
    void showSearch(const QString& conversationId = {});
    void closeSearch();
    SearchPanel* searchPanel() const { return search_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QWidget* createSidebar();
    void openPerson(const UserInfo& user);
    void openBestMatch();
    void addChatSwitchingKeys();
    // Opens the chat `step` rows below (above, if negative) the current one.
    void openNextChat(int step);
    // Makes the conversation's row the current and only selected one; none when not listed.
    void selectRowOf(const QString& conversationId);
    void onCurrentChanged(const QModelIndex& current);
    void showRequests(bool requests);
    void refreshRequestsButton();
    // Shows the conversation view (and, in single-pane mode, it alone).
    void showChat();
    void refreshPanes();
    void addSearch(QWidget* sidebar, QBoxLayout* sidebarLayout);

    ChatActions* chat_;
    ConversationListModel* model_;
    ConversationFilterModel* filter_;
    SidebarHeader* header_;
    QLineEdit* filterEdit_;
    QListView* list_;
    QPushButton* requests_;
    QWidget* browse_ = nullptr;  // the filter, requests button and list: hidden while searching
    SearchPanel* search_ = nullptr;
    QStackedWidget* stack_;
    QLabel* placeholder_;
    ConversationView* view_;
    QWidget* sidebar_ = nullptr;
    bool singlePane_ = false;
    bool chatInFront_ = false;  // single-pane mode shows the chat rather than the list
};

}  // namespace natter
