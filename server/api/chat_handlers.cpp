#include "chat_handlers.h"

#include <QJsonObject>

#include "chat/directory_service.h"
#include "chat/group_service.h"
#include "chat/message_service.h"
#include "handler_support.h"
#include "presence/presence_service.h"
#include "protocol_limits.h"

namespace natter::handlers {
namespace {

const QString kConversationId = QStringLiteral("conversation_id");

// client_message_id, type, body and meta: the parts every new message has.
void readMessage(FieldReader& fields, QString& clientMessageId, MessageContent& content) {
    clientMessageId = fields.read(QStringLiteral("client_message_id"), &checkClientMessageId);
    content.type = fields.readAny(QStringLiteral("type"));
    content.body = fields.raw().optionalString(QStringLiteral("body")).value_or(QString());
    content.meta = fields.raw().optionalObject(QStringLiteral("meta"));
    if (const auto problem = checkMessageContent(content)) {
        fields.fail(*problem);
    }
}

// Exactly one of conversation_id, to_user_id, to_username.
void readDestination(FieldReader& fields, SendRequest& request) {
    ParamReader& raw = fields.raw();
    request.conversationId = raw.optionalString(kConversationId);
    request.toUserId = raw.optionalString(QStringLiteral("to_user_id"));
    request.toUsername = raw.optionalString(QStringLiteral("to_username"));
    QStringList given;
    for (const auto& [name, value] :
         {std::pair{kConversationId, &request.conversationId},
          std::pair{QStringLiteral("to_user_id"), &request.toUserId},
          std::pair{QStringLiteral("to_username"), &request.toUsername}}) {
        if (value->has_value()) {
            given.append(name);
        }
    }
    if (given.size() != 1) {
        // Name the member to drop (the second one given), or conversation_id when none was.
        fields.fail(ProtocolError::invalidParam(
            given.isEmpty() ? kConversationId : given.at(1),
            QStringLiteral("Give exactly one of conversation_id, to_user_id and to_username.")));
    }
}

}  // namespace

bool sendMessage(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    SendRequest request;
    readDestination(fields, request);
    readMessage(fields, request.clientMessageId, request.content);
    request.replyToSeq = fields.raw()
                             .optionalInteger(QStringLiteral("reply_to_seq"), 1, qint64(1) << 53)
                             .value_or(0);
    if (fields.failed()) {
        return false;
    }
    return post(services.messages, [who = *context.identity, request, r = context.reply](
                                       MessageService& s) { s.send(who, request, r); });
}

bool createGroup(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    CreateGroupRequest request;
    request.name = fields.read(QStringLiteral("name"), &checkGroupName);
    request.memberIds =
        fields.raw().stringArray(QStringLiteral("member_ids"), limits::kMemberIdsMaxEntries);
    readMessage(fields, request.clientMessageId, request.content);
    if (fields.failed()) {
        return false;
    }
    return post(services.messages, [who = *context.identity, request, r = context.reply](
                                       MessageService& s) { s.createGroup(who, request, r); });
}

bool addMembers(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString id = fields.readAny(kConversationId);
    const QStringList members =
        fields.raw().stringArray(QStringLiteral("member_ids"), limits::kMemberIdsMaxEntries);
    if (fields.failed()) {
        return false;
    }
    return post(services.groups, [who = *context.identity, id, members, r = context.reply](
                                     GroupService& s) { s.addMembers(who, id, members, r); });
}

bool removeMember(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString id = fields.readAny(kConversationId);
    const QString member = fields.readAny(QStringLiteral("member_id"));
    if (fields.failed()) {
        return false;
    }
    return post(services.groups, [who = *context.identity, id, member, r = context.reply](
                                     GroupService& s) { s.removeMember(who, id, member, r); });
}

bool renameGroup(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString id = fields.readAny(kConversationId);
    const QString name = fields.read(QStringLiteral("name"), &checkGroupName);
    if (fields.failed()) {
        return false;
    }
    return post(services.groups, [who = *context.identity, id, name, r = context.reply](
                                     GroupService& s) { s.rename(who, id, name, r); });
}

bool leaveGroup(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString id = fields.readAny(kConversationId);
    if (fields.failed()) {
        return false;
    }
    return post(services.groups, [who = *context.identity, id, r = context.reply](GroupService& s) {
        s.leave(who, id, r);
    });
}

bool getConversation(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString id = fields.readAny(kConversationId);
    if (fields.failed()) {
        return false;
    }
    return post(services.directory, [who = *context.identity, id, r = context.reply](
                                        DirectoryService& s) { s.conversation(who, id, r); });
}

bool listConversations(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    ListRequest request;
    request.limit =
        int(fields.raw().integer(QStringLiteral("limit"), limits::kConversationPageDefault, 1,
                                 limits::kConversationPageMax));
    if (const auto cursor = fields.raw().optionalString(QStringLiteral("cursor"))) {
        request.cursor = DirectoryService::decodeCursor(*cursor);
        if (!request.cursor) {
            fields.fail(ProtocolError::invalidParam(
                QStringLiteral("cursor"), QStringLiteral("cursor must come from next_cursor.")));
        }
    }
    if (fields.failed()) {
        return false;
    }
    return post(services.directory, [who = *context.identity, request, r = context.reply](
                                        DirectoryService& s) { s.conversations(who, request, r); });
}

bool history(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    HistoryRequest request;
    request.conversationId = fields.readAny(kConversationId);
    request.beforeSeq =
        fields.raw().optionalInteger(QStringLiteral("before_seq"), 1, qint64(1) << 53);
    request.afterSeq =
        fields.raw().optionalInteger(QStringLiteral("after_seq"), 0, qint64(1) << 53);
    request.limit = int(fields.raw().integer(QStringLiteral("limit"), limits::kHistoryPageDefault,
                                             1, limits::kHistoryPageMax));
    if (request.beforeSeq && request.afterSeq) {
        fields.fail(
            ProtocolError::invalidParam(QStringLiteral("after_seq"),
                                        QStringLiteral("Give before_seq or after_seq, not both.")));
    }
    if (fields.failed()) {
        return false;
    }
    return post(services.messages, [who = *context.identity, request, r = context.reply](
                                       MessageService& s) { s.history(who, request, r); });
}

bool sync(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    SyncRequest request;
    request.limitPerConversation = int(fields.raw().integer(
        QStringLiteral("limit_per_conversation"), limits::kSyncMessagesPerConversationDefault, 1,
        limits::kSyncMessagesPerConversationMax));
    const QJsonObject cursors =
        fields.raw().optionalObject(QStringLiteral("cursors")).value_or(QJsonObject());
    for (auto it = cursors.begin(); it != cursors.end(); ++it) {
        const double seq = it.value().toDouble(-1);
        if (!it.value().isDouble() || seq < 0 || seq != double(qint64(seq))) {
            fields.fail(ProtocolError::invalidParam(
                QStringLiteral("cursors"),
                QStringLiteral("cursors maps conversation ids to seq integers >= 0.")));
            break;
        }
        request.cursors.insert(it.key(), qint64(seq));
    }
    if (fields.failed()) {
        return false;
    }
    return post(services.messages, [who = *context.identity, request, r = context.reply](
                                       MessageService& s) { s.sync(who, request, r); });
}

bool recentContacts(const Services& services, const RequestContext& context) {
    return post(services.directory, [who = *context.identity, r = context.reply](
                                        DirectoryService& s) { s.recentContacts(who, r); });
}

bool searchUsers(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QString query = fields.read(QStringLiteral("query"), [](const QString& raw) {
        return checkLabel(raw, QStringLiteral("query"), limits::kUserSearchQueryMaxChars);
    });
    const int limit = int(fields.raw().integer(QStringLiteral("limit"), limits::kUserSearchDefault,
                                               1, limits::kUserSearchMax));
    if (fields.failed()) {
        return false;
    }
    return post(services.directory,
                [who = *context.identity, query, limit, r = context.reply](DirectoryService& s) {
                    s.searchUsers(who, query, limit, r);
                });
}

bool getPresence(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    const QStringList ids =
        fields.raw().stringArray(QStringLiteral("user_ids"), limits::kPresenceQueryMax);
    if (fields.failed()) {
        return false;
    }
    return post(services.presence, [who = *context.identity, ids, r = context.reply](
                                       PresenceService& s) { s.query(who, ids, r); });
}

}  // namespace natter::handlers
