#include "message_service.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>

#include "chat_job.h"
#include "protocol_limits.h"
#include "safety/block_rules.h"
#include "safety/spam_guard.h"
#include "system_messages.h"
#include "util/random_id.h"

namespace natter {

using namespace chat_job;

namespace {

NewMessage userMessage(qint64 senderId, const QString& clientMessageId,
                       const MessageContent& content, qint64 now) {
    return NewMessage{newPublicId('m'),
                      senderId,
                      clientMessageId,
                      content.type,
                      content.body,
                      content.meta ? compactJson(*content.meta) : QString(),
                      now};
}

// Where a message goes: an existing conversation, or the recipient of a private one to create.
struct Destination {
    std::optional<ConversationRecord> conversation;  // none: create the private conversation
    std::optional<qint64> partnerId;                 // private: the other member
};

QString pairKeyOf(qint64 userA, qint64 userB) {
    return QStringLiteral("%1:%2").arg(qMin(userA, userB)).arg(qMax(userA, userB));
}

// The private conversation between sender and recipient, if there is one yet.
OrError<Destination> privateDestination(Store& store, const Identity& sender,
                                        const SendRequest& request) {
    const bool byId = request.toUserId.has_value();
    const auto recipient = byId ? store.userByPublicId(*request.toUserId)
                                : store.userByUsername(checkUsername(*request.toUsername).value);
    if (!recipient) {
        return ProtocolError::of(
            ErrorCode::NotFound, QStringLiteral("No such user."),
            byId ? QStringLiteral("to_user_id") : QStringLiteral("to_username"));
    }
    if (recipient->id == sender.userId) {
        return ProtocolError::of(ErrorCode::CannotMessageSelf);
    }
    return Destination{store.privateConversation(pairKeyOf(sender.userId, recipient->id)),
                       recipient->id};
}

OrError<Destination> destinationOf(Store& store, const Identity& sender,
                                   const SendRequest& request) {
    if (!request.conversationId) {
        return privateDestination(store, sender, request);
    }
    const auto conversation = store.conversationOfMember(*request.conversationId, sender.userId);
    if (!conversation) {
        return ProtocolError::of(ErrorCode::NotMember);
    }
    return Destination{conversation, safety::privatePartner(store, *conversation, sender.userId)};
}

// The spam rules of docs/protocol.md section 5.6, in order, for a message about to be stored.
std::optional<ProtocolError> sendRefusal(Store& store, safety::SpamGuard& guard,
                                         const Identity& sender, const Destination& destination,
                                         const MessageContent& content) {
    if (destination.partnerId && store.blockedEitherWay(sender.userId, *destination.partnerId)) {
        return ProtocolError::of(ErrorCode::Blocked);
    }
    // A new private conversation is a request for its recipient; an existing one stays a request
    // until that recipient answers (their own message is the answer).
    const qint64 requestFor = destination.conversation ? destination.conversation->requestForUserId
                                                       : destination.partnerId.value_or(0);
    const bool inRequest = requestFor != 0 && requestFor != sender.userId;
    return guard.admitMessage(sender.userId, content.body, inRequest, nowMs());
}

// Creates the private conversation: a chat request for the recipient.
qint64 createPrivateConversation(Store& store, qint64 senderId, qint64 recipientId) {
    const qint64 now = nowMs();
    const ConversationRecord created =
        store.insertConversation(NewConversation{newPublicId('c'),
                                                 QStringLiteral("private"),
                                                 {},
                                                 0,
                                                 pairKeyOf(senderId, recipientId),
                                                 now,
                                                 recipientId});
    store.addMember(created.id, senderId, now);
    store.addMember(created.id, recipientId, now);
    return created.id;
}

// The other members of a new group, or why there can't be one.
OrError<QList<UserRecord>> groupMembers(Store& store, const Identity& creator,
                                        const QStringList& memberIds) {
    QStringList wanted;
    for (const QString& id : memberIds) {
        if (id != creator.userPublicId && !wanted.contains(id)) {
            wanted.append(id);
        }
    }
    if (wanted.isEmpty()) {
        return ProtocolError::invalidParam(
            QStringLiteral("member_ids"),
            QStringLiteral("A group needs at least one other member."));
    }
    if (wanted.size() + 1 > limits::kMaxGroupMembers) {
        return ProtocolError::of(ErrorCode::GroupFull);
    }
    const QList<UserRecord> users = store.usersByPublicIds(wanted);
    if (users.size() != wanted.size()) {
        return ProtocolError::of(ErrorCode::NotFound, QStringLiteral("A member id names no user."), QStringLiteral("member_ids"));
    }
    return users;
}

// The spam rules of docs/protocol.md section 5.6, in order, for a new group and its first message.
std::optional<ProtocolError> groupRefusal(Store& store, safety::SpamGuard& guard,
                                          const Identity& creator, const QList<UserRecord>& others,
                                          const CreateGroupRequest& request) {
    if (auto blocked = safety::checkMembersBlocked(store, creator.userId, others)) {
        return blocked;
    }
    if (auto banned = guard.checkWords(request.name, QStringLiteral("name"))) {
        return banned;
    }
    return guard.admitMessage(creator.userId, request.content.body, false, nowMs());
}

QJsonObject messageResult(const MessageRecord& message, bool duplicate) {
    return {{QStringLiteral("message"), messageJson(message)},
            {QStringLiteral("duplicate"), duplicate}};
}

}  // namespace

MessageService::MessageService(StorageExecutor& storage, const ConnectionRegistry& registry,
                               safety::SpamGuard& spamGuard, OfflineNotifier* offline,
                               QObject* parent)
    : QObject(parent), storage_(storage), spamGuard_(spamGuard), events_(registry, offline) {}

void MessageService::send(const Identity& sender, const SendRequest& request,
                          const Responder& responder) {
    storage_.submit(
        this,
        [this, sender, request, responder](Store& store) -> Continuation {
            if (const auto original =
                    store.messageByClientId(sender.userId, request.clientMessageId)) {
                return [responder, m = *original] { responder.ok(messageResult(m, true)); };
            }
            const auto found = destinationOf(store, sender, request);
            if (const auto* error = std::get_if<ProtocolError>(&found)) {
                return fail(responder, *error);
            }
            const Destination& destination = std::get<Destination>(found);
            if (const auto refusal =
                    sendRefusal(store, spamGuard_, sender, destination, request.content)) {
                return fail(responder, *refusal);
            }
            const qint64 conversationId =
                destination.conversation
                    ? destination.conversation->id
                    : createPrivateConversation(store, sender.userId, *destination.partnerId);
            // The recipient's first message answers the chat request.
            const bool answersRequest = destination.conversation &&
                                        destination.conversation->requestForUserId == sender.userId;
            if (answersRequest) {
                store.clearRequest(conversationId);
            }
            const MessageRecord message = store.appendMessage(
                conversationId,
                userMessage(sender.userId, request.clientMessageId, request.content, nowMs()));
            const ConversationView view = loadDeliveryView(store, conversationId);
            const auto answered =
                answersRequest
                    ? std::optional(loadConversationView(store, conversationId, sender.userId))
                    : std::nullopt;
            return [this, view, answered, sender, message, responder] {
                if (answered) {
                    events_.conversationUpdated(*answered, sender.userId);
                }
                events_.messageNew(view, message, responder.connection());
                responder.ok(messageResult(message, false));
            };
        },
        internalError(responder));
}

void MessageService::createGroup(const Identity& creator, const CreateGroupRequest& request,
                                 const Responder& responder) {
    storage_.submit(
        this,
        [this, creator, request, responder](Store& store) -> Continuation {
            if (const auto original =
                    store.messageByClientId(creator.userId, request.clientMessageId)) {
                const ConversationView view =
                    loadConversationView(store, original->conversationId, creator.userId);
                QJsonObject result = messageResult(*original, true);
                result.insert(QStringLiteral("conversation"),
                              conversationJson(view, creator.userId));
                return [responder, result] { responder.ok(result); };
            }
            const auto others = groupMembers(store, creator, request.memberIds);
            if (const auto* error = std::get_if<ProtocolError>(&others)) {
                return fail(responder, *error);
            }
            if (const auto refusal = groupRefusal(store, spamGuard_, creator,
                                                  std::get<QList<UserRecord>>(others), request)) {
                return fail(responder, *refusal);
            }
            const qint64 now = nowMs();
            const ConversationRecord group = store.insertConversation(NewConversation{
                newPublicId('c'), QStringLiteral("group"), request.name, creator.userId, {}, now});
            store.addMember(group.id, creator.userId, now);
            QStringList memberIds;
            for (const UserRecord& user : std::get<QList<UserRecord>>(others)) {
                store.addMember(group.id, user.id, now);
                memberIds.append(user.publicId);
            }
            const MessageRecord created = store.appendMessage(
                group.id, systemMessage(SystemAction::GroupCreated, creator.userPublicId, memberIds,
                                        request.name, now));
            const MessageRecord first = store.appendMessage(
                group.id,
                userMessage(creator.userId, request.clientMessageId, request.content, now));
            const ConversationView view = loadConversationView(store, group.id);
            return [this, view, created, first, creator, responder] {
                events_.conversationUpdated(view);
                events_.messageNew(view, created);
                events_.messageNew(view, first, responder.connection());
                QJsonObject result = messageResult(first, false);
                result.insert(QStringLiteral("conversation"),
                              conversationJson(view, creator.userId));
                responder.ok(result);
            };
        },
        internalError(responder));
}

void MessageService::history(const Identity& reader, const HistoryRequest& request,
                             const Responder& responder) {
    storage_.submit(
        this,
        [reader, request, responder](Store& store) -> Continuation {
            const auto conversation =
                store.conversationOfMember(request.conversationId, reader.userId);
            if (!conversation) {
                return fail(responder, ErrorCode::NotMember);
            }
            const qint64 before = request.beforeSeq.value_or(conversation->lastSeq + 1);
            if (before > conversation->lastSeq + 1 ||
                request.afterSeq.value_or(0) > conversation->lastSeq) {
                return fail(responder,
                            ProtocolError::of(ErrorCode::CursorOutOfRange, {},
                                              request.afterSeq ? QStringLiteral("after_seq")
                                                               : QStringLiteral("before_seq")));
            }
            QList<MessageRecord> page =
                request.afterSeq
                    ? store.messagesAfter(conversation->id, *request.afterSeq, request.limit + 1)
                    : store.messagesBefore(conversation->id, before, request.limit + 1);
            const bool hasMore = page.size() > request.limit;
            if (hasMore) {
                request.afterSeq ? page.removeLast() : page.removeFirst();
            }
            QJsonArray messages;
            for (const MessageRecord& message : page) {
                messages.append(messageJson(message));
            }
            return [responder, messages, hasMore] {
                responder.ok({{QStringLiteral("messages"), messages},
                              {QStringLiteral("has_more"), hasMore}});
            };
        },
        internalError(responder));
}

}  // namespace natter
