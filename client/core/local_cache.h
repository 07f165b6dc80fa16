// The per-account local cache: one SQLite file per user (in the profile's data dir) holding what
// the client last knew of its conversations (details, members, read state, the sync cursor), a
// contiguous run of each one's messages, and the outbox (messages not acknowledged yet). It lets
// the app show its conversations at once on start, offline too, and send unsent messages after a
// restart with their original client_message_id. It is only a cache: a file of another schema
// version is dropped and rebuilt, and the server stays the truth.
//
// All SQL of the client lives here (and in local_cache_rows.cpp). Writes come in batches, one
// transaction each (WAL, synchronous=NORMAL: no fsync per message).
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <vector>

#include "core/chat_types.h"

namespace natter {

class LocalCache {
public:
    // Bump when the tables change: an older file is then dropped and rebuilt, unless
    // prepareSchema() knows how to migrate it (1 -> 2 adds the drafts table, 2 -> 3 the
    // messages' state column of docs/protocol.md 5.2a).
    static constexpr int kSchemaVersion = 3;

    // What a conversation looked like when it was written: its details, the cursor (the highest
    // seq of the message run, or last_seq from a listing), how far unread_count accounts for,
    // and the newest messages of the cached run (contiguous, ending at the cursor).
    struct Conversation {
        natter::Conversation details;
        qint64 cursor = 0;
        qint64 unreadCountedThrough = 0;
        QList<ChatMessage> recent;
    };

    // An unsent message; `recipient` is set for the first message of a private chat.
    struct Outgoing {
        ChatMessage message;
        UserInfo recipient;
    };

    struct Snapshot {
        QList<Conversation> conversations;
        std::vector<Outgoing> outbox;    // oldest first
        QHash<QString, QString> drafts;  // unsent composer text by conversation or user id
    };

    // One transaction's worth of changes.
    struct Batch {
        QList<Conversation> conversations;  // details, cursor and counter (`recent` unused)
        QList<ChatMessage> messages;        // stored messages to keep (duplicates ignored)
        // Messages as they are now after an edit, deletion or reaction (5.2a): cached rows
        // take their body, meta and state; a deleted one's text is erased from the file.
        QList<ChatMessage> changed;
        QStringList removed;  // conversations to forget with their messages
        bool replaceOutbox = false;
        std::vector<Outgoing> outbox;    // the whole outbox, when replaceOutbox
        QHash<QString, QString> drafts;  // drafts that changed; an empty text deletes one

        bool isEmpty() const {
            return conversations.isEmpty() && messages.isEmpty() && changed.isEmpty() &&
                   removed.isEmpty() && !replaceOutbox && drafts.isEmpty();
        }
    };

    // The cache file of `userId` in `dir`.
    static QString fileFor(const QString& dir, const QString& userId);
    // Deletes a cache file (and its WAL and shared-memory files). True when none is left.
    static bool removeFile(const QString& filePath);

    // Opens (creating or rebuilding as needed) the file; see isOpen().
    explicit LocalCache(const QString& filePath);
    ~LocalCache();
    LocalCache(const LocalCache&) = delete;
    LocalCache& operator=(const LocalCache&) = delete;

    bool isOpen() const { return open_; }
    QString filePath() const { return filePath_; }

    // Everything needed to show the conversations: at most `recentPerConversation` messages each.
    Snapshot load(int recentPerConversation);
    // Up to `limit` cached messages of a conversation just before `beforeSeq`, in seq order.
    QList<ChatMessage> messagesBefore(const QString& conversationId, qint64 beforeSeq, int limit);
    bool write(const Batch& batch);
    // Forgets everything the server knows (its history no longer matches the cache); the
    // drafts, which only this device has, stay.
    bool clear();

private:
    bool prepareSchema();
    bool createTables();
    bool createDraftsTable();
    bool addStateColumn();
    bool setSchemaVersion();
    bool dropTables();
    const QHash<QString, UserInfo>& loadUsers();
    void loadMembers(QHash<QString, int>& rowOf, QList<Conversation>& conversations,
                     const QHash<QString, UserInfo>& users);
    void loadRecent(QHash<QString, int>& rowOf, QList<Conversation>& conversations,
                    const QHash<QString, UserInfo>& users, int perConversation);
    std::vector<Outgoing> loadOutbox(const QHash<QString, UserInfo>& users);
    QHash<QString, QString> loadDrafts();
    bool writeConversation(const Conversation& conversation);
    bool writeMessages(const QList<ChatMessage>& messages);
    bool writeChanges(const QList<ChatMessage>& changed);
    bool writeQuotes(const ChatMessage& target);
    // Moves what the write-ahead log holds into the file and empties the log, so that erased
    // text lingers in neither (secure_delete zeroes the freed space in the file).
    void checkpoint();
    bool writeUsers(const QList<UserInfo>& users);
    bool writeOutbox(const std::vector<Outgoing>& outbox);
    bool writeDrafts(const QHash<QString, QString>& drafts);
    bool removeConversation(const QString& conversationId);

    QString filePath_;
    QString connectionName_;
    bool open_ = false;
    QHash<QString, UserInfo> users_;  // everyone the file names, read once
    bool usersLoaded_ = false;
};

}  // namespace natter
