// The use cases that change a group (docs/protocol.md section 5.2): the owner adds, removes and
// renames; any member leaves. Plain functions over the Store, run inside one storage job; each
// change is stored with its system messages, and the caller announces it after the commit.
#pragma once

#include "ports/clock.h"
#include "ports/identity.h"
#include "ports/job_queue.h"
#include "ports/store.h"

namespace natter {
namespace safety {
class SpamGuard;
}

enum class GroupRole { Member, Owner };

// What a committed change must announce.
struct GroupChange {
    ConversationView view;                // after the change, every member's read state
    QList<MessageRecord> systemMessages;  // in seq order; none: nothing to announce
    QList<qint64> departedUserIds;        // get conversation.removed
};

OrError<GroupChange> addGroupMembers(Store& store, const Clock& clock, const Identity& actor,
                                     const QString& conversationId, const QStringList& memberIds);
OrError<GroupChange> removeGroupMember(Store& store, const Clock& clock, const Identity& actor,
                                       const QString& conversationId, const QString& memberId);
// spamGuard: only its word list is used, which is safe from any thread.
OrError<GroupChange> renameGroup(Store& store, const Clock& clock, const Identity& actor,
                                 const QString& conversationId, const safety::SpamGuard& spamGuard,
                                 const QString& name);
OrError<GroupChange> leaveGroup(Store& store, const Clock& clock, const Identity& actor,
                                const QString& conversationId);

}  // namespace natter
