// Client-to-server WebSocket frames built by hand (RFC 6455 section 5.2), for tests that speak to
// the server's frame layer directly, including frames a real client library never sends.
#pragma once

#include <QByteArray>

namespace natter::test {

inline constexpr quint8 kFinBit = 0x80;
inline constexpr quint8 kOpcodeContinuation = 0x0;
inline constexpr quint8 kOpcodeText = 0x1;
inline constexpr quint8 kOpcodeBinary = 0x2;
inline constexpr quint8 kOpcodeClose = 0x8;
inline constexpr quint8 kOpcodePing = 0x9;
inline constexpr quint8 kOpcodePong = 0xA;

// One frame: firstByte holds FIN, the reserved bits and the opcode. The payload length takes the
// shortest form (7, 16 or 64 bits); masked with a random key unless `masked` is false.
QByteArray clientFrame(quint8 firstByte, const QByteArray& payload, bool masked = true);

}  // namespace natter::test
