// The use case behind conversations.mark_read and conversations.mark_delivered (docs/protocol.md
// section 5.5): a member's marker moves forward only, never past the last message. A plain
// function over the Store, run inside one storage job.
#pragma once

#include <QJsonObject>

#include "ports/identity.h"
#include "ports/job_queue.h"
#include "ports/store.h"

namespace natter {

enum class Marker { Read, Delivered };

struct MarkerMove {
    QJsonObject state;     // the answer: conversation_id, the marker (and unread counts for Read)
    qint64 marker = 0;     // where the marker is after the call
    bool moved = false;    // false: it was already there or beyond
    QList<qint64> others;  // the other members, who get the receipt; none in a chat request
                           // that is still one for the caller (docs/protocol.md 5.6)
};

// The JSON name of the marker: last_read_seq or last_delivered_seq.
QString markerName(Marker marker);

OrError<MarkerMove> moveMarker(Store& store, Marker marker, const Identity& who,
                               const QString& conversationId, qint64 seq);

// The other members of a conversation (who hear of a member's receipts and typing).
QList<qint64> otherMembers(Store& store, qint64 conversationId, qint64 userId);

}  // namespace natter
