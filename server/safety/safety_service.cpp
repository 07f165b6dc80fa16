#include "safety_service.h"

#include <QJsonArray>

#include "chat/chat_job.h"
#include "method_names.h"
#include "net/connection_registry.h"
#include "protocol_limits.h"

namespace natter {

using namespace chat_job;

namespace {

// Stores the block (or its absence); nullopt when done or already so.
std::optional<ProtocolError> applyBlock(Store& store, qint64 blockerId, qint64 blockedId,
                                        bool blocked) {
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
    store.insertBlock(blockerId, blockedId, nowMs());
    return std::nullopt;
}

}  // namespace

SafetyService::SafetyService(StorageExecutor& storage, const ConnectionRegistry& registry,
                             QObject* parent)
    : QObject(parent), storage_(storage), registry_(registry), events_(registry) {}

void SafetyService::setBlocked(const Identity& blocker, const QString& userPublicId, bool blocked,
                               const Responder& responder) {
    storage_.submit(
        this,
        [this, blocker, userPublicId, blocked, responder](Store& store) -> Continuation {
            const auto target = store.userByPublicId(userPublicId);
            if (!target) {
                return fail(responder,
                            ProtocolError::of(ErrorCode::NotFound, QStringLiteral("No such user."), QStringLiteral("user_id")));
            }
            if (const auto refusal = applyBlock(store, blocker.userId, target->id, blocked)) {
                return fail(responder, *refusal);
            }
            const QJsonObject change{{QStringLiteral("user"), userJson(refOf(*target))},
                                     {QStringLiteral("blocked"), blocked}};
            return [this, blocker, change, responder] {
                responder.ok({});
                // Every call, changed or not, so all the blocker's devices agree.
                registry_.sendToUser(blocker.userId,
                                     encodeEvent(QString(event::kBlockChanged), change));
            };
        },
        internalError(responder));
}

void SafetyService::blockedUsers(const Identity& blocker, const Responder& responder) {
    storage_.submit(
        this,
        [blocker, responder](Store& store) -> Continuation {
            QJsonArray users;
            for (const UserRef& user : store.blockedUsers(blocker.userId)) {
                users.append(userJson(user));
            }
            return [users, responder] { responder.ok({{QStringLiteral("users"), users}}); };
        },
        internalError(responder));
}

void SafetyService::accept(const Identity& recipient, const QString& conversationId,
                           const Responder& responder) {
    storage_.submit(
        this,
        [this, recipient, conversationId, responder](Store& store) -> Continuation {
            const auto conversation = store.conversationOfMember(conversationId, recipient.userId);
            if (!conversation) {
                return fail(responder, ErrorCode::NotMember);
            }
            const bool wasRequest = conversation->requestForUserId == recipient.userId;
            if (wasRequest) {
                store.clearRequest(conversation->id);
            }
            const ConversationView view =
                loadConversationView(store, conversation->id, recipient.userId);
            return [this, recipient, view, wasRequest, responder] {
                responder.ok(
                    {{QStringLiteral("conversation"), conversationJson(view, recipient.userId)}});
                if (wasRequest) {
                    events_.conversationUpdated(view, recipient.userId);
                }
            };
        },
        internalError(responder));
}

}  // namespace natter
