#include "group_changes.h"

#include "protocol_limits.h"
#include "safety/block_rules.h"
#include "safety/spam_guard.h"
#include "system_messages.h"
#include "views/conversation_view.h"

namespace natter {

namespace {

// The group `conversationId` if the actor may act on it, else the documented refusal.
OrError<ConversationRecord> groupFor(Store& store, const Identity& actor,
                                     const QString& conversationId, GroupRole need) {
    const auto conversation = store.conversationOfMember(conversationId, actor.userId);
    if (!conversation) {
        return ProtocolError::of(ErrorCode::NotMember);
    }
    if (!conversation->isGroup()) {
        return ProtocolError::of(ErrorCode::NotAGroup);
    }
    if (need == GroupRole::Owner && conversation->ownerId != actor.userId) {
        return ProtocolError::of(ErrorCode::NotOwner);
    }
    return *conversation;
}

bool isMember(const QList<MemberRecord>& members, qint64 userId) {
    return std::any_of(members.begin(), members.end(),
                       [userId](const MemberRecord& m) { return m.userId == userId; });
}

// Newcomers among memberIds, or why they can't join.
OrError<QList<UserRecord>> newcomers(Store& store, qint64 conversationId,
                                     const QStringList& memberIds) {
    const QList<MemberRecord> current = store.members(conversationId);
    QList<UserRecord> joining;
    for (const QString& id : memberIds) {
        const auto user = store.userByPublicId(id);
        if (!user) {
            return ProtocolError::of(ErrorCode::NotFound,
                                     QStringLiteral("A member id names no user."),
                                     QStringLiteral("member_ids"));
        }
        const bool seen = std::any_of(joining.begin(), joining.end(),
                                      [&](const UserRecord& u) { return u.id == user->id; });
        if (!seen && !isMember(current, user->id)) {
            joining.append(*user);
        }
    }
    if (current.size() + joining.size() > limits::kMaxGroupMembers) {
        return ProtocolError::of(ErrorCode::GroupFull);
    }
    return joining;
}

using Edit = std::function<std::optional<ProtocolError>(const ConversationRecord&, GroupChange&)>;

// Applies `edit` to the group if the actor may, then reads the view every member gets.
OrError<GroupChange> changeGroup(Store& store, const Identity& actor, const QString& conversationId,
                                 GroupRole need, const Edit& edit) {
    // Before any read: another node's change to this group (a member added, the owner gone)
    // either committed already and is seen, or waits for this one.
    store.lockConversation(conversationId);
    const auto group = groupFor(store, actor, conversationId, need);
    if (const auto* error = std::get_if<ProtocolError>(&group)) {
        return *error;
    }
    const ConversationRecord& conversation = std::get<ConversationRecord>(group);
    GroupChange change;
    if (const auto refusal = edit(conversation, change)) {
        return *refusal;
    }
    change.view = loadConversationView(store, conversation.id);
    return change;
}

}  // namespace

OrError<GroupChange> addGroupMembers(Store& store, const Clock& clock, const Identity& actor,
                                     const QString& conversationId, const QStringList& memberIds) {
    return changeGroup(
        store, actor, conversationId, GroupRole::Owner,
        [&](const ConversationRecord& group, GroupChange& change) -> std::optional<ProtocolError> {
            const auto joining = newcomers(store, group.id, memberIds);
            if (const auto* error = std::get_if<ProtocolError>(&joining)) {
                return *error;
            }
            if (auto blocked = safety::checkMembersBlocked(store, actor.userId,
                                                           std::get<QList<UserRecord>>(joining))) {
                return blocked;
            }
            const qint64 now = clock.nowMs();
            QStringList added;
            for (const UserRecord& user : std::get<QList<UserRecord>>(joining)) {
                store.addMember(group.id, user.id, now);
                added.append(user.publicId);
            }
            if (!added.isEmpty()) {
                change.systemMessages.append(store.appendMessage(
                    group.id,
                    systemMessage(SystemAction::MembersAdded, actor.userPublicId, added, {}, now)));
            }
            return std::nullopt;
        });
}

OrError<GroupChange> removeGroupMember(Store& store, const Clock& clock, const Identity& actor,
                                       const QString& conversationId, const QString& memberId) {
    return changeGroup(
        store, actor, conversationId, GroupRole::Owner,
        [&](const ConversationRecord& group, GroupChange& change) -> std::optional<ProtocolError> {
            if (memberId == actor.userPublicId) {
                return ProtocolError::invalidParam(
                    QStringLiteral("member_id"),
                    QStringLiteral("The owner leaves with conversations.leave."));
            }
            const auto target = store.userByPublicId(memberId);
            if (!target || !store.removeMember(group.id, target->id)) {
                return ProtocolError::of(ErrorCode::NotFound, QStringLiteral("Not a member."),
                                         QStringLiteral("member_id"));
            }
            change.departedUserIds.append(target->id);
            change.systemMessages.append(store.appendMessage(
                group.id, systemMessage(SystemAction::MemberRemoved, actor.userPublicId, {memberId},
                                        {}, clock.nowMs())));
            return std::nullopt;
        });
}

OrError<GroupChange> renameGroup(Store& store, const Clock& clock, const Identity& actor,
                                 const QString& conversationId, const safety::SpamGuard& spamGuard,
                                 const QString& name) {
    return changeGroup(
        store, actor, conversationId, GroupRole::Owner,
        [&](const ConversationRecord& group, GroupChange& change) -> std::optional<ProtocolError> {
            if (auto banned = spamGuard.checkWords(name, QStringLiteral("name"))) {
                return banned;
            }
            store.setConversationName(group.id, name);
            change.systemMessages.append(store.appendMessage(
                group.id,
                systemMessage(SystemAction::Renamed, actor.userPublicId, {}, name, clock.nowMs())));
            return std::nullopt;
        });
}

OrError<GroupChange> leaveGroup(Store& store, const Clock& clock, const Identity& actor,
                                const QString& conversationId) {
    return changeGroup(
        store, actor, conversationId, GroupRole::Member,
        [&](const ConversationRecord& group, GroupChange& change) -> std::optional<ProtocolError> {
            store.removeMember(group.id, actor.userId);
            change.departedUserIds.append(actor.userId);
            const QList<MemberRecord> remaining = store.members(group.id);
            if (remaining.isEmpty()) {
                return std::nullopt;  // the last one out: nobody is left to tell
            }
            const qint64 now = clock.nowMs();
            change.systemMessages.append(store.appendMessage(
                group.id,
                systemMessage(SystemAction::MemberLeft, actor.userPublicId, {}, {}, now)));
            if (group.ownerId == actor.userId) {
                // Ownership passes to the member who joined earliest (members() order).
                const MemberRecord& heir = remaining.constFirst();
                store.setConversationOwner(group.id, heir.userId);
                change.systemMessages.append(store.appendMessage(
                    group.id, systemMessage(SystemAction::OwnerChanged, actor.userPublicId,
                                            {heir.user.publicId}, {}, now)));
            }
            return std::nullopt;
        });
}

}  // namespace natter
