#include "send_message.h"

#include "file_rules.h"
#include "message_changes.h"
#include "protocol_limits.h"
#include "safety/block_rules.h"
#include "safety/spam_guard.h"
#include "system_messages.h"
#include "util/random_id.h"
#include "views/conversation_view.h"
#include "views/record_json.h"

namespace natter {
namespace {

NewMessage userMessage(qint64 senderId, const QString& clientMessageId,
                       const MessageContent& content, qint64 now, qint64 replyToSeq = 0) {
    return NewMessage{newPublicId('m'),
                      senderId,
                      clientMessageId,
                      content.type,
                      content.body,
                      content.meta ? compactJson(*content.meta) : QString(),
                      now,
                      replyToSeq};
}

// An attachment message's content with its meta checked and completed by the server (section
// 5.8); the refs it names go to `refs`. Text passes unchanged.
OrError<MessageContent> withAttachment(FileStore& store, qint64 senderId, MessageContent content,
                                       QStringList& refs) {
    if (!content.meta || content.type == u"text") {
        return content;
    }
    auto checked = checkAttachment(store, senderId, *content.meta);
    if (const auto* error = std::get_if<ProtocolError>(&checked)) {
        return *error;
    }
    content.meta = std::get<CheckedAttachment>(checked).meta;
    refs = std::get<CheckedAttachment>(checked).refs;
    return content;
}

MessageRecord appendWithFiles(Store& store, qint64 conversationId, const NewMessage& message,
                              const QStringList& refs) {
    MessageRecord stored = store.appendMessage(conversationId, message);
    for (const QString& ref : refs) {
        store.attachFile(stored.id, ref);
    }
    return stored;
}

// Where a message goes: an existing conversation, or the recipient of a private one to create.
struct Destination {
    std::optional<ConversationRecord> conversation;  // none: create the private conversation
    std::optional<qint64> partnerId;                 // private: the other member
};

QString pairKeyOf(qint64 userA, qint64 userB) {
    return QStringLiteral("%1:%2").arg(qMin(userA, userB)).arg(qMax(userA, userB));
}

// The private conversation between sender and recipient, if there is one yet.
OrError<Destination> privateDestination(Store& store, const Identity& sender,
                                        const SendRequest& request) {
    const bool byId = request.toUserId.has_value();
    const auto recipient = byId ? store.userByPublicId(*request.toUserId)
                                : store.userByUsername(checkUsername(*request.toUsername).value);
    if (!recipient) {
        return ProtocolError::of(
            ErrorCode::NotFound, QStringLiteral("No such user."),
            byId ? QStringLiteral("to_user_id") : QStringLiteral("to_username"));
    }
    if (recipient->id == sender.userId) {
        return ProtocolError::of(ErrorCode::CannotMessageSelf);
    }
    return Destination{store.privateConversation(pairKeyOf(sender.userId, recipient->id)),
                       recipient->id};
}

OrError<Destination> destinationOf(Store& store, const Identity& sender,
                                   const SendRequest& request) {
    if (!request.conversationId) {
        return privateDestination(store, sender, request);
    }
    const auto conversation = store.conversationOfMember(*request.conversationId, sender.userId);
    if (!conversation) {
        return ProtocolError::of(ErrorCode::NotMember);
    }
    return Destination{conversation, safety::privatePartner(store, *conversation, sender.userId)};
}

// The spam rules of docs/protocol.md section 5.6, in order, for a message about to be stored.
std::optional<ProtocolError> sendRefusal(Store& store, const SendRules& rules,
                                         const Identity& sender, const Destination& destination,
                                         const QString& clientMessageId,
                                         const MessageContent& content) {
    if (destination.partnerId && store.blockedEitherWay(sender.userId, *destination.partnerId)) {
        return ProtocolError::of(ErrorCode::Blocked);
    }
    // A new private conversation is a request for its recipient; an existing one stays a request
    // until that recipient answers (their own message is the answer).
    const qint64 requestFor = destination.conversation ? destination.conversation->requestForUserId
                                                       : destination.partnerId.value_or(0);
    const bool inRequest = requestFor != 0 && requestFor != sender.userId;
    return rules.spamGuard.admitMessage(sender.userId, content.body, inRequest, rules.clock.nowMs(),
                                        clientMessageId, rules.sharedToken);
}

// Creates the private conversation: a chat request for the recipient.
qint64 createPrivateConversation(Store& store, qint64 senderId, qint64 recipientId, qint64 now) {
    const ConversationRecord created =
        store.insertConversation(NewConversation{newPublicId('c'),
                                                 QStringLiteral("private"),
                                                 {},
                                                 0,
                                                 pairKeyOf(senderId, recipientId),
                                                 now,
                                                 recipientId});
    store.addMember(created.id, senderId, now);
    store.addMember(created.id, recipientId, now);
    return created.id;
}

// The other members of a new group, or why there can't be one.
OrError<QList<UserRecord>> groupMembers(Store& store, const Identity& creator,
                                        const QStringList& memberIds) {
    QStringList wanted;
    for (const QString& id : memberIds) {
        if (id != creator.userPublicId && !wanted.contains(id)) {
            wanted.append(id);
        }
    }
    if (wanted.isEmpty()) {
        return ProtocolError::invalidParam(
            QStringLiteral("member_ids"),
            QStringLiteral("A group needs at least one other member."));
    }
    if (wanted.size() + 1 > limits::kMaxGroupMembers) {
        return ProtocolError::of(ErrorCode::GroupFull);
    }
    const QList<UserRecord> users = store.usersByPublicIds(wanted);
    if (users.size() != wanted.size()) {
        return ProtocolError::of(ErrorCode::NotFound, QStringLiteral("A member id names no user."),
                                 QStringLiteral("member_ids"));
    }
    return users;
}

// The spam rules of docs/protocol.md section 5.6, in order, for a new group and its first message.
std::optional<ProtocolError> groupRefusal(Store& store, const SendRules& rules,
                                          const Identity& creator, const QList<UserRecord>& others,
                                          const CreateGroupRequest& request) {
    if (auto blocked = safety::checkMembersBlocked(store, creator.userId, others)) {
        return blocked;
    }
    if (auto banned = rules.spamGuard.checkWords(request.name, QStringLiteral("name"))) {
        return banned;
    }
    return rules.spamGuard.admitMessage(creator.userId, request.content.body, false,
                                        rules.clock.nowMs(), request.clientMessageId,
                                        rules.sharedToken);
}

// A group with its members, its group_created message and the creator's first message.
CreatedGroup storeGroup(Store& store, const Identity& creator, const QList<UserRecord>& others,
                        const CreateGroupRequest& request, const QStringList& refs, qint64 now) {
    const ConversationRecord group = store.insertConversation(NewConversation{
        newPublicId('c'), QStringLiteral("group"), request.name, creator.userId, {}, now});
    store.addMember(group.id, creator.userId, now);
    QStringList memberIds;
    for (const UserRecord& user : others) {
        store.addMember(group.id, user.id, now);
        memberIds.append(user.publicId);
    }
    CreatedGroup created;
    created.created = store.appendMessage(
        group.id, systemMessage(SystemAction::GroupCreated, creator.userPublicId, memberIds,
                                request.name, now));
    created.first = appendWithFiles(
        store, group.id, userMessage(creator.userId, request.clientMessageId, request.content, now),
        refs);
    created.view = loadConversationView(store, group.id);
    return created;
}

}  // namespace

OrError<SentMessage> sendMessage(Store& store, const SendRules& rules, const Identity& sender,
                                 const SendRequest& request) {
    if (const auto original = store.messageByClientId(sender.userId, request.clientMessageId)) {
        return SentMessage{*original, true, {}, std::nullopt};
    }
    const auto found = destinationOf(store, sender, request);
    if (const auto* error = std::get_if<ProtocolError>(&found)) {
        return *error;
    }
    const Destination& destination = std::get<Destination>(found);
    if (request.replyToSeq != 0) {
        // A conversation that does not exist yet holds nothing to reply to.
        if (const auto refusal =
                replyRefusal(store, destination.conversation ? destination.conversation->id : 0,
                             request.replyToSeq)) {
            return *refusal;
        }
    }
    if (const auto refusal = sendRefusal(store, rules, sender, destination, request.clientMessageId,
                                         request.content)) {
        return *refusal;
    }
    QStringList refs;
    const auto content = withAttachment(store, sender.userId, request.content, refs);
    if (const auto* error = std::get_if<ProtocolError>(&content)) {
        return *error;
    }
    const qint64 now = rules.clock.nowMs();
    const qint64 conversationId =
        destination.conversation
            ? destination.conversation->id
            : createPrivateConversation(store, sender.userId, *destination.partnerId, now);
    // The recipient's first message answers the chat request.
    const bool answersRequest =
        destination.conversation && destination.conversation->requestForUserId == sender.userId;
    if (answersRequest) {
        store.clearRequest(conversationId);
    }
    SentMessage sent;
    sent.message =
        appendWithFiles(store, conversationId,
                        userMessage(sender.userId, request.clientMessageId,
                                    std::get<MessageContent>(content), now, request.replyToSeq),
                        refs);
    sent.view = loadDeliveryView(store, conversationId);
    if (answersRequest) {
        sent.answered = loadConversationView(store, conversationId, sender.userId);
    }
    return sent;
}

OrError<CreatedGroup> createGroup(Store& store, const SendRules& rules, const Identity& creator,
                                  const CreateGroupRequest& request) {
    if (const auto original = store.messageByClientId(creator.userId, request.clientMessageId)) {
        return CreatedGroup{*original, std::nullopt,
                            loadConversationView(store, original->conversationId, creator.userId)};
    }
    const auto others = groupMembers(store, creator, request.memberIds);
    if (const auto* error = std::get_if<ProtocolError>(&others)) {
        return *error;
    }
    const auto& users = std::get<QList<UserRecord>>(others);
    if (const auto refusal = groupRefusal(store, rules, creator, users, request)) {
        return *refusal;
    }
    QStringList refs;
    const auto content = withAttachment(store, creator.userId, request.content, refs);
    if (const auto* error = std::get_if<ProtocolError>(&content)) {
        return *error;
    }
    CreateGroupRequest checked = request;
    checked.content = std::get<MessageContent>(content);
    return storeGroup(store, creator, users, checked, refs, rules.clock.nowMs());
}

}  // namespace natter
