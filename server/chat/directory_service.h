// Read-only views: one conversation, the conversation list, recent contacts and people search.
#pragma once

#include <QObject>

#include "chat_requests.h"
#include "ports/identity.h"
#include "ports/job_queue.h"
#include "ports/reply.h"

namespace natter {

class DirectoryService : public QObject {
    Q_OBJECT
public:
    explicit DirectoryService(JobQueue& storage, QObject* parent = nullptr);

    void conversation(const Identity& viewer, const QString& conversationId, const ReplyRef& reply);
    void conversations(const Identity& viewer, const ListRequest& request, const ReplyRef& reply);
    void recentContacts(const Identity& viewer, const ReplyRef& reply);
    // query: trimmed, not yet case-folded.
    void searchUsers(const Identity& viewer, const QString& query, int limit,
                     const ReplyRef& reply);

    // The opaque conversations.list cursor: encodes the last item's activity time and public id.
    static QString encodeCursor(const ConversationCursor& cursor);
    static std::optional<ConversationCursor> decodeCursor(const QString& text);

private:
    JobQueue& storage_;
};

}  // namespace natter
