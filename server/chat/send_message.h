// The use cases that add a user's message: send one (creating the private conversation on the
// way) and create a group with its first message. Plain functions over the Store, run inside one
// storage job; they decide and write, the caller announces after the commit.
#pragma once

#include <optional>

#include "chat_requests.h"
#include "ports/clock.h"
#include "ports/identity.h"
#include "ports/job_queue.h"
#include "ports/store.h"

namespace natter {
namespace safety {
class SpamGuard;
struct SharedToken;
}  // namespace safety

// What sending needs besides the store: the spam rules (their rate buckets are the storage
// thread's) and the time.
struct SendRules {
    safety::SpamGuard& spamGuard;
    const Clock& clock;
    safety::SharedToken* sharedToken = nullptr;  // in a cluster: the sender's (SpamGuard)
};

struct SentMessage {
    MessageRecord message;
    bool duplicate = false;  // the client_message_id was sent before: the original
    ConversationView view;   // for delivery: summary and members (not for duplicates)
    std::optional<ConversationView> answered;  // the sender's reply ended a chat request
};

struct CreatedGroup {
    MessageRecord first;                   // the creator's message
    std::optional<MessageRecord> created;  // the group_created system message; none: duplicate
    ConversationView view;                 // every member's read state
};

OrError<SentMessage> sendMessage(Store& store, const SendRules& rules, const Identity& sender,
                                 const SendRequest& request);
OrError<CreatedGroup> createGroup(Store& store, const SendRules& rules, const Identity& creator,
                                  const CreateGroupRequest& request);

}  // namespace natter
