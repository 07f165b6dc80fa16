#include "safety_handlers.h"

#include "handler_support.h"
#include "safety/safety_service.h"

namespace natter::handlers {
namespace {

bool setBlocked(const Services& services, const RequestContext& context, bool blocked) {
    FieldReader fields(context);
    const QString userId = fields.readAny(QStringLiteral("user_id"));
    if (userId == context.identity->userPublicId) {
        fields.fail(ProtocolError::invalidParam(QStringLiteral("user_id"),
                                                QStringLiteral("You cannot block yourself.")));
    }
    if (fields.failed()) {
        return false;
    }
    return post(services.safety, [who = *context.identity, userId, blocked, r = context.reply](
                                     SafetyService& s) { s.setBlocked(who, userId, blocked, r); });
}

}  // namespace

bool acceptRequest(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString id = fields.readAny(QStringLiteral("conversation_id"));
    if (fields.failed()) {
        return false;
    }
    return post(services.safety, [who = *context.identity, id,
                                  r = context.reply](SafetyService& s) { s.accept(who, id, r); });
}

bool blockUser(const Services& services, const RequestContext& context) {
    return setBlocked(services, context, true);
}

bool unblockUser(const Services& services, const RequestContext& context) {
    return setBlocked(services, context, false);
}

bool blockedUsers(const Services& services, const RequestContext& context) {
    return post(services.safety, [who = *context.identity, r = context.reply](SafetyService& s) {
        s.blockedUsers(who, r);
    });
}

}  // namespace natter::handlers
