// WebSocket close codes used by Natter (docs/protocol.md section 6).
#pragma once

namespace natter::close_code {

inline constexpr int kNormal = 1000;
inline constexpr int kGoingAway = 1001;
inline constexpr int kUnsupportedData = 1003;
inline constexpr int kTooBig = 1009;
inline constexpr int kUnsupportedProtocol = 4000;
inline constexpr int kAuthTimeout = 4001;
inline constexpr int kSessionRevoked = 4002;
// The client fell too far behind reading what the server sends: reconnect at once and `sync`.
inline constexpr int kTooSlow = 4003;

}  // namespace natter::close_code
