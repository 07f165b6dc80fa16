// The system messages that record membership changes in a conversation's history
// (docs/protocol.md section 5.2, type "system").
#pragma once

#include <QStringList>

#include "ports/records.h"

namespace natter {

enum class SystemAction {
    GroupCreated,
    MembersAdded,
    MemberRemoved,
    MemberLeft,
    Renamed,
    OwnerChanged
};

// members: the public ids the action concerns; name: the group's (new) name where it applies.
NewMessage systemMessage(SystemAction action, const QString& actorPublicId,
                         const QStringList& members, const QString& name, qint64 now);

}  // namespace natter
