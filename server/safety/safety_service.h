// Blocking and chat requests (docs/protocol.md section 5.6): users.block, users.unblock,
// users.blocked and conversations.accept. Lives on the service thread; the spam rules that refuse
// messages are applied by the chat services' storage jobs (see spam_guard.h, block_rules.h).
#pragma once

#include <QObject>

#include "ports/identity.h"
#include "ports/reply.h"
#include "ports/service_ports.h"

namespace natter {

class SafetyService : public QObject {
    Q_OBJECT
public:
    explicit SafetyService(const ServicePorts& ports, QObject* parent = nullptr);

    // userPublicId: not the caller's own (the handler refuses that). Idempotent; every connection
    // of the caller gets block.changed.
    void setBlocked(const Identity& blocker, const QString& userPublicId, bool blocked,
                    const ReplyRef& reply);
    void blockedUsers(const Identity& blocker, const ReplyRef& reply);
    // Ends the chat request, if the conversation is one for the caller.
    void accept(const Identity& recipient, const QString& conversationId, const ReplyRef& reply);

private:
    ServicePorts ports_;
};

}  // namespace natter
