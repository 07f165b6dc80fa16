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
