#include "group_service.h"

#include "chat_job.h"
#include "protocol_limits.h"
#include "safety/block_rules.h"
#include "safety/spam_guard.h"
#include "system_messages.h"

namespace natter {

using namespace chat_job;

using Need = GroupService::Need;

namespace {

// The group `conversationId` if the actor may act on it, else the documented refusal.
OrError<ConversationRecord> groupFor(Store& store, const Identity& actor,
                                     const QString& conversationId, Need need) {
    const auto conversation = store.conversationOfMember(conversationId, actor.userId);
    if (!conversation) {
        return ProtocolError::of(ErrorCode::NotMember);
    }
    if (!conversation->isGroup()) {
        return ProtocolError::of(ErrorCode::NotAGroup);
    }
    if (need == Need::Owner && conversation->ownerId != actor.userId) {
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
            return ProtocolError::of(ErrorCode::NotFound, QStringLiteral("A member id names no user."), QStringLiteral("member_ids"));
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

}  // namespace

GroupService::GroupService(StorageExecutor& storage, const ConnectionRegistry& registry,
                           const safety::SpamGuard& spamGuard, OfflineNotifier* offline,
                           QObject* parent)
    : QObject(parent), storage_(storage), spamGuard_(spamGuard), events_(registry, offline) {}

void GroupService::announce(const Change& change) const {
    for (qint64 userId : change.departedUserIds) {
        events_.conversationRemoved(userId, change.view.conversation.publicId);
    }
    if (change.systemMessages.isEmpty()) {
        return;
    }
    events_.conversationUpdated(change.view);
    for (const MessageRecord& message : change.systemMessages) {
        events_.messageNew(change.view, message);
    }
}

void GroupService::change(const Identity& actor, const QString& conversationId, Need need,
                          Apply apply, Answer answer, const Responder& responder) {
    storage_.submit(
        this,
        [this, actor, conversationId, need, apply, answer,
         responder](Store& store) -> Continuation {
            const auto group = groupFor(store, actor, conversationId, need);
            if (const auto* error = std::get_if<ProtocolError>(&group)) {
                return fail(responder, *error);
            }
            const ConversationRecord& conversation = std::get<ConversationRecord>(group);
            Change change;
            if (const auto refusal = apply(store, conversation, change)) {
                return fail(responder, *refusal);
            }
            change.view = loadConversationView(store, conversation.id);
            return [this, change, actor, answer, responder] {
                announce(change);
                responder.ok(answer == Answer::Conversation
                                 ? QJsonObject{{QStringLiteral("conversation"),
                                                conversationJson(change.view, actor.userId)}}
                                 : QJsonObject{});
            };
        },
        internalError(responder));
}

void GroupService::addMembers(const Identity& actor, const QString& conversationId,
                              const QStringList& memberIds, const Responder& responder) {
    auto apply = [actor, memberIds](Store& store, const ConversationRecord& group,
                                    Change& change) -> std::optional<ProtocolError> {
        const auto joining = newcomers(store, group.id, memberIds);
        if (const auto* error = std::get_if<ProtocolError>(&joining)) {
            return *error;
        }
        if (auto blocked = safety::checkMembersBlocked(store, actor.userId,
                                                       std::get<QList<UserRecord>>(joining))) {
            return blocked;
        }
        const qint64 now = nowMs();
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
    };
    change(actor, conversationId, Need::Owner, apply, Answer::Conversation, responder);
}

void GroupService::removeMember(const Identity& actor, const QString& conversationId,
                                const QString& memberId, const Responder& responder) {
    auto apply = [actor, memberId](Store& store, const ConversationRecord& group,
                                   Change& change) -> std::optional<ProtocolError> {
        if (memberId == actor.userPublicId) {
            return ProtocolError::invalidParam(
                QStringLiteral("member_id"),
                QStringLiteral("The owner leaves with conversations.leave."));
        }
        const auto target = store.userByPublicId(memberId);
        if (!target || !store.removeMember(group.id, target->id)) {
            return ProtocolError::of(ErrorCode::NotFound, QStringLiteral("Not a member."), QStringLiteral("member_id"));
        }
        change.departedUserIds.append(target->id);
        change.systemMessages.append(store.appendMessage(
            group.id, systemMessage(SystemAction::MemberRemoved, actor.userPublicId, {memberId}, {},
                                    nowMs())));
        return std::nullopt;
    };
    change(actor, conversationId, Need::Owner, apply, Answer::Conversation, responder);
}

void GroupService::rename(const Identity& actor, const QString& conversationId, const QString& name,
                          const Responder& responder) {
    auto apply = [this, actor, name](Store& store, const ConversationRecord& group,
                                     Change& change) -> std::optional<ProtocolError> {
        if (auto banned = spamGuard_.checkWords(name, QStringLiteral("name"))) {
            return banned;
        }
        store.setConversationName(group.id, name);
        change.systemMessages.append(store.appendMessage(
            group.id, systemMessage(SystemAction::Renamed, actor.userPublicId, {}, name, nowMs())));
        return std::nullopt;
    };
    change(actor, conversationId, Need::Owner, apply, Answer::Conversation, responder);
}

void GroupService::leave(const Identity& actor, const QString& conversationId,
                         const Responder& responder) {
    auto apply = [actor](Store& store, const ConversationRecord& group,
                         Change& change) -> std::optional<ProtocolError> {
        store.removeMember(group.id, actor.userId);
        change.departedUserIds.append(actor.userId);
        const QList<MemberRecord> remaining = store.members(group.id);
        if (remaining.isEmpty()) {
            return std::nullopt;  // the last one out: nobody is left to tell
        }
        const qint64 now = nowMs();
        change.systemMessages.append(store.appendMessage(
            group.id, systemMessage(SystemAction::MemberLeft, actor.userPublicId, {}, {}, now)));
        if (group.ownerId == actor.userId) {
            // Ownership passes to the member who joined earliest (members() order).
            const MemberRecord& heir = remaining.constFirst();
            store.setConversationOwner(group.id, heir.userId);
            change.systemMessages.append(store.appendMessage(
                group.id, systemMessage(SystemAction::OwnerChanged, actor.userPublicId,
                                        {heir.user.publicId}, {}, now)));
        }
        return std::nullopt;
    };
    change(actor, conversationId, Need::Member, apply, Answer::Nothing, responder);
}

}  // namespace natter
