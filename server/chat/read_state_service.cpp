#include "read_state_service.h"

#include "safety/block_rules.h"
#include "views/server_events.h"

namespace natter {

ReadStateService::ReadStateService(const ServicePorts& ports, QObject* parent)
    : QObject(parent), ports_(ports) {}

void ReadStateService::markRead(const Identity& reader, const QString& conversationId, qint64 seq,
                                const ReplyRef& reply) {
    move(Marker::Read, reader, conversationId, seq, reply);
}

void ReadStateService::markDelivered(const Identity& recipient, const QString& conversationId,
                                     qint64 seq, const ReplyRef& reply) {
    move(Marker::Delivered, recipient, conversationId, seq, reply);
}

void ReadStateService::move(Marker marker, const Identity& who, const QString& conversationId,
                            qint64 seq, const ReplyRef& reply) {
    jobs::forRequest(ports_.storage, this, reply, [=, this](Store& store) {
        return jobs::afterCommit(reply, moveMarker(store, marker, who, conversationId, seq),
                                 [=, this](const MarkerMove& moved) {
                                     reply->ok(moved.state);
                                     if (moved.moved) {
                                         announce(marker, who, conversationId, moved);
                                     }
                                 });
    });
}

void ReadStateService::announce(Marker marker, const Identity& who, const QString& conversationId,
                                const MarkerMove& move) const {
    if (marker == Marker::Read) {
        // Every device of the reader, the one that asked included, moves its unread count.
        ports_.bus.publish(Audience::user(who.userId), events::readStateChanged(move.state));
    }
    if (move.others.isEmpty()) {
        return;  // a chat request still unanswered by the caller: no receipt (5.6)
    }
    const auto kind = marker == Marker::Read ? events::Receipt::Read : events::Receipt::Delivered;
    ports_.bus.publish(Audience::users(move.others),
                       events::receipt(kind, conversationId, who.userPublicId, move.marker));
}

void ReadStateService::setMuted(const Identity& member, const QString& conversationId, bool muted,
                                const ReplyRef& reply) {
    jobs::forRequest(
        ports_.storage, this, reply, [=, this](Store& store) -> JobQueue::Continuation {
            const auto conversation = store.conversationOfMember(conversationId, member.userId);
            if (!conversation) {
                return jobs::fail(reply, ErrorCode::NotMember);
            }
            const bool changed = store.setMuted(conversation->id, member.userId, muted);
            return [=, this] {
                reply->ok({{QStringLiteral("conversation_id"), conversationId},
                           {QStringLiteral("muted"), muted}});
                if (changed) {
                    ports_.bus.publish(Audience::user(member.userId),
                                       events::conversationMuted(conversationId, muted));
                }
            };
        });
}

void ReadStateService::setTyping(const Identity& typist, const QString& conversationId, bool typing,
                                 const ReplyRef& reply) {
    jobs::forRequest(
        ports_.storage, this, reply, [=, this](Store& store) -> JobQueue::Continuation {
            const auto conversation = store.conversationOfMember(conversationId, typist.userId);
            if (!conversation) {
                return jobs::fail(reply, ErrorCode::NotMember);
            }
            if (safety::privateChatBlocked(store, *conversation, typist.userId)) {
                return jobs::fail(reply, ErrorCode::Blocked);
            }
            const QList<qint64> others = otherMembers(store, conversation->id, typist.userId);
            return [=, this] {
                ports_.bus.publish(Audience::users(others),
                                   events::typing(conversationId, typist.userPublicId, typing));
                reply->ok({});
            };
        });
}

}  // namespace natter
