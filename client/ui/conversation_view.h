// One conversation: a header (name, members, details), the messages (a QListView painted by
// MessageDelegate; older history loads when scrolled to the top) and the composer.
#pragma once

#include <QWidget>

#include "core/account_types.h"
#include "core/chat_types.h"

class QAction;
class QLabel;
class QListView;
class QLayout;
class QPushButton;
class QTimer;
class QToolButton;

namespace natter {

class AttachmentController;
class AvatarWidget;
class ChatActions;
class Composer;
class ConversationSafety;
class MessageActions;
class MessageListModel;

class ConversationView : public QWidget {
    Q_OBJECT

public:
    ConversationView(ChatActions* chat, QWidget* parent = nullptr);

    // An existing conversation.
    void showConversation(const QString& conversationId);
    // A private chat whose first message will create it.
    void showDraft(const natter::UserInfo& recipient);
    QString key() const;

    // "online", "last seen 14:02", "last seen yesterday", "last seen 3/12/26".
    static QString presenceText(const natter::Presence& presence, const QDateTime& now);
    // "Ann is typing…", "Ann and Bob are typing…", "Several people are typing…"; "" for none.
    static QString typingText(const QStringList& names);

    // How long the view waits for scrolling and arrivals to settle before marking read.
    static constexpr int kMarkReadDelayMs = 400;
    static constexpr int kHeaderAvatarSize = 36;
    static constexpr int kHeaderIconSize = 20;
    // The messages and the composer never get wider than this (centred in a wider view).
    static constexpr int kMessageColumnMaxWidth = 760;

    // The ← back button in the header (narrow window: the list is not beside the chat).
    void setBackButtonShown(bool shown);

    QListView* messageView() const { return view_; }
    Composer* composer() const { return composer_; }
    ConversationSafety* safety() const { return safety_; }
    MessageListModel* model() const { return model_; }
    MessageActions* messageActions() const { return actions_; }
    AttachmentController* attachments() const { return attachments_; }
    // What a drop of a file, a paste or the paper clip leads to: the preview dialog for `path`.
    bool attachFile(const QString& path);

    // Scrolls to message `seq` of the open conversation (loading older history for it) and
    // highlights it for a moment, as a click on a quote does.
    void jumpToMessage(qint64 seq);

signals:
    void detailsRequested(const QString& conversationId);
    // ←, or Esc with nothing to cancel: back to the conversation list (narrow window).
    void backRequested();
    // "Search in this chat" in the ⋮ menu.
    void searchRequested(const QString& conversationId);

protected:
    bool event(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void onSend(const QString& text);
    QLayout* createColumn();
    void createBackButton();
    void connectSignals();
    void refreshHeader();
    void maybeLoadOlder();
    void onRowsInserted(int first, int last);
    void onOlderPrepended();
    void retryAt(const QModelIndex& index);
    void showUnsentMenu(const QPoint& position);
    void editUnsent(const QModelIndex& index);
    bool isAtBottom() const;
    void leaveConversation();
    QString peerId() const;
    void refreshTyping();
    void scheduleMarkRead();
    void markReadIfSeen();
    void markArrivalsUnseen();
    int firstUnreadRow() const;
    void refreshJumpButton();
    void jumpToFirstUnread();
    // "Search in this chat" and "Leave group…" in the ⋮ menu of ConversationSafety.
    void addOptionsActions();
    void refreshOptionsActions(const std::optional<Conversation>& conversation);

    ChatActions* chat_;
    MessageListModel* model_;
    AvatarWidget* avatar_;
    QLabel* title_;
    QLabel* subtitle_;
    QLabel* typing_;
    QTimer* markRead_;
    QPushButton* details_;
    QPushButton* jumpToUnread_;
    QToolButton* back_ = nullptr;
    qint64 firstUnreadSeq_ = 0;  // of the conversation as it was when opened; 0: none
    QListView* view_;
    Composer* composer_;
    ConversationSafety* safety_;  // request banner, blocked line, options menu
    MessageActions* actions_;     // reply / edit bar, message menu, quotes and reactions
    QAction* searchHere_ = nullptr;
    QAction* leaveGroup_ = nullptr;
    // Attaching, and opening attachments.
    AttachmentController* attachments_;
    std::optional<UserInfo> draftRecipient_;
    int distanceFromBottom_ = 0;  // kept while older messages are put in front
    bool wasAtBottom_ = true;
};

}  // namespace natter
