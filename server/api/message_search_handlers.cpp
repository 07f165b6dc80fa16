// Handler of messages.search (docs/protocol.md 5.3a).
#include <QJsonObject>

#include "chat/message_search_service.h"
#include "chat_handlers.h"
#include "handler_support.h"
#include "protocol_limits.h"
#include "text_search.h"

namespace natter::handlers {
namespace {

// The query's words: at least one, at most kMessageSearchWordsMax.
QStringList readQueryWords(FieldReader& fields) {
    const QString query = fields.read(QStringLiteral("query"), [](const QString& raw) {
        return checkLabel(raw, QStringLiteral("query"), limits::kMessageSearchQueryMaxChars);
    });
    const QStringList words = searchWords(query);
    if (!query.isEmpty() && (words.isEmpty() || words.size() > limits::kMessageSearchWordsMax)) {
        fields.fail(ProtocolError::invalidParam(
            QStringLiteral("query"),
            QStringLiteral("query must hold 1-%1 words of letters or digits.")
                .arg(limits::kMessageSearchWordsMax)));
    }
    return words;
}

}  // namespace

bool searchMessages(const Services& services, const RequestContext& context) {
    FieldReader fields(context);
    MessageSearchRequest request;
    request.words = readQueryWords(fields);
    request.conversationId =
        fields.raw().optionalString(QStringLiteral("conversation_id")).value_or(QString());
    request.limit =
        int(fields.raw().integer(QStringLiteral("limit"), limits::kMessageSearchPageDefault, 1,
                                 limits::kMessageSearchPageMax));
    if (const auto cursor = fields.raw().optionalString(QStringLiteral("cursor"))) {
        request.beforeId = MessageSearchService::decodeCursor(*cursor).value_or(0);
        if (request.beforeId == 0) {
            fields.fail(ProtocolError::invalidParam(
                QStringLiteral("cursor"), QStringLiteral("cursor must come from next_cursor.")));
        }
    }
    if (fields.failed()) {
        return false;
    }
    return post(services.messageSearch,
                [who = *context.identity, request, r = context.reply](MessageSearchService& s) {
                    s.search(who, request, r);
                });
}

}  // namespace natter::handlers
