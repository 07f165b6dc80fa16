// Handlers of the conversation, message and people methods (docs/protocol.md
// sections 5.2, 5.2a, 5.3).
#pragma once

#include "request_dispatcher.h"

namespace natter::handlers {

bool sendMessage(const Services& services, const RequestContext& context);
bool createGroup(const Services& services, const RequestContext& context);
bool addMembers(const Services& services, const RequestContext& context);
bool removeMember(const Services& services, const RequestContext& context);
bool renameGroup(const Services& services, const RequestContext& context);
bool leaveGroup(const Services& services, const RequestContext& context);
bool getConversation(const Services& services, const RequestContext& context);
bool listConversations(const Services& services, const RequestContext& context);
bool history(const Services& services, const RequestContext& context);
bool sync(const Services& services, const RequestContext& context);
bool recentContacts(const Services& services, const RequestContext& context);
bool searchUsers(const Services& services, const RequestContext& context);
bool getPresence(const Services& services, const RequestContext& context);
// docs/protocol.md 5.2a (message_change_handlers.cpp).
bool editMessage(const Services& services, const RequestContext& context);
bool deleteMessage(const Services& services, const RequestContext& context);
bool reactToMessage(const Services& services, const RequestContext& context);
// docs/protocol.md 5.3a (message_search_handlers.cpp).
bool searchMessages(const Services& services, const RequestContext& context);

}  // namespace natter::handlers
