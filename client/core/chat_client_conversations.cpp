// ChatClient: what the store learns from events and answers, the conversation and people
// requests, read state, and the user actions the parts carry out.
#include <QJsonArray>
#include <QTimer>

#include "core/chat_client.h"
#include "core/logging.h"
#include "core/message_search.h"
#include "method_names.h"
#include "protocol_limits.h"

namespace natter {
namespace {

Conversation conversationOf(const QJsonObject& result) {
    return Conversation::fromJson(result.value(QStringLiteral("conversation")).toObject());
}

}  // namespace

// --- what the store learns

void ChatClient::onMessageEvent(const QJsonObject& data) {
    const ChatMessage message =
        ChatMessage::fromJson(data.value(QStringLiteral("message")).toObject());
    const bool known = store_.contains(message.conversationId);
    if (!known) {
        // Enough to list it at once; conversations.get fills in the members.
        const QJsonObject brief = data.value(QStringLiteral("conversation")).toObject();
        Conversation partial;
        partial.id = message.conversationId;
        partial.kind = Conversation::kindFromName(brief.value(QStringLiteral("kind")).toString());
        partial.name = brief.value(QStringLiteral("name")).toString();
        store_.upsert(partial);
    }
    applyMessages(message.conversationId, {message});
    if (store_.countIncoming(message.conversationId, {message}, myUserId())) {
        publishConversation(message.conversationId);
    }
    if (message.sender && message.sender->id != myUserId()) {
        presence_->noteSent(message.conversationId, message.sender->id);  // done typing: sent
        emit messageReceived(message);
    }
    if (!known) {
        fetchConversation(message.conversationId);  // the event carries only id, kind and name
    }
}

void ChatClient::onOutgoingStored(const ChatMessage& stored, const QString& recipientId) {
    if (!recipientId.isEmpty() && !store_.contains(stored.conversationId)) {
        store_.upsert(outbox_->privateChatDraft(stored.conversationId, recipientId));
    }
    // Takes it out of the outbox (and announces a new private chat) as it stores it.
    applyMessages(stored.conversationId, {stored});
    if (!recipientId.isEmpty()) {
        fetchConversation(stored.conversationId);
    }
}

void ChatClient::fetchConversation(const QString& conversationId) {
    call(method::kConversationsGet, {{QStringLiteral("conversation_id"), conversationId}}, this,
         [this](const QJsonObject& result) { applyConversation(conversationOf(result)); });
}

void ChatClient::applyConversation(const Conversation& conversation, bool fromListing) {
    if (conversation.id.isEmpty()) {
        return;
    }
    store_.upsert(conversation, fromListing);
    publishConversation(conversation.id);
    if (conversation.lastMessage) {
        safety_->noteHeld(conversation.id, {*conversation.lastMessage});  // shown as preview
    }
    presence_->askPresenceOf(conversation.members);
}

void ChatClient::applyMessages(const QString& conversationId, const QList<ChatMessage>& messages) {
    QStringList firstMessageTo;  // people whose private chat these messages created
    for (const ChatMessage& message : messages) {
        // My unsent message, stored now (its answer, or sync after the answer was lost).
        if (outbox_->contains(message.clientMessageId) && message.sender &&
            message.sender->id == myUserId()) {
            firstMessageTo << outbox_->resolve(message);
        }
    }
    const ConversationStore::AppendResult result = store_.append(conversationId, messages);
    if (!result.appended.isEmpty()) {
        emit messagesAppended(conversationId, result.appended);
        publishChanged(conversationId, result.changed);
        publishConversation(conversationId);
        safety_->noteHeld(conversationId, result.appended);
    }
    for (const QString& userId : std::as_const(firstMessageTo)) {
        if (!userId.isEmpty()) {
            moveDraft(userId, conversationId);
            emit privateChatCreated(userId, conversationId);
        }
    }
    if (result.gap) {
        runSync();
    }
}

// What was written to a person before their chat existed belongs to the chat now.
void ChatClient::moveDraft(const QString& userId, const QString& conversationId) {
    const QString text = store_.draft(userId);
    if (!text.isEmpty() && store_.draft(conversationId).isEmpty()) {
        setDraft(conversationId, text);
    }
    setDraft(userId, {});
}

void ChatClient::dropConversation(const QString& conversationId) {
    if (!store_.contains(conversationId)) {
        return;
    }
    store_.remove(conversationId);
    outbox_->dropConversation(conversationId);
    presence_->forgetConversation(conversationId);
    emit conversationRemoved(conversationId);
    publishTotalUnread();
}

void ChatClient::publishConversation(const QString& conversationId) {
    if (const auto conversation = store_.find(conversationId)) {
        emit conversationChanged(*conversation);
    }
    publishTotalUnread();
}

void ChatClient::publishTotalUnread() {
    const int total = store_.totalUnread();
    if (total != publishedTotalUnread_) {
        publishedTotalUnread_ = total;
        emit totalUnreadChanged(total);
    }
}

// --- read state

void ChatClient::markRead(const QString& conversationId, qint64 seq) {
    const auto conversation = store_.find(conversationId);
    if (!conversation ||
        seq <= qMax(conversation->lastReadSeq, markReadSent_.value(conversationId))) {
        return;  // read already, or asked already
    }
    markReadSent_.insert(conversationId, seq);
    const QJsonObject params{{QStringLiteral("conversation_id"), conversationId},
                             {QStringLiteral("seq"), seq}};
    send(method::kMarkRead, params, this, [this, conversationId](const RequestOutcome& out) {
        markReadSent_.remove(conversationId);
        if (out.ok()) {
            onReadState(*out.result);
        } else {
            // Not shown: the next scroll or message asks again.
            qCInfo(lcNatterNet) << "mark_read failed:" << out.failure.detail;
        }
    });
}

void ChatClient::onReadState(const QJsonObject& data) {
    const QString id = data.value(QStringLiteral("conversation_id")).toString();
    if (store_.applyReadState(id, data.value(QStringLiteral("last_read_seq")).toInteger(),
                              data.value(QStringLiteral("unread_count")).toInt())) {
        publishConversation(id);
    }
}

void ChatClient::onReceipt(const QJsonObject& data) {
    const QString id = data.value(QStringLiteral("conversation_id")).toString();
    if (store_.applyReceipt(id, data.value(QStringLiteral("user_id")).toString(),
                            data.value(QStringLiteral("last_read_seq")).toInteger())) {
        publishConversation(id);
    }
}

// --- groups, people

void ChatClient::createGroup(const QString& name, const QStringList& memberIds,
                             const QString& firstMessage) {
    QJsonObject params = textContent(newClientMessageId(), firstMessage.trimmed());
    params.insert(QStringLiteral("name"), name.trimmed());
    params.insert(QStringLiteral("member_ids"), QJsonArray::fromStringList(memberIds));
    call(method::kCreateGroup, params, this, [this](const QJsonObject& result) {
        const Conversation group = conversationOf(result);
        applyConversation(group);
        applyMessages(group.id,
                      {ChatMessage::fromJson(result.value(QStringLiteral("message")).toObject())});
        emit groupCreated(*conversation(group.id));
    });
}

void ChatClient::addMembers(const QString& conversationId, const QStringList& memberIds) {
    call(method::kAddMembers,
         {{QStringLiteral("conversation_id"), conversationId},
          {QStringLiteral("member_ids"), QJsonArray::fromStringList(memberIds)}},
         this, [this](const QJsonObject& result) { applyConversation(conversationOf(result)); });
}

void ChatClient::removeMember(const QString& conversationId, const QString& memberId) {
    call(method::kRemoveMember,
         {{QStringLiteral("conversation_id"), conversationId},
          {QStringLiteral("member_id"), memberId}},
         this, [this](const QJsonObject& result) { applyConversation(conversationOf(result)); });
}

void ChatClient::renameGroup(const QString& conversationId, const QString& name) {
    call(method::kRename,
         {{QStringLiteral("conversation_id"), conversationId},
          {QStringLiteral("name"), name.trimmed()}},
         this, [this](const QJsonObject& result) { applyConversation(conversationOf(result)); });
}

void ChatClient::leaveGroup(const QString& conversationId) {
    call(method::kLeave, {{QStringLiteral("conversation_id"), conversationId}}, this,
         [this, conversationId](const QJsonObject&) { dropConversation(conversationId); });
}

void ChatClient::searchUsers(const QString& query) {
    const QString trimmed = query.trimmed();
    call(method::kUsersSearch,
         {{QStringLiteral("query"), trimmed}, {QStringLiteral("limit"), limits::kUserSearchMax}},
         this, [this, trimmed](const QJsonObject& result) {
             emit usersFound(trimmed,
                             usersFromJson(result.value(QStringLiteral("users")).toArray()));
         });
}

void ChatClient::searchMessages(const QString& query, const QString& conversationId,
                                const QString& cursor, const QObject* context,
                                std::function<void(const MessageSearchPage&)> onPage) {
    if (!isOnline()) {
        // Not queued for the reconnect: an answer minutes later would surprise more than help.
        QTimer::singleShot(0, context, [onPage = std::move(onPage)] {
            onPage({{}, {}, RequestFailure{FailureKind::ConnectionClosed, {}, {}}});
        });
        return;
    }
    QJsonObject params{{QStringLiteral("query"), query.trimmed()},
                       {QStringLiteral("limit"), limits::kMessageSearchPageDefault}};
    if (!conversationId.isEmpty()) {
        params.insert(QStringLiteral("conversation_id"), conversationId);
    }
    if (!cursor.isEmpty()) {
        params.insert(QStringLiteral("cursor"), cursor);
    }
    send(method::kMessagesSearch, params, context,
         [onPage = std::move(onPage)](const RequestOutcome& out) {
             MessageSearchPage page;
             if (!out.ok()) {
                 page.failure = out.failure;
             } else {
                 for (const QJsonValue& hit : out.result->value(QStringLiteral("hits")).toArray()) {
                     page.hits.append(MessageSearchHit::fromJson(hit.toObject()));
                 }
                 page.nextCursor = out.result->value(QStringLiteral("next_cursor")).toString();
             }
             onPage(page);
         });
}

void ChatClient::loadRecentContacts() {
    call(method::kContactsRecent, {}, this, [this](const QJsonObject& result) {
        emit recentContactsLoaded(usersFromJson(result.value(QStringLiteral("users")).toArray()));
    });
}

// --- what the parts do

QString ChatClient::sendText(const QString& conversationId, const QString& body) {
    return outbox_->sendText(conversationId, body);
}

QString ChatClient::sendTextToUser(const UserInfo& recipient, const QString& body) {
    return outbox_->sendTextToUser(recipient, body);
}

void ChatClient::retry(const QString& clientMessageId) {
    outbox_->retry(clientMessageId);
}

bool ChatClient::discardUnsent(const QString& clientMessageId) {
    return outbox_->discard(clientMessageId);
}

Presence ChatClient::presence(const QString& userId) const {
    return presence_->presence(userId);
}

QStringList ChatClient::typingUsers(const QString& conversationId) const {
    return presence_->typingUsers(conversationId);
}

void ChatClient::noteTyping(const QString& conversationId) {
    presence_->noteTyping(conversationId);
}

void ChatClient::stopTyping(const QString& conversationId) {
    presence_->stopTyping(conversationId);
}

void ChatClient::blockUser(const UserInfo& user) {
    safety_->blockUser(user);
}

void ChatClient::unblockUser(const UserInfo& user) {
    safety_->unblockUser(user);
}

void ChatClient::loadBlockedUsers() {
    safety_->loadBlockedUsers();
}

QList<UserInfo> ChatClient::blockedUsers() const {
    return safety_->blockedUsers();
}

bool ChatClient::isBlocked(const QString& userId) const {
    return safety_->isBlocked(userId);
}

void ChatClient::acceptRequest(const QString& conversationId) {
    safety_->acceptRequest(conversationId);
}

void ChatClient::setMuted(const QString& conversationId, bool muted) {
    safety_->setMuted(conversationId, muted);
}

bool ChatClient::isMuted(const QString& conversationId) const {
    return safety_->isMuted(conversationId);
}

bool ChatClient::wantsNotification(const ChatMessage& message) const {
    return safety_->wantsNotification(message);
}

std::optional<UserInfo> ChatClient::peerOf(const QString& conversationId) const {
    return safety_->peerOf(conversationId);
}

}  // namespace natter
