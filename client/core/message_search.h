// Message search (docs/protocol.md 5.3a): the hits of `messages.search` as the client keeps them,
// and MessageSearch, one search at a time with its pages (the server's cursor). No widgets here.
#pragma once

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPair>
#include <optional>

#include "core/account_types.h"
#include "core/request_failure.h"

class QJsonArray;

namespace natter {

class ChatActions;

struct MessageSearchHit {
    QString conversationId;
    qint64 seq = 0;
    QString messageId;
    UserInfo sender;
    QDateTime sentAt;
    QDateTime editedAt;  // invalid unless edited
    QString snippet;     // plain text, never markup
    // The matched words in `snippet` as [start, length] in QString (UTF-16) units.
    QList<QPair<int, int>> highlights;

    static MessageSearchHit fromJson(const QJsonObject& object);
};

// One answer of messages.search: the hits, or why there are none.
struct MessageSearchPage {
    QList<MessageSearchHit> hits;
    QString nextCursor;  // empty on the last page
    std::optional<RequestFailure> failure;
};

// The server counts highlights in code points; QString counts UTF-16 units. Ranges that do not
// fit the text (a broken answer) are dropped, never trusted.
QList<QPair<int, int>> utf16Ranges(const QString& text, const QJsonArray& codePointRanges);

// One search at a time over ChatActions::searchMessages: a new query drops whatever the one
// before still brings, pages come one after another, and failures come in plain words.
class MessageSearch : public QObject {
    Q_OBJECT

public:
    explicit MessageSearch(ChatActions* chat, QObject* parent = nullptr);

    // Searches everywhere, or only in `conversationId`. A blank query clears the hits.
    void search(const QString& query, const QString& conversationId = {});
    // Asks for the next page, unless one is on its way or this was the last.
    void loadMore();
    void clear();

    const QList<MessageSearchHit>& hits() const { return hits_; }
    QString query() const { return query_; }
    QString conversationId() const { return conversationId_; }
    bool isLoading() const { return loading_; }
    bool hasMore() const { return !nextCursor_.isEmpty(); }
    // A page was answered for the current query (so "no results" means no results).
    bool hasAnswer() const { return answered_; }
    QString errorText() const { return error_; }

    static QString failureText(const RequestFailure& failure);

signals:
    // The hits were replaced (a new search, or cleared): nothing is left of the old ones.
    void reset();
    // `count` hits were appended from index `first`.
    void hitsAdded(int first, int count);
    // Loading started or ended, or an error is to be shown (errorText()).
    void stateChanged();

private:
    void request();
    void onPage(quint64 generation, const MessageSearchPage& page);

    ChatActions* chat_;
    QList<MessageSearchHit> hits_;
    QString query_;
    QString conversationId_;
    QString nextCursor_;
    QString error_;
    bool loading_ = false;
    bool answered_ = false;
    quint64 generation_ = 0;  // answers of an older search are dropped
};

}  // namespace natter
