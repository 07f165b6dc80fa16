// Handlers of messages.edit, messages.delete and messages.react (docs/protocol.md 5.2a).
#include <QJsonObject>

#include "chat/message_change_service.h"
#include "chat_handlers.h"
#include "handler_support.h"
#include "message_rules.h"

namespace natter::handlers {
namespace {

// conversation_id and seq: the message every change names.
ChangeRequest readTarget(FieldReader& fields, ChangeRequest::Kind kind) {
    ChangeRequest request;
    request.kind = kind;
    request.conversationId = fields.readAny(QStringLiteral("conversation_id"));
    const auto seq = fields.raw().optionalInteger(QStringLiteral("seq"), 1, qint64(1) << 53);
    if (!seq) {
        fields.fail(ProtocolError::invalidParam(
            QStringLiteral("seq"), QStringLiteral("seq (an integer >= 1) is required.")));
    }
    request.seq = seq.value_or(0);
    return request;
}

bool postChange(const Services& services, const RequestContext& context,
                const ChangeRequest& request) {
    return post(services.messageChanges,
                [who = *context.identity, request, r = context.reply](MessageChangeService& s) {
                    s.change(who, request, r);
                });
}

}  // namespace

bool editMessage(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    ChangeRequest request = readTarget(fields, ChangeRequest::Kind::Edit);
    request.body = fields.readAny(QStringLiteral("body"));
    if (const auto problem = checkTextBody(request.body)) {
        fields.fail(*problem);
    }
    return !fields.failed() && postChange(services, context, request);
}

bool deleteMessage(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const ChangeRequest request = readTarget(fields, ChangeRequest::Kind::Delete);
    return !fields.failed() && postChange(services, context, request);
}

bool reactToMessage(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    ChangeRequest request = readTarget(fields, ChangeRequest::Kind::React);
    request.emoji = fields.readAny(QStringLiteral("emoji"));
    if (!reactionEmoji().contains(request.emoji)) {
        fields.fail(ProtocolError::invalidParam(
            QStringLiteral("emoji"),
            QStringLiteral("emoji must be one of %1.").arg(reactionEmoji().join(u' '))));
    }
    request.added = fields.readFlag(QStringLiteral("added"));
    return !fields.failed() && postChange(services, context, request);
}

}  // namespace natter::handlers
