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

}  // namespace natter::method
