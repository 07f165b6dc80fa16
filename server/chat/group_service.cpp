#include "group_service.h"

#include "chat_job.h"
#include "protocol_limits.h"
#include "system_messages.h"

namespace natter {

using namespace chat_job;

namespace {

enum class Need { Member, Owner };

// The group `conversationId` if the actor may act on it, else the documented refusal.
OrError<ConversationRecord> groupFor(Store& store, const Identity& actor, const QString& conversationId,
                                     Need need) {
    const auto conversation = store.conversationOfMember(conversationId, actor.userId);
    if (!conversation) {
        return ProtocolError{ErrorCode::NotMember, {}, {}, -1};
    }
    if (!conversation->isGroup()) {
        return ProtocolError{ErrorCode::NotAGroup, {}, {}, -1};
    }
    if (need == Need::Owner && conversation->ownerId != actor.userId) {
        return ProtocolError{ErrorCode::NotOwner, {}, {}, -1};
    }
    return *conversation;
}

bool isMember(const QList<MemberRecord>& members, qint64 userId) {
    return std::any_of(members.begin(), members.end(),
                       [userId](const MemberRecord& m) { return m.userId == userId; });
}

// Newcomers among memberIds, or why they can't join.
OrError<QList<UserRecord>> newcomers(Store& store, qint64 conversationId, const QStringList& memberIds) {
    const QList<MemberRecord> current = store.members(conversationId);
    QList<UserRecord> joining;
    for (const QString& id : memberIds) {
        const auto user = store.userByPublicId(id);
        if (!user) {
            return ProtocolError{ErrorCode::NotFound, QStringLiteral("A member id names no user."),
                                 QStringLiteral("member_ids"), -1};
        }
        const bool seen = std::any_of(joining.begin(), joining.end(),
                                      [&](const UserRecord& u) { return u.id == user->id; });
        if (!seen && !isMember(current, user->id)) {
            joining.append(*user);
        }
    }
    if (current.size() + joining.size() > limits::kMaxGroupMembers) {
        return ProtocolError{ErrorCode::GroupFull, {}, {}, -1};
    }
    return joining;
}

}  // namespace

GroupService::GroupService(StorageExecutor& storage, const ConnectionRegistry& registry, QObject* parent)
    : QObject(parent), storage_(storage), events_(registry) {}

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

void GroupService::addMembers(const Identity& actor, const QString& conversationId,
                              const QStringList& memberIds, const Responder& responder) {
    storage_.submit(
        this,
        [this, actor, conversationId, memberIds, responder](Store& store) -> Continuation {
            const auto group = groupFor(store, actor, conversationId, Need::Owner);
            if (const auto* error = std::get_if<ProtocolError>(&group)) {
                return fail(responder, *error);
            }
            const qint64 id = std::get<ConversationRecord>(group).id;
            const auto joining = newcomers(store, id, memberIds);
            if (const auto* error = std::get_if<ProtocolError>(&joining)) {
                return fail(responder, *error);
            }
            Change change;
            const qint64 now = nowMs();
            QStringList added;
            for (const UserRecord& user : std::get<QList<UserRecord>>(joining)) {
                store.addMember(id, user.id, now);
                added.append(user.publicId);
            }
            if (!added.isEmpty()) {
                change.systemMessages.append(store.appendMessage(
                    id, systemMessage(SystemAction::MembersAdded, actor.userPublicId, added, {}, now)));
            }
            change.view = loadConversationView(store, id);
            return [this, change, actor, responder] {
                announce(change);
                responder.ok({{QStringLiteral("conversation"), conversationJson(change.view, actor.userId)}});
            };
        },
        internalError(responder));
}

void GroupService::removeMember(const Identity& actor, const QString& conversationId,
                                const QString& memberId, const Responder& responder) {
    storage_.submit(
        this,
        [this, actor, conversationId, memberId, responder](Store& store) -> Continuation {
            const auto group = groupFor(store, actor, conversationId, Need::Owner);
            if (const auto* error = std::get_if<ProtocolError>(&group)) {
                return fail(responder, *error);
            }
            const qint64 id = std::get<ConversationRecord>(group).id;
            if (memberId == actor.userPublicId) {
                return fail(responder, ProtocolError::invalidParam(
                                           QStringLiteral("member_id"),
                                           QStringLiteral("The owner leaves with conversations.leave.")));
            }
            const auto target = store.userByPublicId(memberId);
            if (!target || !store.removeMember(id, target->id)) {
                return fail(responder, ProtocolError{ErrorCode::NotFound, QStringLiteral("Not a member."),
                                                     QStringLiteral("member_id"), -1});
            }
            Change change;
            change.departedUserIds.append(target->id);
            change.systemMessages.append(store.appendMessage(
                id, systemMessage(SystemAction::MemberRemoved, actor.userPublicId, {memberId}, {}, nowMs())));
            change.view = loadConversationView(store, id);
            return [this, change, actor, responder] {
                announce(change);
                responder.ok({{QStringLiteral("conversation"), conversationJson(change.view, actor.userId)}});
            };
        },
        internalError(responder));
}

void GroupService::rename(const Identity& actor, const QString& conversationId, const QString& name,
                          const Responder& responder) {
    storage_.submit(
        this,
        [this, actor, conversationId, name, responder](Store& store) -> Continuation {
            const auto group = groupFor(store, actor, conversationId, Need::Owner);
            if (const auto* error = std::get_if<ProtocolError>(&group)) {
                return fail(responder, *error);
            }
            const qint64 id = std::get<ConversationRecord>(group).id;
            store.setConversationName(id, name);
            Change change;
            change.systemMessages.append(store.appendMessage(
                id, systemMessage(SystemAction::Renamed, actor.userPublicId, {}, name, nowMs())));
            change.view = loadConversationView(store, id);
            return [this, change, actor, responder] {
                announce(change);
                responder.ok({{QStringLiteral("conversation"), conversationJson(change.view, actor.userId)}});
            };
        },
        internalError(responder));
}

void GroupService::leave(const Identity& actor, const QString& conversationId,
                         const Responder& responder) {
    storage_.submit(
        this,
        [this, actor, conversationId, responder](Store& store) -> Continuation {
            const auto group = groupFor(store, actor, conversationId, Need::Member);
            if (const auto* error = std::get_if<ProtocolError>(&group)) {
                return fail(responder, *error);
            }
            const ConversationRecord conversation = std::get<ConversationRecord>(group);
            store.removeMember(conversation.id, actor.userId);
            Change change;
            change.departedUserIds.append(actor.userId);
            const QList<MemberRecord> remaining = store.members(conversation.id);
            if (!remaining.isEmpty()) {
                const qint64 now = nowMs();
                change.systemMessages.append(store.appendMessage(
                    conversation.id, systemMessage(SystemAction::MemberLeft, actor.userPublicId, {}, {}, now)));
                if (conversation.ownerId == actor.userId) {
                    // Ownership passes to the member who joined earliest (members() order).
                    const MemberRecord& heir = remaining.constFirst();
                    store.setConversationOwner(conversation.id, heir.userId);
                    change.systemMessages.append(store.appendMessage(
                        conversation.id, systemMessage(SystemAction::OwnerChanged, actor.userPublicId,
                                                       {heir.user.publicId}, {}, now)));
                }
            }
            change.view = loadConversationView(store, conversation.id);
            return [this, change, responder] {
                announce(change);
                responder.ok({});
            };
        },
        internalError(responder));
}

}  // namespace natter
