// The safety part of a conversation view (docs/protocol.md 5.6): the chat-request banner, the
// "You blocked X" line that replaces writing, the Options menu (mute, block / unblock) and the
// composer's notes about refused or throttled messages.
#pragma once

#include <QWidget>
#include <optional>

#include "core/account_types.h"
#include "core/chat_types.h"

class QAction;
class QLabel;
class QPushButton;
class QTimer;
class QToolButton;

namespace natter {

class ChatActions;
class Composer;
class RequestBanner;

class ConversationSafety : public QWidget {
    Q_OBJECT

public:
    ConversationSafety(ChatActions* chat, Composer* composer, QWidget* parent);

    // `key` as in ConversationView; `draftRecipient` for a chat that does not exist yet.
    void showConversation(const QString& key, const std::optional<UserInfo>& draftRecipient);
    // For the view's header; lives as long as this widget.
    QToolButton* optionsButton() const { return options_; }
    RequestBanner* requestBanner() const { return banner_; }

private:
    void connectSignals();
    void refresh();
    void refreshMenu(const std::optional<Conversation>& conversation);
    std::optional<UserInfo> peer() const;
    bool peerBlocked() const;
    void confirmBlock();
    void toggleBlock();
    void onOutgoingChanged(const QString& key, const natter::ChatMessage& message);
    void onThrottled(const QString& key, qint64 retryAfterMs);

    ChatActions* chat_;
    Composer* composer_;
    QString key_;
    std::optional<UserInfo> draftRecipient_;
    RequestBanner* banner_;
    QWidget* blockedNotice_;
    QLabel* blockedText_;
    QPushButton* unblock_;
    QToolButton* options_;
    QAction* mute_;
    QAction* block_;
    QTimer* noteExpiry_;  // clears the transient "sending too fast" note
};

}  // namespace natter
