#include "safety_service.h"

#include <QJsonArray>

#include "ports/job_queue.h"
#include "protocol_limits.h"
#include "views/conversation_view.h"
#include "views/record_json.h"
#include "views/server_events.h"

namespace natter {

namespace {

// Stores the block (or its absence); nullopt when done or already so.
std::optional<ProtocolError> applyBlock(Store& store, qint64 blockerId, qint64 blockedId,
                                        bool blocked, qint64 now) {
    if (!blocked) {
        store.deleteBlock(blockerId, blockedId);
        return std::nullopt;
    }
    if (store.hasBlocked(blockerId, blockedId)) {
        return std::nullopt;
    }
    if (store.blockCount(blockerId) >= limits::kBlockedUsersMax) {
        return ProtocolError::of(ErrorCode::LimitReached,
                                 QStringLiteral("You have blocked %1 users, the most allowed.")
                                     .arg(limits::kBlockedUsersMax),
                                 QStringLiteral("user_id"));
    }
    store.insertBlock(blockerId, blockedId, now);
    return std::nullopt;
}

}  // namespace

SafetyService::SafetyService(const ServicePorts& ports, QObject* parent)
    : QObject(parent), ports_(ports) {}

void SafetyService::setBlocked(const Identity& blocker, const QString& userPublicId, bool blocked,
                               const ReplyRef& reply) {
    jobs::forRequest(
        ports_.storage, this, reply,
        [this, blocker, userPublicId, blocked, reply](Store& store) -> JobQueue::Continuation {
            const auto target = store.userByPublicId(userPublicId);
            if (!target) {
                return jobs::fail(
                    reply, ProtocolError::of(ErrorCode::NotFound, QStringLiteral("No such user."),
                                             QStringLiteral("user_id")));
            }
            if (const auto refusal =
                    applyBlock(store, blocker.userId, target->id, blocked, ports_.clock.nowMs())) {
                return jobs::fail(reply, *refusal);
            }
            return [this, blocker, user = refOf(*target), blocked, reply] {
                reply->ok({});
                // Every call, changed or not, so all the blocker's devices agree.
                ports_.bus.publish(Audience::user(blocker.userId),
                                   events::blockChanged(user, blocked));
            };
        });
}

void SafetyService::blockedUsers(const Identity& blocker, const ReplyRef& reply) {
    jobs::forRequest(ports_.storage, this, reply,
                     [blocker, reply](Store& store) -> JobQueue::Continuation {
                         QJsonArray users;
                         for (const UserRef& user : store.blockedUsers(blocker.userId)) {
                             users.append(userJson(user));
                         }
                         return [users, reply] { reply->ok({{QStringLiteral("users"), users}}); };
                     });
}

void SafetyService::accept(const Identity& recipient, const QString& conversationId,
                           const ReplyRef& reply) {
    jobs::forRequest(
        ports_.storage, this, reply,
        [this, recipient, conversationId, reply](Store& store) -> JobQueue::Continuation {
            const auto conversation = store.conversationOfMember(conversationId, recipient.userId);
            if (!conversation) {
                return jobs::fail(reply, ErrorCode::NotMember);
            }
            const bool wasRequest = conversation->requestForUserId == recipient.userId;
            if (wasRequest) {
                store.clearRequest(conversation->id);
            }
            const ConversationView view =
                loadConversationView(store, conversation->id, recipient.userId);
            return [this, recipient, view, wasRequest, reply] {
                reply->ok(
                    {{QStringLiteral("conversation"), conversationJson(view, recipient.userId)}});
                if (wasRequest) {
                    ports_.bus.publish(Audience::user(recipient.userId),
                                       events::conversationUpdated(view, recipient.userId));
                }
            };
        });
}

}  // namespace natter
