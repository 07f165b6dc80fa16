// Every limit of the wire protocol, as documented in docs/protocol.md section 2.
#pragma once

#include <QtGlobal>

namespace natter::limits {

inline constexpr quint64 kMaxFrameBytes = 64 * 1024;
inline constexpr quint64 kMaxMessageBytes = 64 * 1024;
inline constexpr int kAuthTimeoutMs = 10'000;
inline constexpr int kRequestIdMaxChars = 64;
inline constexpr double kRequestRatePerSecond = 20.0;
inline constexpr double kRequestBurst = 40.0;

inline constexpr int kUsernameMinChars = 3;
inline constexpr int kUsernameMaxChars = 32;
inline constexpr int kDisplayNameMaxChars = 64;
inline constexpr int kDeviceNameMaxChars = 64;
inline constexpr int kPasswordMinBytes = 8;
inline constexpr int kPasswordMaxBytes = 1024;
inline constexpr int kTokenChars = 43;

inline constexpr double kLoginFailureBurstPerAccount = 5;
inline constexpr double kLoginFailureRefillSecondsPerAccount = 60;
inline constexpr double kLoginFailureBurstPerAddress = 20;
inline constexpr double kLoginFailureRefillSecondsPerAddress = 15;
inline constexpr int kMaxConcurrentPasswordHashes = 64;
inline constexpr int kSessionIdleTimeoutDays = 90;

inline constexpr quint16 kDefaultPort = 4860;

}  // namespace natter::limits

namespace natter {
// The WebSocket subprotocol both sides must agree on (docs/protocol.md section 1).
inline constexpr char kSubprotocol[] = "natter.v1";
}  // namespace natter
