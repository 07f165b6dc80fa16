#include "message_change_service.h"

#include "message_changes.h"
#include "message_jobs.h"
#include "views/record_json.h"

namespace natter {

MessageChangeService::MessageChangeService(const ServicePorts& ports, safety::SpamGuard& spamGuard,
                                           qint64 editWindowMs, BlobStore* blobs, QObject* parent)
    : QObject(parent),
      ports_(ports),
      spamGuard_(spamGuard),
      editWindowMs_(editWindowMs),
      blobs_(blobs),
      events_(ports.bus) {}

void MessageChangeService::change(const Identity& actor, const ChangeRequest& request,
                                  const ReplyRef& reply) {
    jobs::forMessageRequest(
        ports_.storage, this, spamGuard_, actor.userId, reply,
        [this, actor, request, reply](Store& store, safety::SharedToken* token) {
            const ChangeRules rules{spamGuard_, ports_.clock, editWindowMs_, blobs_, token};
            return jobs::afterCommit(
                reply, changeMessage(store, rules, actor, request),
                [this, reply](const ChangedMessage& changed) {
                    if (changed.change) {
                        events_.messageChanged(changed.view, *changed.change, reply->origin());
                    }
                    reply->ok({{QStringLiteral("message"), messageJson(changed.message)},
                               {QStringLiteral("change"),
                                changed.change ? QJsonValue(messageJson(*changed.change))
                                               : QJsonValue()}});
                });
        });
}

}  // namespace natter
