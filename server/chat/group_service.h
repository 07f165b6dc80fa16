// Group membership: the owner adds, removes and renames; any member leaves. Every change is stored
// with a system message and announced to the members (conversation.updated, then message.new).
#pragma once

#include <QObject>
#include <functional>
#include <optional>

#include "ports/identity.h"
#include "chat_events.h"
#include "net/responder.h"

namespace natter {

class StorageExecutor;
class ConnectionRegistry;
namespace safety {
class SpamGuard;
}

class GroupService : public QObject {
    Q_OBJECT
public:
    // spamGuard: only its word list is used (renames), which is safe from any thread.
    GroupService(StorageExecutor& storage, const ConnectionRegistry& registry,
                 const safety::SpamGuard& spamGuard, OfflineNotifier* offline,
                 QObject* parent = nullptr);

    void addMembers(const Identity& actor, const QString& conversationId,
                    const QStringList& memberIds, const Responder& responder);
    void removeMember(const Identity& actor, const QString& conversationId, const QString& memberId,
                      const Responder& responder);
    void rename(const Identity& actor, const QString& conversationId, const QString& name,
                const Responder& responder);
    void leave(const Identity& actor, const QString& conversationId, const Responder& responder);

    // What a committed change must announce; built on the storage thread.
    struct Change {
        ConversationView view;                // after the change
        QList<MessageRecord> systemMessages;  // in seq order
        QList<qint64> departedUserIds;        // get conversation.removed
    };

    enum class Need { Member, Owner };

private:
    enum class Answer { Conversation, Nothing };
    // Applies a change on the storage thread (or refuses it), then announces it and answers.
    using Apply =
        std::function<std::optional<ProtocolError>(Store&, const ConversationRecord&, Change&)>;
    void change(const Identity& actor, const QString& conversationId, Need need, Apply apply,
                Answer answer, const Responder& responder);
    void announce(const Change& change) const;

    StorageExecutor& storage_;
    const safety::SpamGuard& spamGuard_;
    ChatEvents events_;
};

}  // namespace natter
