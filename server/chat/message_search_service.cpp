#include "message_search_service.h"

#include <QJsonArray>

#include "ports/job_queue.h"
#include "protocol_limits.h"
#include "text_search.h"
#include "util/rate_limits.h"
#include "views/record_json.h"

namespace natter {
namespace {

// Full buckets carry nothing: dropped every this many searches, so idle users cost no memory.
constexpr int kSearchesBetweenPrunes = 1'000;

QJsonObject hitJson(const MessageRecord& message, const QStringList& words) {
    const SearchSnippet snippet =
        searchSnippet(message.body, words, limits::kMessageSearchSnippetMaxChars);
    QJsonArray highlights;
    for (const auto& [start, length] : snippet.highlights) {
        highlights.append(QJsonArray{start, length});
    }
    QJsonObject hit{{QStringLiteral("conversation_id"), message.conversationPublicId},
                    {QStringLiteral("seq"), message.seq},
                    {QStringLiteral("message_id"), message.publicId},
                    {QStringLiteral("sender"),
                     message.sender ? QJsonValue(userJson(*message.sender)) : QJsonValue()},
                    {QStringLiteral("type"), message.type},
                    {QStringLiteral("sent_at"), message.sentAt},
                    {QStringLiteral("snippet"), snippet.text},
                    {QStringLiteral("highlights"), highlights}};
    if (message.editedAt != 0) {
        hit.insert(QStringLiteral("edited_at"), message.editedAt);
    }
    return hit;
}

}  // namespace

MessageSearchService::MessageSearchService(const ServicePorts& ports, QObject* parent)
    : QObject(parent),
      ports_(ports),
      budgets_(QByteArrayLiteral("search"), limits::kMessageSearchBurst,
               limits::kMessageSearchRatePerSecond) {}

QString MessageSearchService::encodeCursor(qint64 messageId) {
    return QString::fromLatin1(QByteArray::number(messageId).toBase64(
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::optional<qint64> MessageSearchService::decodeCursor(const QString& text) {
    const auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    const QByteArray raw = decoded ? *decoded : QByteArray();
    bool ok = false;
    const qint64 id = raw.toLongLong(&ok);
    if (!ok || id < 1 || QByteArray::number(id) != raw) {
        return std::nullopt;
    }
    return id;
}

// Takes a token of the user's budget, then searches; answers rate_limited when there is none.
void MessageSearchService::search(const Identity& searcher, const MessageSearchRequest& request,
                                  const ReplyRef& reply) {
    const qint64 now = ports_.clock.nowMs();
    if (++searchesSincePrune_ >= kSearchesBetweenPrunes) {
        searchesSincePrune_ = 0;
        budgets_.prune(now);
    }
    budgets_.take(
        QString::number(searcher.userId), now,
        [this, searcher, request, reply](const RateVerdict& verdict) {
            if (!verdict.admitted) {
                reply->fail(rateLimitedBy(RateLimit::MessageSearch, verdict.retryAfterMs));
                return;
            }
            runSearch(searcher, request, reply);
        });
}

void MessageSearchService::runSearch(const Identity& searcher, const MessageSearchRequest& request,
                                     const ReplyRef& reply) {
    jobs::forRequest(
        ports_.storage, this, reply,
        [searcher, request, reply](Store& store) -> JobQueue::Continuation {
            MessageSearchQuery query{searcher.userId, request.words, 0, request.beforeId,
                                     request.limit + 1};
            if (!request.conversationId.isEmpty()) {
                const auto found =
                    store.conversationOfMember(request.conversationId, searcher.userId);
                if (!found) {
                    return jobs::fail(reply, ErrorCode::NotMember);
                }
                query.conversationId = found->id;
            }
            QList<MessageRecord> hits = store.searchMessages(query);
            const bool more = hits.size() > request.limit;
            if (more) {
                hits.removeLast();
            }
            return [hits, more, words = request.words, reply] {
                QJsonArray list;
                for (const MessageRecord& hit : hits) {
                    list.append(hitJson(hit, words));
                }
                const QJsonValue next =
                    more ? QJsonValue(encodeCursor(hits.constLast().id)) : QJsonValue();
                reply->ok({{QStringLiteral("hits"), list}, {QStringLiteral("next_cursor"), next}});
            };
        });
}

}  // namespace natter
