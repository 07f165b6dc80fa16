// One conversation: a header (name, members, details), the messages (a QListView painted by
// MessageDelegate; older history loads when scrolled to the top) and the composer.
#pragma once

#include <QWidget>

#include "core/account_types.h"
#include "core/chat_types.h"

class QLabel;
class QListView;
class QPushButton;
class QTimer;

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

    QListView* messageView() const { return view_; }
    Composer* composer() const { return composer_; }
    ConversationSafety* safety() const { return safety_; }
    MessageListModel* model() const { return model_; }
    MessageActions* messageActions() const { return actions_; }
    AttachmentController* attachments() const { return attachments_; }
    // What a drop of a file, a paste or the paper clip leads to: the preview dialog for `path`.
    bool attachFile(const QString& path);

signals:
    void detailsRequested(const QString& conversationId);

protected:
    bool event(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void onSend(const QString& text);
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

    ChatActions* chat_;
    MessageListModel* model_;
    AvatarWidget* avatar_;
    QLabel* title_;
    QLabel* subtitle_;
    QLabel* typing_;
    QTimer* markRead_;
    QPushButton* details_;
    QPushButton* jumpToUnread_;
    qint64 firstUnreadSeq_ = 0;  // of the conversation as it was when opened; 0: none
    QListView* view_;
    Composer* composer_;
    ConversationSafety* safety_;  // request banner, blocked line, options menu
    MessageActions* actions_;     // reply / edit bar, message menu, quotes and reactions
    // Attaching, and opening attachments.
    AttachmentController* attachments_;
    std::optional<UserInfo> draftRecipient_;
    int distanceFromBottom_ = 0;  // kept while older messages are put in front
    bool wasAtBottom_ = true;
};

}  // namespace natter
