#include "read_state_service.h"

#include "chat_job.h"
#include "method_names.h"
#include "net/connection_registry.h"
#include "protocol_limits.h"
#include "safety/block_rules.h"

namespace natter {

using namespace chat_job;

namespace {

// The caller's own membership row, and the other members' user ids.
struct Membership {
    MemberRecord self;
    QList<qint64> others;
};

Membership membershipOf(Store& store, qint64 conversationId, qint64 userId) {
    Membership membership;
    for (const MemberRecord& member : store.members(conversationId)) {
        if (member.userId == userId) {
            membership.self = member;
        } else {
            membership.others.append(member.userId);
        }
    }
    return membership;
}

// The conversation a marker may move in: the caller is a member and seq is not beyond it.
OrError<ConversationRecord> markerTarget(Store& store, const Identity& who,
                                         const QString& conversationId, qint64 seq) {
    const auto conversation = store.conversationOfMember(conversationId, who.userId);
    if (!conversation) {
        return ProtocolError::of(ErrorCode::NotMember);
    }
    if (seq > conversation->lastSeq) {
        return ProtocolError::of(ErrorCode::CursorOutOfRange, {}, QStringLiteral("seq"));
    }
    return *conversation;
}

QString receiptEvent(QLatin1StringView name, const QJsonObject& state, const Identity& who,
                     const QString& markerName) {
    return encodeEvent(QString(name), {{QStringLiteral("conversation_id"),
                                        state.value(QStringLiteral("conversation_id"))},
                                       {QStringLiteral("user_id"), who.userPublicId},
                                       {markerName, state.value(markerName)}});
}

}  // namespace

ReadStateService::ReadStateService(StorageExecutor& storage, const ConnectionRegistry& registry,
                                   QObject* parent)
    : QObject(parent), storage_(storage), registry_(registry) {}

struct ReadStateService::MarkOutcome {
    QJsonObject state;  // the answer: conversation_id and the marker(s) after the call
    bool moved = false;
    QList<qint64> others;
};

// What differs between the read and the delivered marker; the rest of a move is the same.
struct ReadStateService::MarkerKind {
    qint64 (Store::*move)(qint64 conversationId, qint64 userId, qint64 seq);
    qint64 MemberRecord::*current;
    QString name;  // the marker's member in answers and receipts
    QLatin1StringView receipt;
    bool isRead;  // the answer carries unread counts, and the reader's devices hear of it
};

void ReadStateService::markRead(const Identity& reader, const QString& conversationId, qint64 seq,
                                const Responder& responder) {
    static const MarkerKind kRead{&Store::markRead, &MemberRecord::lastReadSeq,
                                  QStringLiteral("last_read_seq"), event::kReceiptRead, true};
    moveMarker(kRead, reader, conversationId, seq, responder);
}

void ReadStateService::markDelivered(const Identity& recipient, const QString& conversationId,
                                     qint64 seq, const Responder& responder) {
    static const MarkerKind kDelivered{&Store::markDelivered, &MemberRecord::lastDeliveredSeq,
                                       QStringLiteral("last_delivered_seq"),
                                       event::kReceiptDelivered, false};
    moveMarker(kDelivered, recipient, conversationId, seq, responder);
}

void ReadStateService::moveMarker(const MarkerKind& kind, const Identity& who,
                                  const QString& conversationId, qint64 seq,
                                  const Responder& responder) {
    storage_.submit(
        this,
        [this, &kind, who, conversationId, seq, responder](Store& store) -> Continuation {
            const auto target = markerTarget(store, who, conversationId, seq);
            if (const auto* error = std::get_if<ProtocolError>(&target)) {
                return fail(responder, *error);
            }
            const ConversationRecord& conversation = std::get<ConversationRecord>(target);
            MarkOutcome outcome;
            const Membership membership = membershipOf(store, conversation.id, who.userId);
            outcome.others = membership.others;
            const qint64 marker = (store.*kind.move)(conversation.id, who.userId, seq);
            outcome.moved = marker != membership.self.*kind.current;
            outcome.state = {{QStringLiteral("conversation_id"), conversationId},
                             {kind.name, marker}};
            if (kind.isRead) {
                outcome.state.insert(QStringLiteral("unread_count"),
                                     store.unreadCount(conversation.id, who.userId));
                outcome.state.insert(QStringLiteral("total_unread"), store.totalUnread(who.userId));
            }
            return
                [this, &kind, who, outcome, responder] { announce(kind, who, outcome, responder); };
        },
        internalError(responder));
}

void ReadStateService::announce(const MarkerKind& kind, const Identity& who,
                                const MarkOutcome& outcome, const Responder& responder) const {
    responder.ok(outcome.state);
    if (!outcome.moved) {
        return;
    }
    if (kind.isRead) {
        registry_.sendToUser(who.userId,
                             encodeEvent(QString(event::kReadStateChanged), outcome.state));
    }
    const QString receipt = receiptEvent(kind.receipt, outcome.state, who, kind.name);
    for (qint64 other : outcome.others) {
        registry_.sendToUser(other, receipt);
    }
}

void ReadStateService::setMuted(const Identity& member, const QString& conversationId, bool muted,
                                const Responder& responder) {
    storage_.submit(
        this,
        [this, member, conversationId, muted, responder](Store& store) -> Continuation {
            const auto conversation = store.conversationOfMember(conversationId, member.userId);
            if (!conversation) {
                return fail(responder, ErrorCode::NotMember);
            }
            const bool changed = store.setMuted(conversation->id, member.userId, muted);
            const QJsonObject state{{QStringLiteral("conversation_id"), conversationId},
                                    {QStringLiteral("muted"), muted}};
            return [this, member, state, changed, responder] {
                responder.ok(state);
                if (changed) {
                    registry_.sendToUser(member.userId,
                                         encodeEvent(QString(event::kConversationMuted), state));
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
            if (safety::privateChatBlocked(store, *conversation, typist.userId)) {
                return fail(responder, ErrorCode::Blocked);
            }
            const QList<qint64> others =
                membershipOf(store, conversation->id, typist.userId).others;
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
