// Group membership requests: runs the use cases of group_changes.h in storage jobs, then announces
// each committed change to the members (conversation.removed, conversation.updated, message.new)
// and answers.
#pragma once

#include <QObject>

#include "chat_events.h"
#include "group_changes.h"
#include "ports/reply.h"
#include "ports/service_ports.h"

namespace natter {

class GroupService : public QObject {
    Q_OBJECT
public:
    // spamGuard: only its word list is used (renames), which is safe from any thread.
    GroupService(const ServicePorts& ports, const safety::SpamGuard& spamGuard,
                 DeliveryObserver* observer, QObject* parent = nullptr);

    void addMembers(const Identity& actor, const QString& conversationId,
                    const QStringList& memberIds, const ReplyRef& reply);
    void removeMember(const Identity& actor, const QString& conversationId, const QString& memberId,
                      const ReplyRef& reply);
    void rename(const Identity& actor, const QString& conversationId, const QString& name,
                const ReplyRef& reply);
    void leave(const Identity& actor, const QString& conversationId, const ReplyRef& reply);

private:
    enum class Answer { Conversation, Nothing };
    using UseCase = std::function<OrError<GroupChange>(Store&)>;
    // Runs the use case on the storage thread; after the commit announces and answers.
    void run(const Identity& actor, UseCase useCase, Answer answer, const ReplyRef& reply);
    void announce(const GroupChange& change) const;

    ServicePorts ports_;
    const safety::SpamGuard& spamGuard_;
    ChatEvents events_;
};

}  // namespace natter
