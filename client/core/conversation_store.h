// What the client knows of its conversations: their details, a contiguous run of each one's
// messages (older ones are loaded on demand), and the sync cursor (the highest seq seen). Pure
// state, no network: ChatClient feeds it.
#pragma once

#include <QHash>
#include <QList>
#include <functional>
#include <optional>

#include "core/chat_types.h"

namespace natter {

class ConversationStore {
public:
    struct AppendResult {
        QList<ChatMessage> appended;  // new messages, in seq order (change entries too)
        // Messages as they are now after the change entries among them (applyChange()).
        QList<ChatMessage> changed;
        bool gap = false;  // a message beyond cursor + 1 arrived: sync to fill in
    };

    void clear();
    // Forgets the conversations and people, and keeps the drafts (they are this device's own).
    void clearConversations();
    bool contains(const QString& conversationId) const;
    std::optional<Conversation> find(const QString& conversationId) const;
    QList<Conversation> conversations() const;

    // Takes the conversation's details; cached messages and the cursor stay. With
    // trustLastSeq (a full listing), the cursor moves up to last_seq: older messages are then
    // fetched with history when the conversation is opened.
    void upsert(const Conversation& conversation, bool trustLastSeq = false);
    void remove(const QString& conversationId);
    // Puts back a conversation as the local cache kept it: `recent` is the newest part of a
    // contiguous run ending at `cursor` (older cached messages come back with prepend()).
    void restore(const Conversation& conversation, qint64 cursor, qint64 unreadCountedThrough,
                 const QList<ChatMessage>& recent);
    // The highest seq unread_count accounts for (kept by the local cache).
    qint64 unreadCountedThrough(const QString& conversationId) const;

    // --- read state (docs/protocol.md 5.5); each returns whether anything changed
    // Counts live messages (message.new) from others as unread, once each: messages the last
    // Conversation object already counted (seq <= its last_seq) or that are read are skipped.
    bool countIncoming(const QString& conversationId, const QList<ChatMessage>& messages,
                       const QString& myId);
    // The viewer's marker moved (mark_read answer or read_state.changed). Never moves back.
    bool applyReadState(const QString& conversationId, qint64 lastReadSeq, int unreadCount);
    // Another member's marker moved (receipt.read). Never moves back.
    bool applyReceipt(const QString& conversationId, const QString& userId, qint64 lastReadSeq);
    // Another member's delivered marker moved (receipt.delivered). Never moves back.
    bool applyDeliveryReceipt(const QString& conversationId, const QString& userId,
                              qint64 lastDeliveredSeq);
    // Unread messages of conversations that are not muted (a muted one keeps its own count).
    int totalUnread() const;

    // Applies `change` to a conversation's details (safety flags, docs/protocol.md 5.6);
    // returns what `change` returns (whether anything changed), false for an unknown id.
    bool edit(const QString& conversationId, const std::function<bool(Conversation&)>& change);

    // Adds newer messages in seq order; duplicates (seq <= cursor) are skipped.
    AppendResult append(const QString& conversationId, const QList<ChatMessage>& messages);
    // Puts `target`, a message as it is now (5.2a), in place of its copy, and updates the quotes
    // of replies to it. Returns `target` followed by the replies that changed; a message that
    // is not loaded is returned too (the local cache may hold it).
    QList<ChatMessage> applyChange(const QString& conversationId, const ChatMessage& target);
    // Adds a page of older messages in front; returns those that were new.
    QList<ChatMessage> prepend(const QString& conversationId, const QList<ChatMessage>& messages);

    QList<ChatMessage> messages(const QString& conversationId) const;
    qint64 cursor(const QString& conversationId) const;
    QHash<QString, qint64> cursors() const;
    // The before_seq of the next history page.
    qint64 historyBoundary(const QString& conversationId) const;
    bool hasOlder(const QString& conversationId) const;

    // --- drafts: what the user wrote and has not sent, by conversation id (or the user id of a
    // person without a private chat yet). Whitespace alone is no draft.
    QString draft(const QString& key) const { return drafts_.value(key); }
    // Returns whether it changed.
    bool setDraft(const QString& key, const QString& text);
    const QHash<QString, QString>& drafts() const { return drafts_; }
    void setDrafts(const QHash<QString, QString>& drafts) { drafts_ = drafts; }

    // A user's new display name (user.updated): in member lists, as senders, and as the name of
    // a private chat with them (not with `myId`, whose chats are named after the others).
    // Returns the conversations that changed, each with its messages that did.
    QHash<QString, QList<ChatMessage>> applyUserUpdate(const UserInfo& user, const QString& myId);

    // Names of users seen in members lists and as senders.
    std::optional<UserInfo> user(const QString& userId) const;
    std::optional<QString> privateConversationWith(const QString& userId,
                                                   const QString& myId) const;

private:
    struct Entry {
        Conversation details;
        // Contiguous seqs ending at cursor (or empty); change entries are kept (for the run, and
        // the cache) but not shown.
        QList<ChatMessage> messages;
        qint64 cursor = 0;
        qint64 unreadCountedThrough = 0;  // the highest seq unread_count accounts for
    };

    void rememberUsers(const QList<UserInfo>& users);
    void noteLatest(Entry& entry, const ChatMessage& message);
    static bool updateQuote(ChatMessage& reply, const ChatMessage& target);
    static void mergeReadState(Entry& entry, const Conversation& previous);
    static void mergePositions(const Conversation& details, QHash<QString, qint64>& positions,
                               const QHash<QString, qint64>& previous);

    QHash<QString, Entry> entries_;
    QHash<QString, UserInfo> users_;
    QHash<QString, QString> drafts_;
};

}  // namespace natter
