// Handlers of the auth.*, sessions.* and account.* methods (docs/protocol.md section 5.1).
#pragma once

#include "request_dispatcher.h"

namespace natter::handlers {

bool registerAccount(const Services& services, const RequestContext& context);
bool login(const Services& services, const RequestContext& context);
bool resume(const Services& services, const RequestContext& context);
bool resetPassword(const Services& services, const RequestContext& context);
bool logout(const Services& services, const RequestContext& context);
bool listSessions(const Services& services, const RequestContext& context);
bool revokeSession(const Services& services, const RequestContext& context);
bool revokeOtherSessions(const Services& services, const RequestContext& context);
bool setDisplayName(const Services& services, const RequestContext& context);

}  // namespace natter::handlers
