// Every limit of the wire protocol, as documented in docs/protocol.md section 2.
#pragma once

#include <QtGlobal>

namespace natter::limits {

inline constexpr quint64 kMaxFrameBytes = 64 * 1024;
inline constexpr quint64 kMaxMessageBytes = 64 * 1024;
inline constexpr int kAuthTimeoutMs = 10'000;
inline constexpr int kRequestIdMaxChars = 64;
// Per connection; server settings request-rate, request-burst.
inline constexpr double kRequestRatePerSecond = 20.0;
inline constexpr double kRequestBurst = 40.0;

inline constexpr int kUsernameMinChars = 3;
inline constexpr int kUsernameMaxChars = 32;
inline constexpr int kDisplayNameMaxChars = 64;
inline constexpr int kDeviceNameMaxChars = 64;
inline constexpr int kPasswordMinBytes = 8;
inline constexpr int kPasswordMaxBytes = 1024;
inline constexpr int kTokenChars = 43;
// Password reset codes from `natter-server admin reset-password` (auth.reset_password).
inline constexpr int kResetCodeChars = 20;  // base32: 100 random bits
inline constexpr int kResetCodeValidHours = 24;

// Login throttle (docs/protocol.md section 5.1): failed logins per account from one address, per
// address across accounts, and per account from addresses it has not signed in from before.
inline constexpr double kLoginFailureBurstPerAccountAddress = 5;
inline constexpr double kLoginFailureRefillSecondsPerAccountAddress = 60;
inline constexpr double kLoginFailureBurstPerAddress = 20;
inline constexpr double kLoginFailureRefillSecondsPerAddress = 15;
inline constexpr double kLoginFailureBurstPerAccount = 50;
inline constexpr double kLoginFailureRefillSecondsPerAccount = 20;
inline constexpr int kKnownAddressesPerAccount = 16;
inline constexpr int kKnownAddressForgetDays = 30;
// Registrations per client address (server settings register-burst, register-rate).
inline constexpr double kRegistrationBurstPerAddress = 10;
inline constexpr double kRegistrationsPerHourPerAddress = 6;
inline constexpr int kMaxConcurrentPasswordHashes = 64;
inline constexpr int kSessionIdleTimeoutDays = 90;

inline constexpr int kClientMessageIdMaxChars = 64;
inline constexpr int kMessageBodyMaxChars = 4000;
inline constexpr int kMessageMetaMaxBytes = 2048;
inline constexpr int kAttachmentRefMaxChars = 512;
inline constexpr int kAttachmentNameMaxChars = 255;
inline constexpr int kAttachmentMimeMaxChars = 127;
inline constexpr int kGroupNameMaxChars = 64;
// A reply's reply_to.preview: this many characters of the replied message (section 5.2a).
inline constexpr int kReplyPreviewMaxChars = 100;
// messages.edit: the server setting edit-window, in seconds (48 h).
inline constexpr qint64 kEditWindowSecondsDefault = 48 * 3600;
inline constexpr int kMaxGroupMembers = 256;
// member_ids may repeat ids or name the creator, so the array may be longer than the cap.
inline constexpr int kMemberIdsMaxEntries = 2 * kMaxGroupMembers;
inline constexpr int kHistoryPageMax = 100;
inline constexpr int kHistoryPageDefault = 50;
inline constexpr int kSyncMessagesPerConversationMax = 200;
inline constexpr int kSyncMessagesPerConversationDefault = 100;
inline constexpr int kSyncConversationsMax = 50;
inline constexpr int kConversationPageMax = 50;
inline constexpr int kConversationPageDefault = 20;
inline constexpr int kRecentContacts = 15;
inline constexpr int kUserSearchMax = 20;
inline constexpr int kUserSearchDefault = 10;
inline constexpr int kUserSearchQueryMaxChars = 64;
inline constexpr double kUserSearchRatePerSecond = 2.0;
inline constexpr double kUserSearchBurst = 10.0;
// messages.search (docs/protocol.md 5.3a): per user, all sessions and connections together.
inline constexpr int kMessageSearchQueryMaxChars = 100;
inline constexpr int kMessageSearchWordsMax = 8;
inline constexpr int kMessageSearchPageMax = 50;
inline constexpr int kMessageSearchPageDefault = 20;
inline constexpr int kMessageSearchSnippetMaxChars = 120;
inline constexpr double kMessageSearchRatePerSecond = 1.0;
inline constexpr double kMessageSearchBurst = 5.0;

inline constexpr int kPingIntervalMs = 20'000;
inline constexpr int kMissedPongsBeforeDrop = 2;
inline constexpr int kPresenceOfflineGraceMs = 5'000;
inline constexpr int kPresenceQueryMax = 100;
inline constexpr int kTypingTtlMs = 6'000;
inline constexpr double kTypingRatePerSecond = 1.0;
inline constexpr double kTypingBurst = 3.0;

// Spam rules (docs/protocol.md section 5.6). The message rate is per user, across all connections.
inline constexpr double kMessageRatePerSecond = 1.0;
inline constexpr double kMessageBurst = 5.0;
inline constexpr int kBannedWordsMax = 10'000;
inline constexpr int kBannedWordMaxChars = 64;
inline constexpr int kBlockedUsersMax = 1'000;

inline constexpr quint16 kDefaultPort = 4860;

// Transport limits (docs/protocol.md sections 2 and 6). The outbound and connection caps are the
// defaults of server settings.
inline constexpr int kHandshakeTimeoutMs = 10'000;
// The HTTP upgrade request (request line and headers): larger, or more header lines, is answered
// with HTTP 400.
inline constexpr int kMaxHandshakeBytes = 16 * 1024;
inline constexpr int kMaxHandshakeHeaderLines = 64;
// Once its close frame has left, the server waits this long for the client's close frame (or the
// end of the TCP connection), then drops the connection.
inline constexpr int kCloseHandshakeWaitMs = 5'000;
inline constexpr qint64 kMaxOutboundBytes = 4 * 1024 * 1024;
inline constexpr qint64 kMaxOutboundTotalBytes = 256 * 1024 * 1024;
inline constexpr qint64 kOutboundBehindBytes = 64 * 1024;
inline constexpr int kTooSlowStallMs = 10'000;
inline constexpr int kMaxConnectionsPerAddress = 256;
inline constexpr int kReservedDescriptors = 64;
inline constexpr int kShutdownCloseWaitMs = 2'000;

// Files (docs/protocol.md section 5.8). kMaxFileBytes, the quota and the expiry are the defaults of
// server settings (max-file-size, file-quota, upload-expiry).
inline constexpr qint64 kMaxFileBytes = 100 * 1024 * 1024;
inline constexpr qint64 kFileQuotaBytes = qint64(1024) * 1024 * 1024;
inline constexpr qint64 kUploadExpirySeconds = 24 * 60 * 60;
inline constexpr int kUploadIdChars = 25;  // "up_" and 22 base64url characters
inline constexpr int kFileRefChars = 24;   // "f_" and 22 base64url characters
// An upload chunk: the upload id, the 8-byte offset, then the bytes; one frame at most.
inline constexpr int kUploadChunkHeaderBytes = kUploadIdChars + 8;
inline constexpr int kUploadChunkMaxBytes = int(kMaxFrameBytes) - kUploadChunkHeaderBytes;
inline constexpr qint64 kDownloadChunkMaxBytes = 1024 * 1024;
inline constexpr qint64 kThumbnailMaxBytes = 64 * 1024;

}  // namespace natter::limits

namespace natter {
// The WebSocket subprotocol both sides must agree on (docs/protocol.md section 1).
inline constexpr char kSubprotocol[] = "natter.v1";
}  // namespace natter
