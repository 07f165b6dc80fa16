#include "directory_service.h"

#include <QJsonArray>

#include "chat_job.h"
#include "chat_json.h"
#include "protocol_limits.h"

namespace natter {

using namespace chat_job;

namespace {

QJsonArray usersJson(const QList<UserRef>& users) {
    QJsonArray list;
    for (const UserRef& user : users) {
        list.append(userJson(user));
    }
    return list;
}

}  // namespace

DirectoryService::DirectoryService(StorageExecutor& storage, QObject* parent)
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
                                    const Responder& responder) {
    storage_.submit(
        this,
        [viewer, conversationId, responder](Store& store) -> Continuation {
            const auto found = store.conversationOfMember(conversationId, viewer.userId);
            if (!found) {
                return fail(responder, ErrorCode::NotMember);
            }
            const ConversationView view = loadConversationView(store, found->id, viewer.userId);
            return [viewer, view, responder] {
                responder.ok(
                    {{QStringLiteral("conversation"), conversationJson(view, viewer.userId)}});
            };
        },
        internalError(responder));
}

void DirectoryService::conversations(const Identity& viewer, const ListRequest& request,
                                     const Responder& responder) {
    storage_.submit(
        this,
        [viewer, request, responder](Store& store) -> Continuation {
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
            return [viewer, views, more, totalUnread, responder] {
                QJsonArray list;
                for (const ConversationView& view : views) {
                    list.append(conversationJson(view, viewer.userId));
                }
                const ConversationRecord* last =
                    views.isEmpty() ? nullptr : &views.constLast().conversation;
                const QJsonValue next =
                    more && last ? QJsonValue(encodeCursor({last->lastActivityAt, last->publicId}))
                                 : QJsonValue();
                responder.ok({{QStringLiteral("conversations"), list},
                              {QStringLiteral("next_cursor"), next},
                              {QStringLiteral("total_unread"), totalUnread}});
            };
        },
        internalError(responder));
}

void DirectoryService::recentContacts(const Identity& viewer, const Responder& responder) {
    storage_.submit(
        this,
        [viewer, responder](Store& store) -> Continuation {
            const QList<UserRef> users =
                store.recentPartners(viewer.userId, limits::kRecentContacts);
            return [users, responder] {
                responder.ok({{QStringLiteral("users"), usersJson(users)}});
            };
        },
        internalError(responder));
}

void DirectoryService::searchUsers(const Identity& viewer, const QString& query, int limit,
                                   const Responder& responder) {
    const QString folded = query.toCaseFolded();
    storage_.submit(
        this,
        [viewer, folded, limit, responder](Store& store) -> Continuation {
            const QList<UserRef> users = store.searchUsers(folded, viewer.userId, limit);
            return [users, responder] {
                responder.ok({{QStringLiteral("users"), usersJson(users)}});
            };
        },
        internalError(responder));
}

}  // namespace natter
