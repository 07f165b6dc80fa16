// One conversation: a header (name, members, details), the messages (a QListView painted by
// MessageDelegate; older history loads when scrolled to the top) and the composer.
#pragma once

#include <QWidget>

#include "account_types.h"

class QLabel;
class QListView;
class QPushButton;

namespace natter {

class ChatClient;
class Composer;
class MessageListModel;

class ConversationView : public QWidget {
    Q_OBJECT

public:
    ConversationView(ChatClient* chat, QWidget* parent = nullptr);

    // An existing conversation.
    void showConversation(const QString& conversationId);
    // A private chat whose first message will create it.
    void showDraft(const natter::UserInfo& recipient);
    QString key() const;

    QListView* messageView() const { return view_; }
    Composer* composer() const { return composer_; }
    MessageListModel* model() const { return model_; }

signals:
    void detailsRequested(const QString& conversationId);

private:
    void onSend(const QString& text);
    void connectSignals();
    void refreshHeader();
    void maybeLoadOlder();
    void onRowsInserted(int first, int last);
    void onOlderPrepended();
    void retryAt(const QModelIndex& index);
    bool isAtBottom() const;

    ChatClient* chat_;
    MessageListModel* model_;
    QLabel* title_;
    QLabel* subtitle_;
    QPushButton* details_;
    QListView* view_;
    Composer* composer_;
    std::optional<UserInfo> draftRecipient_;
    int distanceFromBottom_ = 0;  // kept while older messages are put in front
    bool wasAtBottom_ = true;
};

}  // namespace natter
