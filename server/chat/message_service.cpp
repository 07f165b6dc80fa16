#include "message_service.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>

#include "chat_job.h"
#include "protocol_limits.h"
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

// The private conversation between sender and recipient, created on first use.
OrError<qint64> privateConversationWith(Store& store, const Identity& sender,
                                        const SendRequest& request) {
    const bool byId = request.toUserId.has_value();
    const auto recipient = byId ? store.userByPublicId(*request.toUserId)
                                : store.userByUsername(checkUsername(*request.toUsername).value);
    if (!recipient) {
        return ProtocolError{ErrorCode::NotFound, QStringLiteral("No such user."),
                             byId ? QStringLiteral("to_user_id") : QStringLiteral("to_username"),
                             -1};
    }
    if (recipient->id == sender.userId) {
        return ProtocolError{ErrorCode::CannotMessageSelf, {}, {}, -1};
    }
    const QString pairKey = QStringLiteral("%1:%2")
                                .arg(qMin(sender.userId, recipient->id))
                                .arg(qMax(sender.userId, recipient->id));
    if (const auto existing = store.privateConversation(pairKey)) {
        return existing->id;
    }
    const qint64 now = nowMs();
    const ConversationRecord created = store.insertConversation(
        NewConversation{newPublicId('c'), QStringLiteral("private"), {}, 0, pairKey, now});
    store.addMember(created.id, sender.userId, now);
    store.addMember(created.id, recipient->id, now);
    return created.id;
}

OrError<qint64> destinationOf(Store& store, const Identity& sender, const SendRequest& request) {
    if (!request.conversationId) {
        return privateConversationWith(store, sender, request);
    }
    const auto conversation = store.conversationOfMember(*request.conversationId, sender.userId);
    if (!conversation) {
        return ProtocolError{ErrorCode::NotMember, {}, {}, -1};
    }
    return conversation->id;
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
        return ProtocolError{ErrorCode::GroupFull, {}, {}, -1};
    }
    const QList<UserRecord> users = store.usersByPublicIds(wanted);
    if (users.size() != wanted.size()) {
        return ProtocolError{ErrorCode::NotFound, QStringLiteral("A member id names no user."),
                             QStringLiteral("member_ids"), -1};
    }
    return users;
}

QJsonObject messageResult(const MessageRecord& message, bool duplicate) {
    return {{QStringLiteral("message"), messageJson(message)},
            {QStringLiteral("duplicate"), duplicate}};
}

}  // namespace

MessageService::MessageService(StorageExecutor& storage, const ConnectionRegistry& registry,
                               QObject* parent)
    : QObject(parent), storage_(storage), events_(registry) {}

void MessageService::send(const Identity& sender, const SendRequest& request,
                          const Responder& responder) {
    storage_.submit(
        this,
        [this, sender, request, responder](Store& store) -> Continuation {
            if (const auto original =
                    store.messageByClientId(sender.userId, request.clientMessageId)) {
                return [responder, m = *original] { responder.ok(messageResult(m, true)); };
            }
            const auto destination = destinationOf(store, sender, request);
            if (const auto* error = std::get_if<ProtocolError>(&destination)) {
                return fail(responder, *error);
            }
            const qint64 conversationId = std::get<qint64>(destination);
            const MessageRecord message = store.appendMessage(
                conversationId,
                userMessage(sender.userId, request.clientMessageId, request.content, nowMs()));
            const ConversationView view = loadDeliveryView(store, conversationId);
            return [this, view, message, responder] {
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
                            ProtocolError{ErrorCode::CursorOutOfRange,
                                          {},
                                          request.afterSeq ? QStringLiteral("after_seq")
                                                           : QStringLiteral("before_seq"),
                                          -1});
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
