// Handlers of a member's own state in a conversation: read and delivered markers, mute and typing
// (docs/protocol.md sections 5.4, 5.5 and 5.6).
#pragma once

#include "request_dispatcher.h"

namespace natter::handlers {

bool markRead(const Services& services, const RequestContext& context);
bool markDelivered(const Services& services, const RequestContext& context);
bool setMuted(const Services& services, const RequestContext& context);
bool setTyping(const Services& services, const RequestContext& context);

}  // namespace natter::handlers
