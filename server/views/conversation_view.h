// Reading a conversation as its members see it: the view the JSON and events are built from.
// Storage thread only (they read the Store).
#pragma once

#include <optional>

#include "ports/store.h"

namespace natter {

// Reads a conversation's view with the unread count of `viewer`, or of every member when none is
// given (for events that go to all members).
ConversationView loadConversationView(Store& store, qint64 conversationId,
                                      std::optional<qint64> viewer = std::nullopt);
// The same without the last message: enough to deliver an event (summary and members).
ConversationView loadDeliveryView(Store& store, qint64 conversationId);

}  // namespace natter
