// Method names of docs/protocol.md section 5, shared by server dispatch and client calls.
#pragma once

#include <QLatin1StringView>

namespace natter::method {

inline constexpr QLatin1StringView kRegister{"auth.register"};
inline constexpr QLatin1StringView kLogin{"auth.login"};
inline constexpr QLatin1StringView kResume{"auth.resume"};
inline constexpr QLatin1StringView kLogout{"auth.logout"};
inline constexpr QLatin1StringView kSessionsList{"sessions.list"};
inline constexpr QLatin1StringView kSessionsRevoke{"sessions.revoke"};
inline constexpr QLatin1StringView kSessionsRevokeOthers{"sessions.revoke_others"};

inline constexpr QLatin1StringView kMessagesSend{"messages.send"};
inline constexpr QLatin1StringView kMessagesHistory{"messages.history"};
inline constexpr QLatin1StringView kSync{"sync"};
inline constexpr QLatin1StringView kCreateGroup{"conversations.create_group"};
inline constexpr QLatin1StringView kAddMembers{"conversations.add_members"};
inline constexpr QLatin1StringView kRemoveMember{"conversations.remove_member"};
inline constexpr QLatin1StringView kRename{"conversations.rename"};
inline constexpr QLatin1StringView kLeave{"conversations.leave"};
inline constexpr QLatin1StringView kConversationsGet{"conversations.get"};
inline constexpr QLatin1StringView kConversationsList{"conversations.list"};
inline constexpr QLatin1StringView kContactsRecent{"contacts.recent"};
inline constexpr QLatin1StringView kUsersSearch{"users.search"};

}  // namespace natter::method

namespace natter::event {

inline constexpr QLatin1StringView kMessageNew{"message.new"};
inline constexpr QLatin1StringView kConversationUpdated{"conversation.updated"};
inline constexpr QLatin1StringView kConversationRemoved{"conversation.removed"};

}  // namespace natter::event
