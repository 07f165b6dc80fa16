#include "read_state_handlers.h"

#include <QJsonObject>

#include "chat/read_state_service.h"
#include "handler_support.h"

namespace natter::handlers {
namespace {

const QString kConversationId = QStringLiteral("conversation_id");

// A marker request: conversation_id and seq (an integer >= 0).
struct MarkerParams {
    QString conversationId;
    qint64 seq = 0;
};

std::optional<MarkerParams> readMarker(FieldReader& fields) {
    MarkerParams params{fields.readAny(kConversationId), 0};
    const auto seq = fields.raw().optionalInteger(QStringLiteral("seq"), 0, qint64(1) << 53);
    if (!seq) {
        fields.fail(
            ProtocolError::invalidParam(QStringLiteral("seq"), QStringLiteral("seq is required.")));
    }
    if (fields.failed()) {
        return std::nullopt;
    }
    params.seq = *seq;
    return params;
}

using MarkerMove = void (ReadStateService::*)(const Identity&, const QString&, qint64,
                                              const ReplyRef&);

// mark_read and mark_delivered take the same params and differ only in the marker they move.
bool moveMarker(const Services& services, const RequestContext& context, MarkerMove move) {
    FieldReader fields(context);
    const auto marker = readMarker(fields);
    if (!marker) {
        return false;
    }
    return post(services.readState,
                [who = *context.identity, m = *marker, move, r = context.reply](
                    ReadStateService& s) { (s.*move)(who, m.conversationId, m.seq, r); });
}

}  // namespace

bool markRead(const Services& services, const RequestContext& context) {
    return moveMarker(services, context, &ReadStateService::markRead);
}

bool markDelivered(const Services& services, const RequestContext& context) {
    return moveMarker(services, context, &ReadStateService::markDelivered);
}

bool setMuted(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString id = fields.readAny(kConversationId);
    const bool muted = fields.readFlag(QStringLiteral("muted"));
    if (fields.failed()) {
        return false;
    }
    return post(services.readState, [who = *context.identity, id, muted, r = context.reply](
                                        ReadStateService& s) { s.setMuted(who, id, muted, r); });
}

bool setTyping(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString id = fields.readAny(kConversationId);
    const bool typing = fields.readFlag(QStringLiteral("typing"));
    if (fields.failed()) {
        return false;
    }
    return post(services.readState, [who = *context.identity, id, typing, r = context.reply](
                                        ReadStateService& s) { s.setTyping(who, id, typing, r); });
}

}  // namespace natter::handlers
