#include "read_state_service.h"

#include "chat_job.h"
#include "method_names.h"
#include "net/connection_registry.h"
#include "protocol_limits.h"

namespace natter {

using namespace chat_job;

namespace {

struct MarkOutcome {
    QJsonObject state;  // conversation_id, last_read_seq, unread_count, total_unread
    bool moved = false;
    QList<qint64> others;
};

QList<qint64> otherMembers(Store& store, qint64 conversationId, qint64 userId, qint64* ownMarker) {
    QList<qint64> others;
    for (const MemberRecord& member : store.members(conversationId)) {
        if (member.userId == userId) {
            *ownMarker = member.lastReadSeq;
        } else {
            others.append(member.userId);
        }
    }
    return others;
}

}  // namespace

ReadStateService::ReadStateService(StorageExecutor& storage, const ConnectionRegistry& registry,
                                   QObject* parent)
    : QObject(parent), storage_(storage), registry_(registry) {}

void ReadStateService::markRead(const Identity& reader, const QString& conversationId, qint64 seq,
                                const Responder& responder) {
    storage_.submit(
        this,
        [this, reader, conversationId, seq, responder](Store& store) -> Continuation {
            const auto conversation = store.conversationOfMember(conversationId, reader.userId);
            if (!conversation) {
                return fail(responder, ErrorCode::NotMember);
            }
            if (seq > conversation->lastSeq) {
                return fail(
                    responder,
                    ProtocolError{ErrorCode::CursorOutOfRange, {}, QStringLiteral("seq"), -1});
            }
            MarkOutcome outcome;
            qint64 before = 0;
            outcome.others = otherMembers(store, conversation->id, reader.userId, &before);
            const qint64 marker = store.markRead(conversation->id, reader.userId, seq);
            outcome.moved = marker != before;
            outcome.state = {{QStringLiteral("conversation_id"), conversationId},
                             {QStringLiteral("last_read_seq"), marker},
                             {QStringLiteral("unread_count"),
                              store.unreadCount(conversation->id, reader.userId)},
                             {QStringLiteral("total_unread"), store.totalUnread(reader.userId)}};
            return [this, reader, outcome, responder] {
                responder.ok(outcome.state);
                if (!outcome.moved) {
                    return;
                }
                registry_.sendToUser(reader.userId,
                                     encodeEvent(QString(event::kReadStateChanged), outcome.state));
                const QString receipt =
                    encodeEvent(QString(event::kReceiptRead),
                                {{QStringLiteral("conversation_id"),
                                  outcome.state.value(QStringLiteral("conversation_id"))},
                                 {QStringLiteral("user_id"), reader.userPublicId},
                                 {QStringLiteral("last_read_seq"),
                                  outcome.state.value(QStringLiteral("last_read_seq"))}});
                for (qint64 other : outcome.others) {
                    registry_.sendToUser(other, receipt);
                }
            };
        },
        internalError(responder));
}

void ReadStateService::setTyping(const Identity& typist, const QString& conversationId, bool typing,
                                 const Responder& responder) {
    storage_.submit(
        this,
        [this, typist, conversationId, typing, responder](Store& store) -> Continuation {
            const auto conversation = store.conversationOfMember(conversationId, typist.userId);
            if (!conversation) {
                return fail(responder, ErrorCode::NotMember);
            }
            qint64 unused = 0;
            const QList<qint64> others =
                otherMembers(store, conversation->id, typist.userId, &unused);
            return [this, typist, conversationId, typing, others, responder] {
                const QString text =
                    encodeEvent(QString(event::kTyping),
                                {{QStringLiteral("conversation_id"), conversationId},
                                 {QStringLiteral("user_id"), typist.userPublicId},
                                 {QStringLiteral("typing"), typing},
                                 {QStringLiteral("expires_in_ms"), limits::kTypingTtlMs}});
                for (qint64 other : others) {
                    registry_.sendToUser(other, text);
                }
                responder.ok({});
            };
        },
        internalError(responder));
}

}  // namespace natter
