// Handlers of blocking and chat requests (docs/protocol.md section 5.6).
#pragma once

#include "request_dispatcher.h"

namespace natter::handlers {

bool acceptRequest(const Services& services, const RequestContext& context);
bool blockUser(const Services& services, const RequestContext& context);
bool unblockUser(const Services& services, const RequestContext& context);
bool blockedUsers(const Services& services, const RequestContext& context);

}  // namespace natter::handlers
