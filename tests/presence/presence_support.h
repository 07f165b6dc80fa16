// Requests, event helpers and checks for the presence, read state and typing tests, each spelled
// out from docs/protocol.md (sections 2, 3.4, 5.4, 5.5, 5.7) alone, on top of the shared WebSocket
// test client and the chat test helpers (for accounts, conversations and messages).
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

#include "chat_server.h"
#include "protocol_spec.h"
#include "ws_test_client.h"

namespace natter::test::presence {

// "Not before the grace period" needs no tolerance: the test's clock starts before the close, and
// the server's grace period can start only once it has noticed the close, so an offline seen
// earlier than kPresenceOfflineGraceMs on that clock was announced early. A documented upper bound,
// though, is checked with this much allowance, because a loaded two-core machine may deliver (and
// the test notice) an event that late. Not a speed requirement: it keeps the bounds checkable.
inline constexpr int kLateToleranceMs = 3'000;
// How long to keep listening when checking that an event does NOT come: events are sent together
// with the response that caused them, so anything wrong shows up well within this.
inline constexpr int kQuietPeriodMs = 400;

// How many messages the client has received so far; later lookups start from such a position.
qsizetype positionOf(const WsTestClient& client);
// The `data` of every event named `name` received at or after position `from`, in order.
QList<QJsonObject> eventData(const WsTestClient& client, const QString& name, qsizetype from = 0);
// The presence.changed data about one user received at or after `from`.
QList<QJsonObject> presenceChangesAbout(const WsTestClient& client, const QString& userId,
                                        qsizetype from = 0);
// The `status` members of presence objects, in order (for readable comparisons).
QStringList statusesOf(const QList<QJsonObject>& presences);
// Waits until the client got at least `count` events named `name` since `from`.
bool waitForEventCount(const WsTestClient& client, const QString& name, int count,
                       qsizetype from = 0, int timeoutMs = WsTestClient::kDefaultTimeoutMs);
// Lets the event loop run for `ms` so that events that should not come have the chance to.
void listenQuietly(int ms = kQuietPeriodMs);

// Waits until every condition holds (or timeoutMs passed); returns for each condition the
// milliseconds on `clock` at which it was first seen to hold, or -1 when it never did.
QList<qint64> arrivalTimes(const QList<std::function<bool()>>& conditions,
                           const QElapsedTimer& clock, int timeoutMs);

// A well-formed user id (section 3.4) that no server will ever have handed out: its 128 random
// bits are all zero but for `n`.
QString madeUpUserId(quint32 n);

// Requests of sections 5.4 and 5.5.
QJsonObject presenceGet(WsTestClient& client, const QStringList& userIds);
QJsonObject markRead(WsTestClient& client, const QString& conversationId, qint64 seq);
QJsonObject setTyping(WsTestClient& client, const QString& conversationId, bool typing);

// Starts a private conversation with one message from `client` to `toUserId`; the conversation id
// or empty (with `error` set) on failure.
QString startPrivateConversation(WsTestClient& client, const QString& toUserId, QString* error);
// Creates a group owned by `owner` with the members; the id or empty (with `error` set).
QString createGroup(WsTestClient& owner, const QStringList& memberIds, QString* error);
// The Conversation of conversations.get, or empty (with `error` set).
QJsonObject fetchConversation(WsTestClient& client, const QString& conversationId, QString* error);

// Every conversation of conversations.list (all pages) by id, and the total_unread of the first
// page; `error` is set when a page failed.
struct ConversationList {
    QHash<QString, QJsonObject> byId;
    QJsonValue totalUnread;
    QString error;
};
ConversationList listAllConversations(WsTestClient& client);
// Every Conversation object `sync` returns with empty cursors (repeated while `more`), by id.
QHash<QString, QJsonObject> syncedConversations(WsTestClient& client, QString* error);

// The read state members (section 3.4 / 5.5) of a Conversation or a mark_read answer as
// {last_read_seq, unread_count} for compact comparisons; -1 where absent or not an integer.
QList<qint64> readStateOf(const QJsonObject& object);
// read_positions of a Conversation as user id -> last_read_seq (-1 for a malformed entry).
QHash<QString, qint64> readPositionsOf(const QJsonObject& conversation);

// The data of read_state.changed (and the mark_read result) and of receipt.read (section 5.7).
QJsonObject readStateData(const QString& conversationId, qint64 lastReadSeq, qint64 unreadCount,
                          qint64 totalUnread);
QJsonObject receiptData(const QString& conversationId, const QString& userId, qint64 lastReadSeq);
// Empty when the objects are equal, else both as JSON.
QString jsonMismatch(const QJsonObject& actual, const QJsonObject& expected);

// Problems with a Presence object (section 3.4) for `userId`; empty when it is right.
QStringList presenceShapeProblems(const QJsonObject& presence, const QString& userId);

// When the current test function failed: prints whether the server still runs and the end of
// its log (which is lost with its temporary data dir), so a failure can be diagnosed afterwards.
void reportServerOnFailure(chat::ChatServer& server);

// The current time as the server writes timestamps (ms since the epoch).
qint64 nowMs();
bool isInteger(const QJsonValue& value);

}  // namespace natter::test::presence

// Fails unless the two JSON objects are equal; shows both otherwise.
#define NATTER_COMPARE_JSON(actual, expected)                                                   \
    do {                                                                                        \
        const QString natterMismatch_ = natter::test::presence::jsonMismatch(actual, expected); \
        QVERIFY2(natterMismatch_.isEmpty(), qPrintable(natterMismatch_));                       \
    } while (false)
