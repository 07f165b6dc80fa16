// One chatting user of the kill -9 chaos run (docs/testing.md): sends text messages with
// client_message_ids to its group and its private partner, records what the server acknowledged,
// marks conversations read now and then, and keeps every message it has seen (acknowledgements,
// message.new events, sync answers) as its view of each conversation.
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QRandomGenerator>
#include <QString>

#include "chat_server.h"
#include "ws_test_client.h"

namespace natter::test::chaos {

struct SeenMessage {
    QString id;
    QString senderId;  // empty for system messages
};
// conversation id -> seq -> message
using ConversationView = QHash<QString, QMap<int, SeenMessage>>;

struct SentMessage {
    QJsonObject params;  // as first sent; a retry repeats it unchanged
    QJsonObject ack;     // the acknowledged Message; empty until acknowledged
};

class ChaosClient {
public:
    ChaosClient(chat::ChatUser user, QList<QJsonObject> targets);

    const chat::ChatUser& user() const { return user_; }
    // A fresh signed-in connection after a (re)start; whatever was in flight on the old one is
    // forgotten (unacknowledged messages are retried by retryUnacknowledged).
    void attach(WsTestClient* client);
    // Takes the answers and events that arrived, then sends at most one new message (keeping at
    // most a few unanswered) and now and then marks a conversation read.
    void pump(QRandomGenerator& random);
    // Resends every unacknowledged message with its client_message_id and waits for the answers.
    // Returns what went wrong, or an empty string.
    QString retryUnacknowledged();
    // Catches up with sync from the view's gap-free cursors until nothing more is pending.
    QString syncView();
    // Marks `conversationId` read up to `seq` and waits for the answer.
    QString markRead(const QString& conversationId, int seq);

    const ConversationView& view() const { return view_; }
    const QList<SentMessage>& sent() const { return sent_; }
    // conversation id -> the highest last_read_seq an acknowledged mark_read answered
    const QHash<QString, int>& ackedReadMarkers() const { return ackedReadMarkers_; }
    // A seq seen with two different message ids (a duplicate or a reordering).
    int viewConflicts() const { return viewConflicts_; }
    // Messages resent after a kill, and how many of those the server had already stored
    // (answered "duplicate": true: stored, but the acknowledgement died with the server).
    int retried() const { return retried_; }
    int retriedDuplicates() const { return retriedDuplicates_; }
    // Highest seq n such that the view holds 1..n.
    int gapFreeSeq(const QString& conversationId) const;

private:
    struct Pending {
        bool isSend = true;
        int index = 0;  // into sent_ for sends
        QString conversationId;
    };
    QString nextRequestId() { return QStringLiteral("x%1").arg(++requestCounter_); }
    void takeAnswers();
    void takeEvents();
    void absorb(const QJsonObject& message);
    void noteReadAnswer(const QJsonObject& result);

    chat::ChatUser user_;
    QList<QJsonObject> targets_;
    WsTestClient* client_ = nullptr;  // owned by the ChatServer
    qsizetype eventsSeen_ = 0;
    qint64 requestCounter_ = 0;
    QHash<QString, Pending> pending_;  // request id -> what it was
    QList<SentMessage> sent_;
    ConversationView view_;
    QHash<QString, int> ackedReadMarkers_;
    int viewConflicts_ = 0;
    int retried_ = 0;
    int retriedDuplicates_ = 0;
};

}  // namespace natter::test::chaos
