#include "request_dispatcher.h"

#include "account_handlers.h"
#include "chat_handlers.h"
#include "file_handlers.h"
#include "method_names.h"
#include "read_state_handlers.h"
#include "safety_handlers.h"

namespace natter {

RequestDispatcher::RequestDispatcher(Services services) : services_(services) {
    routes_ = {
        {QString(method::kRegister), {&handlers::registerAccount, true, true}},
        {QString(method::kLogin), {&handlers::login, true, true}},
        {QString(method::kResume), {&handlers::resume, true, true}},
        {QString(method::kResetPassword), {&handlers::resetPassword, true, true}},
        {QString(method::kLogout), {&handlers::logout, false, false}},
        {QString(method::kSessionsList), {&handlers::listSessions, false, false}},
        {QString(method::kSessionsRevoke), {&handlers::revokeSession, false, false}},
        {QString(method::kSessionsRevokeOthers), {&handlers::revokeOtherSessions, false, false}},
        {QString(method::kSetDisplayName), {&handlers::setDisplayName}},
        {QString(method::kMessagesSend), {&handlers::sendMessage}},
        {QString(method::kMessagesHistory), {&handlers::history}},
        {QString(method::kSync), {&handlers::sync}},
        {QString(method::kMessagesEdit), {&handlers::editMessage}},
        {QString(method::kMessagesDelete), {&handlers::deleteMessage}},
        {QString(method::kMessagesReact), {&handlers::reactToMessage}},
        {QString(method::kUploadStart), {&handlers::startUpload}},
        {QString(method::kUploadFinish), {&handlers::finishUpload}},
        {QString(method::kDownload), {&handlers::download}},
        {QString(method::kCreateGroup), {&handlers::createGroup}},
        {QString(method::kAddMembers), {&handlers::addMembers}},
        {QString(method::kRemoveMember), {&handlers::removeMember}},
        {QString(method::kRename), {&handlers::renameGroup}},
        {QString(method::kLeave), {&handlers::leaveGroup}},
        {QString(method::kConversationsGet), {&handlers::getConversation}},
        {QString(method::kConversationsList), {&handlers::listConversations}},
        {QString(method::kContactsRecent), {&handlers::recentContacts}},
        {QString(method::kMessagesSearch), {&handlers::searchMessages}},
        {QString(method::kUsersSearch), {&handlers::searchUsers, false, false, Budget::Search}},
        {QString(method::kPresenceGet), {&handlers::getPresence}},
        {QString(method::kMarkRead), {&handlers::markRead}},
        {QString(method::kMarkDelivered), {&handlers::markDelivered}},
        {QString(method::kMute), {&handlers::setMuted}},
        {QString(method::kTypingSet), {&handlers::setTyping, false, false, Budget::Typing}},
        {QString(method::kAccept), {&handlers::acceptRequest}},
        {QString(method::kUsersBlock), {&handlers::blockUser}},
        {QString(method::kUsersUnblock), {&handlers::unblockUser}},
        {QString(method::kUsersBlocked), {&handlers::blockedUsers}},
    };
}

void RequestDispatcher::dispatchUploadChunk(const Identity& who, const ReplyRef& reply,
                                            const QByteArray& message) const {
    handlers::uploadChunk(services_, who, reply, message);
}

const RequestDispatcher::Route* RequestDispatcher::find(const QString& method) const {
    const auto it = routes_.constFind(method);
    return it == routes_.constEnd() ? nullptr : &it.value();
}

}  // namespace natter
