#include "block_rules.h"

namespace natter::safety {

std::optional<qint64> privatePartner(Store& store, const ConversationRecord& conversation,
                                     qint64 userId) {
    if (conversation.isGroup()) {
        return std::nullopt;
    }
    for (const MemberRecord& member : store.members(conversation.id)) {
        if (member.userId != userId) {
            return member.userId;
        }
    }
    return std::nullopt;
}

bool privateChatBlocked(Store& store, const ConversationRecord& conversation, qint64 userId) {
    const auto partner = privatePartner(store, conversation, userId);
    return partner && store.blockedEitherWay(userId, *partner);
}

std::optional<ProtocolError> checkMembersBlocked(Store& store, qint64 actorId,
                                                 const QList<UserRecord>& others) {
    for (const UserRecord& other : others) {
        if (store.blockedEitherWay(actorId, other.id)) {
            return ProtocolError::of(ErrorCode::Blocked, {}, QStringLiteral("member_ids"));
        }
    }
    return std::nullopt;
}

}  // namespace natter::safety
