// The protocol as docs/protocol.md (the normative document) spells it: the limits, rate_limited
// messages, method names, event names, presence statuses and close codes the tests use, grouped by
// the document's sections. Tests name them qualified (spec::method::kMessagesSend,
// spec::kMessageBodyMaxChars), so a reader sees which values come from the document.
//
// Copied from the document by hand on purpose, NOT taken from shared/ (where the server and the
// client get theirs): the tests check the implementation against the document, so a name or limit
// changed in shared/ but not in the document makes them fail. (tst_protocol_document checks that
// shared/ and the document list the same names.) When the document changes, change this file.
#pragma once

#include <QString>

namespace natter::test::spec {

// ---- Section 2: limits (constant names as in the table) ----
inline constexpr int kMaxMessageBytes = 65'536;
inline constexpr int kAuthTimeoutMs = 10'000;
inline constexpr int kRequestBurst = 40;
inline constexpr int kTokenChars = 43;
inline constexpr int kLoginFailureBurstPerAccountAddress = 5;
inline constexpr int kLoginFailureRefillSecondsPerAccountAddress = 60;
inline constexpr int kLoginFailureBurstPerAddress = 20;
inline constexpr int kLoginFailureRefillSecondsPerAddress = 15;
inline constexpr int kRegistrationBurstPerAddress = 10;
inline constexpr int kRegistrationsPerHourPerAddress = 6;
inline constexpr int kClientMessageIdMaxChars = 64;
inline constexpr int kMessageBodyMaxChars = 4'000;
inline constexpr int kGroupNameMaxChars = 64;
inline constexpr int kHistoryPageMax = 100;
inline constexpr int kSyncMessagesPerConversationMax = 200;
inline constexpr int kConversationPageMax = 50;
inline constexpr int kRecentContacts = 15;
inline constexpr int kUserSearchMax = 20;
inline constexpr int kUserSearchBurst = 10;
inline constexpr int kMissedPongsBeforeDrop = 2;
inline constexpr int kPresenceOfflineGraceMs = 5'000;
inline constexpr int kPresenceQueryMax = 100;
inline constexpr int kTypingTtlMs = 6'000;
inline constexpr int kTypingRatePerSecond = 1;
inline constexpr int kTypingBurst = 3;
inline constexpr int kMessageRatePerSecond = 1;
inline constexpr int kMessageBurst = 5;
inline constexpr int kBannedWordsMax = 10'000;
inline constexpr int kBannedWordMaxChars = 64;
inline constexpr int kBlockedUsersMax = 1'000;
inline constexpr int kHandshakeTimeoutMs = 10'000;

// Section 2, "Which limit answered": the `message` of a rate_limited error, by limit.
namespace rate_limited_message {
inline const QString kRequestBudget =
    QStringLiteral("Too many requests on this connection; slow down.");
inline const QString kUserSearch = QStringLiteral("Too many user searches; wait a moment.");
inline const QString kMessageSearch = QStringLiteral("Too many message searches; wait a moment.");
inline const QString kTypingSet =
    QStringLiteral("Typing notices are sent too often; wait a moment.");
inline const QString kMessageRate =
    QStringLiteral("You are sending messages too fast; wait a moment.");
inline const QString kRegistrations =
    QStringLiteral("Too many accounts registered from your address; try again later.");
inline const QString kLoginFailuresPerAccountAddress =
    QStringLiteral("Too many failed sign-ins to this account from your address.");
inline const QString kLoginFailuresPerAddress =
    QStringLiteral("Too many failed sign-ins from your address.");
inline const QString kLoginFailuresPerAccount = QStringLiteral(
    "Too many failed sign-ins to this account; sign-ins from new addresses are paused.");
}  // namespace rate_limited_message

// ---- Section 3.4: common objects ----
// A public id is a type prefix and this many base64url characters (128 random bits).
inline constexpr int kPublicIdBase64Chars = 22;
// Section 5.8: the most file bytes one upload chunk carries.
inline constexpr int kUploadChunkMaxBytes = 65'503;
// Presence.status
namespace status {
inline const QString kOnline = QStringLiteral("online");
inline const QString kOffline = QStringLiteral("offline");
inline const QString kUnknown = QStringLiteral("unknown");
}  // namespace status

// ---- Section 5: methods, in the document's order ----
namespace method {
// 5.1 Accounts and sessions
inline const QString kAuthRegister = QStringLiteral("auth.register");
inline const QString kAuthLogin = QStringLiteral("auth.login");
inline const QString kAuthResume = QStringLiteral("auth.resume");
inline const QString kAuthResetPassword = QStringLiteral("auth.reset_password");
inline const QString kAuthLogout = QStringLiteral("auth.logout");
inline const QString kSessionsList = QStringLiteral("sessions.list");
inline const QString kSessionsRevoke = QStringLiteral("sessions.revoke");
inline const QString kSessionsRevokeOthers = QStringLiteral("sessions.revoke_others");
// 5.2 Conversations and messages
inline const QString kMessagesSend = QStringLiteral("messages.send");
inline const QString kConversationsCreateGroup = QStringLiteral("conversations.create_group");
inline const QString kConversationsAddMembers = QStringLiteral("conversations.add_members");
inline const QString kConversationsRemoveMember = QStringLiteral("conversations.remove_member");
inline const QString kConversationsRename = QStringLiteral("conversations.rename");
inline const QString kConversationsLeave = QStringLiteral("conversations.leave");
inline const QString kConversationsGet = QStringLiteral("conversations.get");
inline const QString kConversationsList = QStringLiteral("conversations.list");
inline const QString kMessagesHistory = QStringLiteral("messages.history");
inline const QString kSync = QStringLiteral("sync");
// 5.3 Contacts and user search
inline const QString kContactsRecent = QStringLiteral("contacts.recent");
inline const QString kUsersSearch = QStringLiteral("users.search");
// 5.4 Presence and typing
inline const QString kPresenceGet = QStringLiteral("presence.get");
inline const QString kTypingSet = QStringLiteral("typing.set");
// 5.5 Read and delivered state
inline const QString kConversationsMarkRead = QStringLiteral("conversations.mark_read");
inline const QString kConversationsMarkDelivered = QStringLiteral("conversations.mark_delivered");
// 5.6 Safety: blocking, chat requests, spam rules and mute
inline const QString kConversationsAccept = QStringLiteral("conversations.accept");
inline const QString kConversationsMute = QStringLiteral("conversations.mute");
inline const QString kUsersBlock = QStringLiteral("users.block");
inline const QString kUsersUnblock = QStringLiteral("users.unblock");
inline const QString kUsersBlocked = QStringLiteral("users.blocked");
}  // namespace method

// ---- Section 5.7: events, in the table's order ----
namespace event {
inline const QString kMessageNew = QStringLiteral("message.new");
inline const QString kConversationUpdated = QStringLiteral("conversation.updated");
inline const QString kConversationRemoved = QStringLiteral("conversation.removed");
inline const QString kPresenceSnapshot = QStringLiteral("presence.snapshot");
inline const QString kPresenceChanged = QStringLiteral("presence.changed");
inline const QString kReadStateChanged = QStringLiteral("read_state.changed");
inline const QString kReceiptRead = QStringLiteral("receipt.read");
inline const QString kTyping = QStringLiteral("typing");
inline const QString kReceiptDelivered = QStringLiteral("receipt.delivered");
inline const QString kConversationMuted = QStringLiteral("conversation.muted");
inline const QString kBlockChanged = QStringLiteral("block.changed");
}  // namespace event

// ---- Section 6: close codes (those the tests name) ----
namespace close_code {
inline constexpr int kGoingAway = 1001;       // the server is shutting down
inline constexpr int kProtocolError = 1002;   // a client frame broke RFC 6455 (e.g. unmasked)
inline constexpr int kInvalidPayload = 1007;  // a text message that is not valid UTF-8
inline constexpr int kSessionRevoked = 4002;  // sessions.revoke, auth.logout on another device
// kMaxOutboundBytes / kMaxOutboundTotalBytes exceeded, or catch up after a Redis outage
inline constexpr int kTooSlow = 4003;
}  // namespace close_code

}  // namespace natter::test::spec
