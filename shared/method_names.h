// Method names of docs/protocol.md section 5, shared by server dispatch and client calls.
#pragma once

#include <QLatin1StringView>
#include <array>

namespace natter::method {

inline constexpr QLatin1StringView kRegister{"auth.register"};
inline constexpr QLatin1StringView kLogin{"auth.login"};
inline constexpr QLatin1StringView kResume{"auth.resume"};
inline constexpr QLatin1StringView kResetPassword{"auth.reset_password"};
inline constexpr QLatin1StringView kLogout{"auth.logout"};
inline constexpr QLatin1StringView kSessionsList{"sessions.list"};
inline constexpr QLatin1StringView kSessionsRevoke{"sessions.revoke"};
inline constexpr QLatin1StringView kSessionsRevokeOthers{"sessions.revoke_others"};
inline constexpr QLatin1StringView kSetDisplayName{"account.set_display_name"};

inline constexpr QLatin1StringView kMessagesSend{"messages.send"};
inline constexpr QLatin1StringView kMessagesHistory{"messages.history"};
inline constexpr QLatin1StringView kSync{"sync"};
inline constexpr QLatin1StringView kMessagesEdit{"messages.edit"};
inline constexpr QLatin1StringView kMessagesDelete{"messages.delete"};
inline constexpr QLatin1StringView kMessagesReact{"messages.react"};
inline constexpr QLatin1StringView kUploadStart{"files.upload_start"};
inline constexpr QLatin1StringView kUploadFinish{"files.upload_finish"};
inline constexpr QLatin1StringView kDownload{"files.download"};
inline constexpr QLatin1StringView kCreateGroup{"conversations.create_group"};
inline constexpr QLatin1StringView kAddMembers{"conversations.add_members"};
inline constexpr QLatin1StringView kRemoveMember{"conversations.remove_member"};
inline constexpr QLatin1StringView kRename{"conversations.rename"};
inline constexpr QLatin1StringView kLeave{"conversations.leave"};
inline constexpr QLatin1StringView kConversationsGet{"conversations.get"};
inline constexpr QLatin1StringView kConversationsList{"conversations.list"};
inline constexpr QLatin1StringView kContactsRecent{"contacts.recent"};
inline constexpr QLatin1StringView kUsersSearch{"users.search"};
inline constexpr QLatin1StringView kMessagesSearch{"messages.search"};
inline constexpr QLatin1StringView kPresenceGet{"presence.get"};
inline constexpr QLatin1StringView kMarkRead{"conversations.mark_read"};
inline constexpr QLatin1StringView kTypingSet{"typing.set"};
inline constexpr QLatin1StringView kMarkDelivered{"conversations.mark_delivered"};
inline constexpr QLatin1StringView kAccept{"conversations.accept"};
inline constexpr QLatin1StringView kMute{"conversations.mute"};
inline constexpr QLatin1StringView kUsersBlock{"users.block"};
inline constexpr QLatin1StringView kUsersUnblock{"users.unblock"};
inline constexpr QLatin1StringView kUsersBlocked{"users.blocked"};

// Every method name above, for checks that must cover them all (tst_protocol_document).
inline constexpr std::array kAll{
    kRegister,
    kLogin,
    kResume,
    kResetPassword,
    kLogout,
    kSessionsList,
    kSessionsRevoke,
    kSessionsRevokeOthers,
    kSetDisplayName,
    kMessagesSend,
    kMessagesHistory,
    kSync,
    kMessagesEdit,
    kMessagesDelete,
    kMessagesReact,
    kUploadStart,
    kUploadFinish,
    kDownload,
    kCreateGroup,
    kAddMembers,
    kRemoveMember,
    kRename,
    kLeave,
    kConversationsGet,
    kConversationsList,
    kContactsRecent,
    kUsersSearch,
    kMessagesSearch,
    kPresenceGet,
    kMarkRead,
    kTypingSet,
    kMarkDelivered,
    kAccept,
    kMute,
    kUsersBlock,
    kUsersUnblock,
    kUsersBlocked,
};

}  // namespace natter::method

namespace natter::event {

inline constexpr QLatin1StringView kMessageNew{"message.new"};
inline constexpr QLatin1StringView kConversationUpdated{"conversation.updated"};
inline constexpr QLatin1StringView kConversationRemoved{"conversation.removed"};
inline constexpr QLatin1StringView kPresenceSnapshot{"presence.snapshot"};
inline constexpr QLatin1StringView kPresenceChanged{"presence.changed"};
inline constexpr QLatin1StringView kReadStateChanged{"read_state.changed"};
inline constexpr QLatin1StringView kReceiptRead{"receipt.read"};
inline constexpr QLatin1StringView kTyping{"typing"};
inline constexpr QLatin1StringView kReceiptDelivered{"receipt.delivered"};
inline constexpr QLatin1StringView kConversationMuted{"conversation.muted"};
inline constexpr QLatin1StringView kBlockChanged{"block.changed"};
inline constexpr QLatin1StringView kMessageChanged{"message.changed"};
inline constexpr QLatin1StringView kUploadAck{"upload.ack"};
inline constexpr QLatin1StringView kUploadError{"upload.error"};
inline constexpr QLatin1StringView kUserUpdated{"user.updated"};

// Every event name above, for checks that must cover them all (tst_protocol_document).
inline constexpr std::array kAll{
    kMessageNew,       kConversationUpdated, kConversationRemoved, kPresenceSnapshot,
    kPresenceChanged,  kReadStateChanged,    kReceiptRead,         kTyping,
    kReceiptDelivered, kConversationMuted,   kBlockChanged,        kMessageChanged,
    kUploadAck,        kUploadError,         kUserUpdated,
};

}  // namespace natter::event
