#include "read_markers.h"

namespace natter {
namespace {

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

qint64 markerOf(const MemberRecord& member, Marker marker) {
    return marker == Marker::Read ? member.lastReadSeq : member.lastDeliveredSeq;
}

}  // namespace

QString markerName(Marker marker) {
    return marker == Marker::Read ? QStringLiteral("last_read_seq")
                                  : QStringLiteral("last_delivered_seq");
}

QList<qint64> otherMembers(Store& store, qint64 conversationId, qint64 userId) {
    QList<qint64> others;
    for (const MemberRecord& member : store.members(conversationId)) {
        if (member.userId != userId) {
            others.append(member.userId);
        }
    }
    return others;
}

OrError<MarkerMove> moveMarker(Store& store, Marker marker, const Identity& who,
                               const QString& conversationId, qint64 seq) {
    const auto target = markerTarget(store, who, conversationId, seq);
    if (const auto* error = std::get_if<ProtocolError>(&target)) {
        return *error;
    }
    const ConversationRecord& conversation = std::get<ConversationRecord>(target);
    const qint64 id = conversation.id;
    // While the chat is still a request for the caller, opening it must not tell its sender
    // anything (docs/protocol.md 5.6): the caller's markers move, nobody gets a receipt.
    const bool silent = conversation.requestForUserId == who.userId;
    MarkerMove move;
    qint64 before = 0;
    for (const MemberRecord& member : store.members(id)) {
        if (member.userId == who.userId) {
            before = markerOf(member, marker);
        } else if (!silent) {
            move.others.append(member.userId);
        }
    }
    move.marker = marker == Marker::Read ? store.markRead(id, who.userId, seq)
                                         : store.markDelivered(id, who.userId, seq);
    move.moved = move.marker != before;
    move.state = {{QStringLiteral("conversation_id"), conversationId},
                  {markerName(marker), move.marker}};
    if (marker == Marker::Read) {
        move.state.insert(QStringLiteral("unread_count"), store.unreadCount(id, who.userId));
        move.state.insert(QStringLiteral("total_unread"), store.totalUnread(who.userId));
    }
    return move;
}

}  // namespace natter
