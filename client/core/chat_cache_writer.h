// The local cache of one account, kept by watching the chat client: what the store learns
// (conversations, messages, the outbox, drafts) is written to the account's LocalCache in batches,
// one transaction per burst of events. It only listens to ChatClient's signals; the client calls it
// at the edges of a session: to restore what a previous run knew before the server answers, to
// write what is pending after a catch-up, to page older history, and to close (and, on sign-out,
// erase) the file.
#pragma once

#include <QObject>
#include <QSet>
#include <QTimer>
#include <memory>

#include "core/chat_types.h"

namespace natter {

class ChatClient;
class ConversationStore;
class LocalCache;
class Outbox;

class ChatCacheWriter : public QObject {
    Q_OBJECT

public:
    ChatCacheWriter(ConversationStore& store, Outbox& outbox, QObject* parent = nullptr);
    ~ChatCacheWriter() override;

    // Writes what `client` announces from now on.
    void observe(const ChatClient& client);
    // One file per account in `dir`. Off when empty.
    void setDirectory(const QString& dir) { dir_ = dir; }
    // The open account's cache file; empty when there is none.
    QString file() const;
    bool isOpen() const { return db_ != nullptr; }

    // Opens `me`'s cache and puts what it holds in the store and the outbox; false when it
    // holds nothing (or caching is off).
    bool restore(const UserInfo& me);
    // Writes what is pending now.
    void write();
    // The server's history does not match what is cached: forget it all.
    void clear();
    void close(bool erase);
    // The next older page of a conversation; empty when the cache has none. It comes back
    // through olderMessagesLoaded and is not written again.
    QList<ChatMessage> olderPage(const QString& conversationId);

private:
    void schedule(int delayMs);
    void noteMessages(const QString& conversationId, const QList<ChatMessage>& messages);
    void noteOlder(const QString& conversationId, const QList<ChatMessage>& messages);
    void noteChanged(const QString& conversationId, const QList<ChatMessage>& messages);
    void noteRemoved(const QString& conversationId);

    ConversationStore& store_;
    Outbox& outbox_;
    QString dir_;
    std::unique_ptr<LocalCache> db_;  // the signed-in account's file, while signed in
    QTimer timer_;
    QSet<QString> dirty_;  // conversations whose details or cursor changed
    QList<ChatMessage> messages_;
    QList<ChatMessage> changed_;  // messages as they are now after a change (5.2a)
    QStringList removed_;
    bool outboxDirty_ = false;
    QSet<QString> draftsDirty_;  // drafts changed since the last write (by key)
    QSet<QString> pagesServed_;  // conversations whose cached page is on its way back
};

}  // namespace natter
