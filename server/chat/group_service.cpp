#include "group_service.h"

#include "views/record_json.h"

namespace natter {

GroupService::GroupService(const ServicePorts& ports, const safety::SpamGuard& spamGuard,
                           DeliveryObserver* observer, QObject* parent)
    : QObject(parent), ports_(ports), spamGuard_(spamGuard), events_(ports.bus, observer) {}

void GroupService::announce(const GroupChange& change) const {
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

void GroupService::run(const Identity& actor, UseCase useCase, Answer answer,
                       const ReplyRef& reply) {
    jobs::forRequest(ports_.storage, this, reply, [=, this](Store& store) {
        return jobs::afterCommit(reply, useCase(store), [=, this](const GroupChange& change) {
            announce(change);
            reply->ok(answer == Answer::Conversation
                          ? QJsonObject{{QStringLiteral("conversation"),
                                         conversationJson(change.view, actor.userId)}}
                          : QJsonObject{});
        });
    });
}

void GroupService::addMembers(const Identity& actor, const QString& conversationId,
                              const QStringList& memberIds, const ReplyRef& reply) {
    run(
        actor,
        [&clock = ports_.clock, actor, conversationId, memberIds](Store& store) {
            return addGroupMembers(store, clock, actor, conversationId, memberIds);
        },
        Answer::Conversation, reply);
}

void GroupService::removeMember(const Identity& actor, const QString& conversationId,
                                const QString& memberId, const ReplyRef& reply) {
    run(
        actor,
        [&clock = ports_.clock, actor, conversationId, memberId](Store& store) {
            return removeGroupMember(store, clock, actor, conversationId, memberId);
        },
        Answer::Conversation, reply);
}

void GroupService::rename(const Identity& actor, const QString& conversationId, const QString& name,
                          const ReplyRef& reply) {
    run(
        actor,
        [&clock = ports_.clock, &guard = spamGuard_, actor, conversationId, name](Store& store) {
            return renameGroup(store, clock, actor, conversationId, guard, name);
        },
        Answer::Conversation, reply);
}

void GroupService::leave(const Identity& actor, const QString& conversationId,
                         const ReplyRef& reply) {
    run(
        actor,
        [&clock = ports_.clock, actor, conversationId](Store& store) {
            return leaveGroup(store, clock, actor, conversationId);
        },
        Answer::Nothing, reply);
}

}  // namespace natter
