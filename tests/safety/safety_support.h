// Requests, checks and the fixture of the safety tests: chat requests, blocking, spam rules, mute
// and delivered receipts (docs/protocol.md sections 2, 3.4, 4, 5.5, 5.6, 5.7), each spelled out
// from the document alone, on top of the shared WebSocket test client and the chat and presence
// test helpers.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <memory>

#include "chat_server.h"
#include "protocol_checks.h"
#include "protocol_spec.h"
#include "ws_test_client.h"

namespace natter::test::safety {

// Writes `lines` (UTF-8, one per line) to a file in `dir` and returns the server arguments that
// name it as the banned-words list.
QStringList bannedWordsArgs(const QTemporaryDir& dir, const QStringList& lines);

// The server arguments that keep the documented per-user message rate (kMessageRatePerSecond,
// kMessageBurst), which the test server otherwise lifts.
QStringList messageRateArgs();

// Requests of sections 5.5 and 5.6; each returns the whole response.
QJsonObject block(WsTestClient& client, const QString& userId);
QJsonObject unblock(WsTestClient& client, const QString& userId);
QJsonObject accept(WsTestClient& client, const QString& conversationId);
QJsonObject mute(WsTestClient& client, const QString& conversationId, bool muted);
QJsonObject markDelivered(WsTestClient& client, const QString& conversationId, qint64 seq);
// The ids of users.blocked, in the order given; `error` is set when the call failed.
QStringList blockedIds(WsTestClient& client, QString* error);

// Sends every request at once (without waiting between them) and returns the responses in request
// order; a missing response is an empty object. Used where the time between the requests matters
// (the message rate refills a token per second).
QList<QJsonObject> callPipelined(WsTestClient& client, const QString& method,
                                 const QList<QJsonObject>& paramsList);
// The two halves of callPipelined, for pipelining on several connections at once: sends every
// request and returns their ids; then waits for the responses to those ids, in order.
QStringList sendPipelined(WsTestClient& client, const QString& method,
                          const QList<QJsonObject>& paramsList);
QList<QJsonObject> collectResponses(WsTestClient& client, const QStringList& ids);
// How many of the responses are results / errors with this code.
int countResults(const QList<QJsonObject>& responses);
int countErrors(const QList<QJsonObject>& responses, const QString& code);
// The first response that is an error with this code; empty when none is.
QJsonObject firstError(const QList<QJsonObject>& responses, const QString& code);
// A text message to `target` for messages.send, `count` times (fresh client_message_ids).
QList<QJsonObject> textMessages(const QJsonObject& target, int count,
                                const QString& body = QStringLiteral("hello"));
// The objects as one compact JSON array, for comparisons that show both sides when they differ.
QString jsonText(const QList<QJsonObject>& objects);

// messages.send params for a photo (section 5.2 attachment types) to `target` with `caption` as
// its body; `ref` must name a finished upload of the sender (5.8) for the send to succeed.
QJsonObject photoParams(const QJsonObject& target, const QString& caption,
                        const QString& ref = QStringLiteral("r1"));
// error.field of a response (empty when absent).
QString errorFieldOf(const QJsonObject& response);
// error.retry_after_ms of a response; -1 when absent or not an integer.
qint64 retryAfterMsOf(const QJsonObject& response);

// last_seq of a conversation as `client` sees it with conversations.get (-1 when the call failed):
// what shows whether a refused message was stored after all.
qint64 lastSeqSeenBy(WsTestClient& client, const QString& conversationId);
// The ids of every conversation `client` has (conversations.list, all pages), sorted; `error` is
// set when a page failed.
QStringList conversationIdsOf(WsTestClient& client, QString* error);
// Problems with a per-viewer flag of section 3.4/5.6 ("request", "muted", "blocked"): it must be
// the JSON bool `expected` in conversations.get, conversations.list and sync. Empty when it is.
QStringList flagProblems(WsTestClient& client, const QString& conversationId, const QString& name,
                         bool expected);

// The fixture of the safety suites: one server for the whole test class, started with
// serverArgs(); after each test function every connection is closed and everything the server sent
// is checked for protocol problems (text that is not JSON, ids that are not public ids, numbers
// the document does not define).
class SafetyTest : public QObject {
    Q_OBJECT

protected:
    // Extra natter-server arguments; may write files into configDir().
    virtual QStringList serverArgs() { return {}; }
    const QTemporaryDir& configDir() const { return configDir_; }
    chat::ChatServer& server() { return *server_; }
    // Registers `count` fresh users; shorter only on failure.
    QList<chat::ChatUser> newUsers(int count);

private slots:  // Qt Test runs these for every class derived from this one
    void initTestCase();
    void cleanup();

private:
    QTemporaryDir configDir_;
    std::unique_ptr<chat::ChatServer> server_;
};

}  // namespace natter::test::safety

// Fails unless `response` is an error with this code (a string literal) whose error.field is
// `fieldName` (a string literal).
#define NATTER_COMPARE_ERROR_FIELD(response, code, fieldName)                                     \
    do {                                                                                          \
        const QJsonObject natterResponse_ = (response);                                           \
        NATTER_COMPARE_ERROR(natterResponse_, code);                                              \
        QCOMPARE(natter::test::safety::errorFieldOf(natterResponse_), QStringLiteral(fieldName)); \
    } while (false)

// Fails unless `response` is a success whose result is {} (as users.block and users.unblock
// answer).
#define NATTER_VERIFY_EMPTY_RESULT(response)                           \
    do {                                                               \
        const QJsonObject natterEmpty_ = (response);                   \
        NATTER_VERIFY_RESULT(natterEmpty_);                            \
        QCOMPARE(natter::test::resultOf(natterEmpty_), QJsonObject()); \
    } while (false)
