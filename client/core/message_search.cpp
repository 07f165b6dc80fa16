#include "core/message_search.h"

#include <QJsonArray>

#include "core/chat_actions.h"
#include "core/chat_errors.h"
#include "protocol_limits.h"

namespace natter {

MessageSearchHit MessageSearchHit::fromJson(const QJsonObject& object) {
    MessageSearchHit hit;
    hit.conversationId = object.value(QStringLiteral("conversation_id")).toString();
    hit.seq = object.value(QStringLiteral("seq")).toInteger();
    hit.messageId = object.value(QStringLiteral("message_id")).toString();
    hit.sender = UserInfo::fromJson(object.value(QStringLiteral("sender")).toObject());
    hit.sentAt = QDateTime::fromMSecsSinceEpoch(object.value(QStringLiteral("sent_at")).toInteger(),
                                                Qt::UTC);
    const QJsonValue edited = object.value(QStringLiteral("edited_at"));
    if (edited.isDouble()) {
        hit.editedAt = QDateTime::fromMSecsSinceEpoch(edited.toInteger(), Qt::UTC);
    }
    hit.snippet = object.value(QStringLiteral("snippet")).toString();
    hit.highlights = utf16Ranges(hit.snippet, object.value(QStringLiteral("highlights")).toArray());
    return hit;
}

QList<QPair<int, int>> utf16Ranges(const QString& text, const QJsonArray& codePointRanges) {
    // offsets[i]: where code point i starts in UTF-16 units; the last entry is the text's end.
    QList<int> offsets;
    offsets.reserve(text.size() + 1);
    for (int unit = 0; unit < text.size(); ++unit) {
        if (!text.at(unit).isLowSurrogate() || unit == 0 || !text.at(unit - 1).isHighSurrogate()) {
            offsets.append(unit);
        }
    }
    offsets.append(int(text.size()));
    QList<QPair<int, int>> ranges;
    for (const QJsonValue& value : codePointRanges) {
        const QJsonArray pair = value.toArray();
        const qint64 start = pair.at(0).toInteger(-1);
        const qint64 length = pair.at(1).toInteger(-1);
        if (pair.size() != 2 || start < 0 || length <= 0 || start + length >= offsets.size()) {
            continue;
        }
        const int from = offsets.at(int(start));
        ranges.append({from, offsets.at(int(start + length)) - from});
    }
    return ranges;
}

MessageSearch::MessageSearch(ChatActions* chat, QObject* parent) : QObject(parent), chat_(chat) {}

void MessageSearch::search(const QString& query, const QString& conversationId) {
    clear();
    query_ = query.trimmed();
    conversationId_ = conversationId;
    if (!query_.isEmpty()) {
        request();
    }
}

void MessageSearch::clear() {
    ++generation_;
    hits_.clear();
    query_.clear();
    nextCursor_.clear();
    error_.clear();
    loading_ = false;
    answered_ = false;
    emit reset();
    emit stateChanged();
}

void MessageSearch::loadMore() {
    if (!loading_ && hasMore()) {
        request();
    }
}

void MessageSearch::request() {
    loading_ = true;
    error_.clear();
    emit stateChanged();
    const quint64 generation = generation_;
    chat_->searchMessages(
        query_, conversationId_, nextCursor_, this,
        [this, generation](const MessageSearchPage& page) { onPage(generation, page); });
}

void MessageSearch::onPage(quint64 generation, const MessageSearchPage& page) {
    if (generation != generation_) {
        return;  // the user has typed on since
    }
    loading_ = false;
    if (page.failure) {
        error_ = failureText(*page.failure);  // the cursor stays: scrolling on tries again
        emit stateChanged();
        return;
    }
    answered_ = true;
    nextCursor_ = page.nextCursor;
    const int first = int(hits_.size());
    hits_.append(page.hits);
    if (!page.hits.isEmpty()) {
        emit hitsAdded(first, int(page.hits.size()));
    }
    emit stateChanged();
}

QString MessageSearch::failureText(const RequestFailure& failure) {
    if (failure.kind != FailureKind::ServerError && failure.kind != FailureKind::InvalidInput) {
        return tr("Searching needs a connection to the server. Try again once you are online.");
    }
    if (failure.error.code == ErrorCode::InvalidParams &&
        failure.error.field == QStringLiteral("query")) {
        return tr("Search for 1 to %1 words, at most %2 characters.")
            .arg(limits::kMessageSearchWordsMax)
            .arg(limits::kMessageSearchQueryMaxChars);
    }
    return ChatMessages::forFailure(failure);
}

}  // namespace natter
