// The use cases that change a stored message (docs/protocol.md 5.2a): edit, delete, react, and
// the check of a reply's target. Plain functions over the Store, run inside one storage job; each
// change writes the message's new state and appends a change entry to the seq stream, so `sync`
// carries it like any message.
#pragma once

#include <optional>

#include "chat_requests.h"
#include "ports/blob_store.h"
#include "ports/clock.h"
#include "ports/identity.h"
#include "ports/job_queue.h"
#include "ports/store.h"

namespace natter {
namespace safety {
class SpamGuard;
struct SharedToken;
}  // namespace safety

// What changing needs besides the store: the spam rules (their rate buckets are the storage
// thread's), the time and the server's edit window.
struct ChangeRules {
    safety::SpamGuard& spamGuard;
    const Clock& clock;
    qint64 editWindowMs = 0;
    BlobStore* blobs = nullptr;  // where a deleted message's files go (section 5.8); may be null
    safety::SharedToken* sharedToken = nullptr;  // in a cluster: the actor's (SpamGuard)
};

struct ChangedMessage {
    MessageRecord message;                // the changed message now
    std::optional<MessageRecord> change;  // the new change entry; none: nothing changed
    ConversationView view;                // for delivery (only with a change)
};

OrError<ChangedMessage> changeMessage(Store& store, const ChangeRules& rules, const Identity& actor,
                                      const ChangeRequest& request);

// Why message `seq` of the conversation cannot be replied to (field `reply_to_seq`); nullopt: it
// can.
std::optional<ProtocolError> replyRefusal(Store& store, qint64 conversationId, qint64 seq);

}  // namespace natter
