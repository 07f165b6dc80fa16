// MessageService::sync: catch-up after a reconnect (docs/protocol.md section 5.2, `sync`).
#include <QJsonArray>
#include <QSet>

#include "message_service.h"
#include "protocol_limits.h"
#include "views/conversation_view.h"
#include "views/record_json.h"

namespace natter {

namespace {

struct SyncItem {
    ConversationView view;
    QList<MessageRecord> messages;
    bool hasMore = false;
};

struct SyncAnswer {
    QList<SyncItem> items;
    QStringList removed;
    bool more = false;
};

// Conversations with messages after the client's cursor, most recently active first.
OrError<SyncAnswer> collectNews(Store& store, qint64 userId, const SyncRequest& request) {
    SyncAnswer answer;
    QList<ConversationRecord> withNews;
    QSet<QString> mine;
    for (const ConversationRecord& c : store.conversationsOfUser(userId, std::nullopt, INT_MAX)) {
        mine.insert(c.publicId);
        const qint64 cursor = request.cursors.value(c.publicId, 0);
        if (cursor > c.lastSeq) {
            return ProtocolError::of(
                ErrorCode::CursorOutOfRange,
                QStringLiteral("The cursor for %1 is beyond its last message.").arg(c.publicId),
                QStringLiteral("cursors"));
        }
        if (c.lastSeq > cursor) {
            withNews.append(c);
        }
    }
    for (auto it = request.cursors.constBegin(); it != request.cursors.constEnd(); ++it) {
        if (!mine.contains(it.key())) {
            answer.removed.append(it.key());
        }
    }
    answer.more = withNews.size() > limits::kSyncConversationsMax;
    withNews = withNews.mid(0, limits::kSyncConversationsMax);
    for (const ConversationRecord& c : withNews) {
        SyncItem item;
        item.messages = store.messagesAfter(c.id, request.cursors.value(c.publicId, 0),
                                            request.limitPerConversation + 1);
        item.hasMore = item.messages.size() > request.limitPerConversation;
        if (item.hasMore) {
            item.messages.removeLast();
        }
        item.view = loadConversationView(store, c.id, userId);
        answer.items.append(item);
    }
    return answer;
}

QJsonObject syncJson(const SyncAnswer& answer, qint64 viewerId) {
    QJsonArray conversations;
    for (const SyncItem& item : answer.items) {
        QJsonArray messages;
        for (const MessageRecord& message : item.messages) {
            messages.append(messageJson(message));
        }
        conversations.append(
            QJsonObject{{QStringLiteral("conversation"), conversationJson(item.view, viewerId)},
                        {QStringLiteral("messages"), messages},
                        {QStringLiteral("has_more"), item.hasMore}});
    }
    return {{QStringLiteral("conversations"), conversations},
            {QStringLiteral("removed"), QJsonArray::fromStringList(answer.removed)},
            {QStringLiteral("more"), answer.more}};
}

}  // namespace

void MessageService::sync(const Identity& reader, const SyncRequest& request,
                          const ReplyRef& reply) {
    jobs::forRequest(ports_.storage, this, reply,
                     [reader, request, reply](Store& store) -> JobQueue::Continuation {
                         auto answer = collectNews(store, reader.userId, request);
                         if (const auto* error = std::get_if<ProtocolError>(&answer)) {
                             return jobs::fail(reply, *error);
                         }
                         return [reply, answer = std::get<SyncAnswer>(std::move(answer)), reader] {
                             reply->ok(syncJson(answer, reader.userId));
                         };
                     });
}

}  // namespace natter
