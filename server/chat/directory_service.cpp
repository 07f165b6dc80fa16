#include "directory_service.h"

#include <QJsonArray>

#include "ports/job_queue.h"
#include "protocol_limits.h"
#include "views/conversation_view.h"
#include "views/record_json.h"

namespace natter {

namespace {

QJsonArray usersJson(const QList<UserRef>& users) {
    QJsonArray list;
    for (const UserRef& user : users) {
        list.append(userJson(user));
    }
    return list;
}

}  // namespace

DirectoryService::DirectoryService(JobQueue& storage, QObject* parent)
    : QObject(parent), storage_(storage) {}

QString DirectoryService::encodeCursor(const ConversationCursor& cursor) {
    const QByteArray raw =
        QByteArray::number(cursor.lastActivityAt) + ':' + cursor.publicId.toLatin1();
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<ConversationCursor> DirectoryService::decodeCursor(const QString& text) {
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return std::nullopt;
    }
    const QByteArray raw = *decoded;
    const auto colon = raw.indexOf(':');
    bool ok = false;
    const qint64 activity = raw.left(colon).toLongLong(&ok);
    if (colon < 1 || !ok || !raw.mid(colon + 1).startsWith("c_")) {
        return std::nullopt;
    }
    return ConversationCursor{activity, QString::fromLatin1(raw.mid(colon + 1))};
}

void DirectoryService::conversation(const Identity& viewer, const QString& conversationId,
                                    const ReplyRef& reply) {
    jobs::forRequest(
        storage_, this, reply,
        [viewer, conversationId, reply](Store& store) -> JobQueue::Continuation {
            const auto found = store.conversationOfMember(conversationId, viewer.userId);
            if (!found) {
                return jobs::fail(reply, ErrorCode::NotMember);
            }
            const ConversationView view = loadConversationView(store, found->id, viewer.userId);
            return [viewer, view, reply] {
                reply->ok(
                    {{QStringLiteral("conversation"), conversationJson(view, viewer.userId)}});
            };
        });
}

void DirectoryService::conversations(const Identity& viewer, const ListRequest& request,
                                     const ReplyRef& reply) {
    jobs::forRequest(
        storage_, this, reply, [viewer, request, reply](Store& store) -> JobQueue::Continuation {
            QList<ConversationRecord> page =
                store.conversationsOfUser(viewer.userId, request.cursor, request.limit + 1);
            const bool more = page.size() > request.limit;
            if (more) {
                page.removeLast();
            }
            QList<ConversationView> views;
            for (const ConversationRecord& c : page) {
                views.append(loadConversationView(store, c.id, viewer.userId));
            }
            const qint64 totalUnread = store.totalUnread(viewer.userId);
            return [viewer, views, more, totalUnread, reply] {
                QJsonArray list;
                for (const ConversationView& view : views) {
                    list.append(conversationJson(view, viewer.userId));
                }
                const ConversationRecord* last =
                    views.isEmpty() ? nullptr : &views.constLast().conversation;
                const QJsonValue next =
                    more && last ? QJsonValue(encodeCursor({last->lastActivityAt, last->publicId}))
                                 : QJsonValue();
                reply->ok({{QStringLiteral("conversations"), list},
                           {QStringLiteral("next_cursor"), next},
                           {QStringLiteral("total_unread"), totalUnread}});
            };
        });
}

void DirectoryService::recentContacts(const Identity& viewer, const ReplyRef& reply) {
    jobs::forRequest(
        storage_, this, reply, [viewer, reply](Store& store) -> JobQueue::Continuation {
            const QList<UserRef> users =
                store.recentPartners(viewer.userId, limits::kRecentContacts);
            return [users, reply] { reply->ok({{QStringLiteral("users"), usersJson(users)}}); };
        });
}

void DirectoryService::searchUsers(const Identity& viewer, const QString& query, int limit,
                                   const ReplyRef& reply) {
    const QString folded = query.toCaseFolded();
    jobs::forRequest(
        storage_, this, reply,
        [viewer, folded, limit, reply](Store& store) -> JobQueue::Continuation {
            const QList<UserRef> users = store.searchUsers(folded, viewer.userId, limit);
            return [users, reply] { reply->ok({{QStringLiteral("users"), usersJson(users)}}); };
        });
}

}  // namespace natter
