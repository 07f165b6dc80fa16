// Read-only views: one conversation, the conversation list, recent contacts and people search.
#pragma once

#include <QObject>

#include "ports/identity.h"
#include "chat_requests.h"
#include "net/responder.h"

namespace natter {

class StorageExecutor;

class DirectoryService : public QObject {
    Q_OBJECT
public:
    explicit DirectoryService(StorageExecutor& storage, QObject* parent = nullptr);

    void conversation(const Identity& viewer, const QString& conversationId,
                      const Responder& responder);
    void conversations(const Identity& viewer, const ListRequest& request,
                       const Responder& responder);
    void recentContacts(const Identity& viewer, const Responder& responder);
    // query: trimmed, not yet case-folded.
    void searchUsers(const Identity& viewer, const QString& query, int limit,
                     const Responder& responder);

    // The opaque conversations.list cursor: encodes the last item's activity time and public id.
    static QString encodeCursor(const ConversationCursor& cursor);
    static std::optional<ConversationCursor> decodeCursor(const QString& text);

private:
    StorageExecutor& storage_;
};

}  // namespace natter
