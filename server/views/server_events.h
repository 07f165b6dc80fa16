// Every event the server pushes (docs/protocol.md section 5.7) is built here and nowhere else:
// services decide who hears of what, these functions decide how it looks. The event bus encodes
// each built event once for its whole audience.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include "ports/event_bus.h"
#include "ports/records.h"

namespace natter::events {

// An event for some of a conversation's members (payloads that differ between viewers).
struct ForMembers {
    QList<qint64> userIds;
    ServerEvent event;
};

// message.new: members who see the conversation under the same name share one event.
QList<ForMembers> messageNew(const ConversationView& view, const MessageRecord& message);
// message.changed: a change entry (docs/protocol.md 5.2a), grouped like message.new.
QList<ForMembers> messageChanged(const ConversationView& view, const MessageRecord& change);
// conversation.updated as `viewerUserId` sees the conversation (their own read state).
ServerEvent conversationUpdated(const ConversationView& view, qint64 viewerUserId);
ServerEvent conversationRemoved(const QString& conversationPublicId);

// state: the marker answer {conversation_id, last_read_seq, unread_count, total_unread}.
ServerEvent readStateChanged(const QJsonObject& state);
enum class Receipt { Read, Delivered };
// receipt.read / receipt.delivered: `userPublicId` has read/received up to `seq`.
ServerEvent receipt(Receipt kind, const QString& conversationPublicId, const QString& userPublicId,
                    qint64 seq);
ServerEvent conversationMuted(const QString& conversationPublicId, bool muted);
ServerEvent typing(const QString& conversationPublicId, const QString& userPublicId, bool typing);
ServerEvent blockChanged(const UserRef& user, bool blocked);
// user.updated: the user's display name changed.
ServerEvent userUpdated(const UserRef& user);

// presence: {user_id, status, last_seen_at}; see presenceStatus().
ServerEvent presenceChanged(const QJsonObject& presence);
ServerEvent presenceSnapshot(const QJsonArray& presence);
// A presence entry; lastSeenAt <= 0 is reported as null.
QJsonObject presenceStatus(const QString& userPublicId, const QString& status, qint64 lastSeenAt);

}  // namespace natter::events
