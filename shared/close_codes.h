// WebSocket close codes used by Natter (docs/protocol.md section 6).
#pragma once

#include <array>

namespace natter::close_code {

inline constexpr int kNormal = 1000;
inline constexpr int kGoingAway = 1001;
// The client broke RFC 6455 framing (unmasked or reserved-bit frames, bad fragmentation, ...).
inline constexpr int kProtocolError = 1002;
inline constexpr int kUnsupportedData = 1003;
// Never sent: what a WebSocket library reports when the connection ended without a close frame
// (RFC 6455 section 7.1.5), e.g. when the server drops a connection that missed its pongs.
inline constexpr int kNoCloseFrame = 1006;
// A text message (or close reason) that is not valid UTF-8.
inline constexpr int kInvalidPayload = 1007;
inline constexpr int kTooBig = 1009;
inline constexpr int kUnsupportedProtocol = 4000;
inline constexpr int kAuthTimeout = 4001;
inline constexpr int kSessionRevoked = 4002;
// The client fell too far behind reading what the server sends, or (several nodes) may have missed
// events while the nodes' Redis link was down: reconnect at once and `sync`.
inline constexpr int kTooSlow = 4003;

// Every close code above, for checks that must cover them all (tst_protocol_document).
inline constexpr std::array kAll{
    kNormal, kGoingAway,           kProtocolError, kUnsupportedData, kNoCloseFrame, kInvalidPayload,
    kTooBig, kUnsupportedProtocol, kAuthTimeout,   kSessionRevoked,  kTooSlow};

}  // namespace natter::close_code
