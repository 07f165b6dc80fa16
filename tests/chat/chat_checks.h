// Requests, event helpers and checks for the conversation and message tests, each spelled out
// from docs/protocol.md (sections 3.4, 5.2, 5.3, 5.7), not from shared/; the names and limits they
// use are in protocol_spec.h.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "protocol_spec.h"
#include "ws_test_client.h"

namespace natter::test::chat {

// Well-formed public ids that no server will ever have handed out (all-zero random bits would be
// a 1 in 2^128 coincidence).
inline const QString kMadeUpConversationId = QStringLiteral("c_AAAAAAAAAAAAAAAAAAAAAA");
inline const QString kMadeUpUserId = QStringLiteral("u_AAAAAAAAAAAAAAAAAAAAAA");

// A client_message_id never used before in this test process.
QString newClientMessageId();

// The addressing part of messages.send params.
QJsonObject toConversation(const QString& conversationId);
QJsonObject toUser(const QString& userId);
QJsonObject toUsername(const QString& username);
// `target` plus a text message.
QJsonObject textParams(QJsonObject target, const QString& body,
                       const QString& clientMessageId = newClientMessageId());
QJsonObject createGroupParams(const QString& name, const QStringList& memberIds,
                              const QString& body,
                              const QString& clientMessageId = newClientMessageId());
QJsonObject conversationParam(const QString& conversationId);

// Sends a text message and waits for the answer.
QJsonObject sendText(WsTestClient& client, const QJsonObject& target, const QString& body,
                     const QString& clientMessageId = newClientMessageId());
// result.message / result.conversation of a response (empty when absent).
QJsonObject messageOf(const QJsonObject& response);
QJsonObject conversationOf(const QJsonObject& response);
// result.message.conversation_id of a messages.send response (empty when absent).
QString conversationIdOf(const QJsonObject& response);
QString idOf(const QJsonObject& object);
int seqOf(const QJsonObject& message);
QStringList userIdsOf(const QJsonArray& users);

// Events with this name the client received so far, in arrival order.
QList<QJsonObject> eventsNamed(const WsTestClient& client, const QString& name);
// The Message objects of the message.new events for one conversation, in arrival order.
QList<QJsonObject> messageEvents(const WsTestClient& client, const QString& conversationId);
// Waits until the client got at least `count` events named `name` (all conversations).
bool waitForEvents(const WsTestClient& client, const QString& name, int count,
                   int timeoutMs = WsTestClient::kDefaultTimeoutMs);
// Waits until the client got at least `count` message.new events for the conversation.
bool waitForMessageEvents(const WsTestClient& client, const QString& conversationId, int count,
                          int timeoutMs = WsTestClient::kDefaultTimeoutMs);
// Index in received() of the first event named `name` matching the conversation (id in
// data.conversation.id or data.conversation_id) and, when > 0, the message seq; -1 when none.
qsizetype indexOfEvent(const WsTestClient& client, const QString& name,
                       const QString& conversationId, int seq = 0);

// Waits for the message.new event of the conversation's message `seq` and returns its data
// ({"conversation", "message"}); empty on timeout.
QJsonObject waitForMessageSeq(const WsTestClient& client, const QString& conversationId, int seq,
                              int timeoutMs = WsTestClient::kDefaultTimeoutMs);

// Every message of a conversation via messages.history (after_seq paging); `error` receives a
// description when a page failed.
QList<QJsonObject> fullHistory(WsTestClient& client, const QString& conversationId,
                               QString* error = nullptr);

// Problems with a Message / Conversation object against section 3.4; empty when it is right.
QStringList messageShapeProblems(const QJsonObject& message);
QStringList conversationShapeProblems(const QJsonObject& conversation);

}  // namespace natter::test::chat

// Fails unless the list of problems is empty; shows them otherwise.
#define NATTER_VERIFY_NO_PROBLEMS(problems)                                                       \
    do {                                                                                          \
        const QStringList natterProblems_ = (problems);                                           \
        QVERIFY2(natterProblems_.isEmpty(), qPrintable(natterProblems_.join(QLatin1Char('\n')))); \
    } while (false)
