// account.set_display_name (docs/protocol.md 5.1): the name others see. After the commit,
// user.updated (5.7) goes to the user's other connections and to everyone who shares a
// conversation with them, through the event bus (so every node's connections hear it).
#include "auth_service.h"
#include "util/log.h"
#include "views/record_json.h"
#include "views/server_events.h"

namespace natter {

void AuthService::setDisplayName(const Identity& identity, const QString& displayName,
                                 const ReplyRef& reply) {
    ports_.storage.submit(
        this,
        [this, identity, displayName, reply](Store& store) -> JobQueue::Continuation {
            const std::optional<UserRecord> user =
                store.setDisplayName(identity.userId, displayName);
            if (!user) {
                return [reply] { reply->fail(ErrorCode::InternalError); };
            }
            QList<qint64> audience{identity.userId};
            for (const CoMember& member : store.coMembers(identity.userId)) {
                audience.append(member.userId);
            }
            return [this, user = refOf(*user), audience, reply] {
                log::info("account.display_name_changed", {{"user", user.publicId}});
                reply->ok({{QStringLiteral("user"), userJson(user)}});
                ports_.bus.publish(Audience{audience, reply->origin()}, events::userUpdated(user));
            };
        },
        failInternally(reply, "set_display_name"));
}

}  // namespace natter
