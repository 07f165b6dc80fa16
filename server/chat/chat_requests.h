// Validated chat requests, as handlers hand them to the chat services.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>
#include <optional>

#include "message_rules.h"
#include "ports/records.h"

namespace natter {

struct SendRequest {
    // Exactly one of these three names the destination.
    std::optional<QString> conversationId;
    std::optional<QString> toUserId;
    std::optional<QString> toUsername;
    QString clientMessageId;
    MessageContent content;
    qint64 replyToSeq = 0;  // 0: not a reply (docs/protocol.md 5.2a)
};

// messages.edit, messages.delete and messages.react (docs/protocol.md 5.2a).
struct ChangeRequest {
    enum class Kind { Edit, Delete, React };
    Kind kind = Kind::Edit;
    QString conversationId;
    qint64 seq = 0;
    QString body;        // Edit: the new text
    QString emoji;       // React
    bool added = false;  // React: add (true) or remove (false)
};

// messages.search (docs/protocol.md 5.3a).
struct MessageSearchRequest {
    QStringList words;       // lowercased (searchWords), 1 to kMessageSearchWordsMax
    QString conversationId;  // empty: every conversation of the caller
    qint64 beforeId = 0;     // from the cursor; 0: from the newest
    int limit = 0;
};

struct CreateGroupRequest {
    QString name;
    QStringList memberIds;
    QString clientMessageId;
    MessageContent content;
};

struct HistoryRequest {
    QString conversationId;
    std::optional<qint64> beforeSeq;
    std::optional<qint64> afterSeq;
    int limit = 0;
};

struct SyncRequest {
    QHash<QString, qint64> cursors;
    int limitPerConversation = 0;
};

struct ListRequest {
    std::optional<ConversationCursor> cursor;
    int limit = 0;
};

}  // namespace natter
