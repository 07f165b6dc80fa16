#include "message_service.h"

#include <QJsonArray>

#include "message_jobs.h"
#include "send_message.h"
#include "views/record_json.h"

namespace natter {
namespace {

QJsonObject messageResult(const MessageRecord& message, bool duplicate) {
    return {{QStringLiteral("message"), messageJson(message)},
            {QStringLiteral("duplicate"), duplicate}};
}

}  // namespace

MessageService::MessageService(const ServicePorts& ports, safety::SpamGuard& spamGuard,
                               DeliveryObserver* observer, QObject* parent)
    : QObject(parent), ports_(ports), spamGuard_(spamGuard), events_(ports.bus, observer) {}

void MessageService::send(const Identity& sender, const SendRequest& request,
                          const ReplyRef& reply) {
    jobs::forMessageRequest(
        ports_.storage, this, spamGuard_, sender.userId, reply,
        [this, sender, request, reply](Store& store, safety::SharedToken* token) {
            return jobs::afterCommit(
                reply, sendMessage(store, {spamGuard_, ports_.clock, token}, sender, request),
                [this, sender, reply](const SentMessage& sent) {
                    if (!sent.duplicate) {
                        if (sent.answered) {
                            events_.conversationUpdated(*sent.answered, sender.userId);
                        }
                        events_.messageNew(sent.view, sent.message, reply->origin());
                    }
                    reply->ok(messageResult(sent.message, sent.duplicate));
                });
        });
}

void MessageService::createGroup(const Identity& creator, const CreateGroupRequest& request,
                                 const ReplyRef& reply) {
    jobs::forMessageRequest(
        ports_.storage, this, spamGuard_, creator.userId, reply,
        [this, creator, request, reply](Store& store, safety::SharedToken* token) {
            return jobs::afterCommit(
                reply,
                natter::createGroup(store, {spamGuard_, ports_.clock, token}, creator, request),
                [this, creator, reply](const CreatedGroup& group) {
                    if (group.created) {
                        events_.conversationUpdated(group.view);
                        events_.messageNew(group.view, *group.created);
                        events_.messageNew(group.view, group.first, reply->origin());
                    }
                    QJsonObject result = messageResult(group.first, !group.created);
                    result.insert(QStringLiteral("conversation"),
                                  conversationJson(group.view, creator.userId));
                    reply->ok(result);
                });
        });
}

void MessageService::history(const Identity& reader, const HistoryRequest& request,
                             const ReplyRef& reply) {
    jobs::forRequest(
        ports_.storage, this, reply,
        [reader, request, reply](Store& store) -> JobQueue::Continuation {
            const auto conversation =
                store.conversationOfMember(request.conversationId, reader.userId);
            if (!conversation) {
                return jobs::fail(reply, ErrorCode::NotMember);
            }
            const qint64 before = request.beforeSeq.value_or(conversation->lastSeq + 1);
            if (before > conversation->lastSeq + 1 ||
                request.afterSeq.value_or(0) > conversation->lastSeq) {
                return jobs::fail(
                    reply, ProtocolError::of(ErrorCode::CursorOutOfRange, {},
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
            return [reply, messages, hasMore] {
                reply->ok({{QStringLiteral("messages"), messages},
                           {QStringLiteral("has_more"), hasMore}});
            };
        });
}

}  // namespace natter
