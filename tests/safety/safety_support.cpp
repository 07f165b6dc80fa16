#include "safety_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

#include "chat_checks.h"
#include "presence_support.h"
#include "protocol_spec.h"

namespace natter::test::safety {
namespace {

QJsonObject userIdParam(const QString& userId) {
    return {{QStringLiteral("user_id"), userId}};
}

QString flagMismatch(const QString& where, const QJsonObject& conversation, const QString& name,
                     bool expected) {
    const QJsonValue value = conversation.value(name);
    if (value.isBool() && value.toBool() == expected) {
        return {};
    }
    return QStringLiteral("%1: %2 should be %3 in %4")
        .arg(where, name, expected ? QStringLiteral("true") : QStringLiteral("false"),
             describe(conversation));
}

}  // namespace

QStringList bannedWordsArgs(const QTemporaryDir& dir, const QStringList& lines) {
    const QString path = dir.filePath(QStringLiteral("banned-words.txt"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        qWarning().noquote() << "cannot write" << path;
        return {};
    }
    file.write(lines.join(u'\n').toUtf8() + '\n');
    return {QStringLiteral("--banned-words"), path};
}

QStringList messageRateArgs() {
    return {QStringLiteral("--message-rate"), QString::number(spec::kMessageRatePerSecond),
            QStringLiteral("--message-burst"), QString::number(spec::kMessageBurst)};
}

QJsonObject block(WsTestClient& client, const QString& userId) {
    return client.call(spec::method::kUsersBlock, userIdParam(userId));
}

QJsonObject unblock(WsTestClient& client, const QString& userId) {
    return client.call(spec::method::kUsersUnblock, userIdParam(userId));
}

QJsonObject accept(WsTestClient& client, const QString& conversationId) {
    return client.call(spec::method::kConversationsAccept, chat::conversationParam(conversationId));
}

QJsonObject mute(WsTestClient& client, const QString& conversationId, bool muted) {
    QJsonObject params = chat::conversationParam(conversationId);
    params.insert(QStringLiteral("muted"), muted);
    return client.call(spec::method::kConversationsMute, params);
}

QJsonObject markDelivered(WsTestClient& client, const QString& conversationId, qint64 seq) {
    QJsonObject params = chat::conversationParam(conversationId);
    params.insert(QStringLiteral("seq"), seq);
    return client.call(spec::method::kConversationsMarkDelivered, params);
}

QStringList blockedIds(WsTestClient& client, QString* error) {
    const QJsonObject response = client.call(spec::method::kUsersBlocked);
    if (!isResult(response) && error) {
        *error = QStringLiteral("users.blocked failed: ") + describe(response);
    }
    return chat::userIdsOf(resultOf(response).value(QStringLiteral("users")).toArray());
}

QStringList sendPipelined(WsTestClient& client, const QString& method,
                          const QList<QJsonObject>& paramsList) {
    static int counter = 0;
    QStringList ids;
    for (const QJsonObject& params : paramsList) {
        ids.append(QStringLiteral("pipelined-%1").arg(++counter));
        client.sendRequest(ids.last(), method, params);
    }
    return ids;
}

QList<QJsonObject> collectResponses(WsTestClient& client, const QStringList& ids) {
    QList<QJsonObject> responses;
    for (const QString& id : ids) {
        responses.append(client.waitForResponse(id));
    }
    return responses;
}

QList<QJsonObject> callPipelined(WsTestClient& client, const QString& method,
                                 const QList<QJsonObject>& paramsList) {
    return collectResponses(client, sendPipelined(client, method, paramsList));
}

int countResults(const QList<QJsonObject>& responses) {
    return int(std::count_if(responses.begin(), responses.end(), isResult));
}

int countErrors(const QList<QJsonObject>& responses, const QString& code) {
    return int(std::count_if(responses.begin(), responses.end(),
                             [&](const QJsonObject& r) { return errorCodeOf(r) == code; }));
}

QJsonObject firstError(const QList<QJsonObject>& responses, const QString& code) {
    for (const QJsonObject& response : responses) {
        if (errorCodeOf(response) == code) {
            return response;
        }
    }
    return {};
}

QList<QJsonObject> textMessages(const QJsonObject& target, int count, const QString& body) {
    QList<QJsonObject> messages;
    for (int i = 0; i < count; ++i) {
        messages.append(chat::textParams(target, body));
    }
    return messages;
}

QString jsonText(const QList<QJsonObject>& objects) {
    QJsonArray array;
    for (const QJsonObject& object : objects) {
        array.append(object);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QJsonObject photoParams(const QJsonObject& target, const QString& caption, const QString& ref) {
    QJsonObject params = chat::textParams(target, caption);
    params.insert(QStringLiteral("type"), QStringLiteral("photo"));
    params.insert(QStringLiteral("meta"),
                  QJsonObject{{QStringLiteral("ref"), ref},
                              {QStringLiteral("name"), QStringLiteral("a.jpg")},
                              {QStringLiteral("size"), 1234},
                              {QStringLiteral("mime"), QStringLiteral("image/jpeg")}});
    return params;
}

QString errorFieldOf(const QJsonObject& response) {
    return errorOf(response).value(QStringLiteral("field")).toString();
}

qint64 retryAfterMsOf(const QJsonObject& response) {
    const QJsonValue value = errorOf(response).value(QStringLiteral("retry_after_ms"));
    return presence::isInteger(value) ? value.toInteger() : -1;
}

qint64 lastSeqSeenBy(WsTestClient& client, const QString& conversationId) {
    const QJsonObject response =
        client.call(spec::method::kConversationsGet, chat::conversationParam(conversationId));
    if (!isResult(response)) {
        qWarning().noquote() << "conversations.get failed:" << describe(response);
        return -1;
    }
    return chat::conversationOf(response).value(QStringLiteral("last_seq")).toInteger(-1);
}

QStringList conversationIdsOf(WsTestClient& client, QString* error) {
    const presence::ConversationList list = presence::listAllConversations(client);
    if (!list.error.isEmpty() && error) {
        *error = list.error;
    }
    QStringList ids = list.byId.keys();
    ids.sort();
    return ids;
}

QStringList flagProblems(WsTestClient& client, const QString& conversationId, const QString& name,
                         bool expected) {
    QString error;
    QStringList problems;
    const auto check = [&](const QString& where, const QJsonObject& conversation) {
        const QString mismatch = flagMismatch(where, conversation, name, expected);
        if (!mismatch.isEmpty()) {
            problems.append(mismatch);
        }
    };
    check(spec::method::kConversationsGet,
          presence::fetchConversation(client, conversationId, &error));
    const presence::ConversationList list = presence::listAllConversations(client);
    check(spec::method::kConversationsList, list.byId.value(conversationId));
    check(spec::method::kSync, presence::syncedConversations(client, &error).value(conversationId));
    for (const QString& failure : {error, list.error}) {
        if (!failure.isEmpty()) {
            problems.append(failure);
        }
    }
    return problems;
}

QList<chat::ChatUser> SafetyTest::newUsers(int count) {
    return server().registerUsers(QStringLiteral("sf"), count);
}

void SafetyTest::initTestCase() {
    QVERIFY(configDir_.isValid());
    server_ = std::make_unique<chat::ChatServer>(serverArgs());
    const QString problem = server_->start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void SafetyTest::cleanup() {
    presence::reportServerOnFailure(*server_);
    NATTER_VERIFY_NO_PROBLEMS(server_->releaseClients());
}

}  // namespace natter::test::safety
