// The blocking rules of docs/protocol.md section 5.6 as the chat services apply them. Storage
// thread only (they read the Store).
#pragma once

#include <QList>
#include <optional>

#include "codec.h"
#include "ports/store.h"

namespace natter::safety {

// The other member of a private conversation; nullopt for a group.
std::optional<qint64> privatePartner(Store& store, const ConversationRecord& conversation,
                                     qint64 userId);

// True when the conversation is private and userId and the other member have blocked each other
// (either way). Groups they share are not affected.
bool privateChatBlocked(Store& store, const ConversationRecord& conversation, qint64 userId);

// `blocked` (field member_ids) when the actor and any of `others` have blocked each other.
std::optional<ProtocolError> checkMembersBlocked(Store& store, qint64 actorId,
                                                 const QList<UserRecord>& others);

}  // namespace natter::safety
