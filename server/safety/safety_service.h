// Blocking and chat requests (docs/protocol.md section 5.6): users.block, users.unblock,
// users.blocked and conversations.accept. Lives on the service thread; the spam rules that refuse
// messages are applied by the chat services' storage jobs (see spam_guard.h, block_rules.h).
#pragma once

#include <QObject>

#include "ports/identity.h"
#include "chat/chat_events.h"
#include "net/responder.h"

namespace natter {

class StorageExecutor;
class ConnectionRegistry;

class SafetyService : public QObject {
    Q_OBJECT
public:
    SafetyService(StorageExecutor& storage, const ConnectionRegistry& registry,
                  QObject* parent = nullptr);

    // userPublicId: not the caller's own (the handler refuses that). Idempotent; every connection
    // of the caller gets block.changed.
    void setBlocked(const Identity& blocker, const QString& userPublicId, bool blocked,
                    const Responder& responder);
    void blockedUsers(const Identity& blocker, const Responder& responder);
    // Ends the chat request, if the conversation is one for the caller.
    void accept(const Identity& recipient, const QString& conversationId,
                const Responder& responder);

private:
    StorageExecutor& storage_;
    const ConnectionRegistry& registry_;
    ChatEvents events_;
};

}  // namespace natter
