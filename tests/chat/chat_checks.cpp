#include "chat_checks.h"

#include <QtTest>

#include "protocol_checks.h"
#include "protocol_spec.h"

namespace natter::test::chat {
namespace {

const QString kConversationIdPrefix = QStringLiteral("c_");
const QString kUserIdPrefix = QStringLiteral("u_");
const QString kMessageIdPrefix = QStringLiteral("m_");

bool isInteger(const QJsonValue& value) {
    return value.isDouble() && value.toDouble() == double(value.toInteger());
}

}  // namespace

QString newClientMessageId() {
    static int counter = 0;
    return QStringLiteral("cm-%1-%2").arg(QCoreApplication::applicationPid()).arg(++counter);
}

QJsonObject toConversation(const QString& conversationId) {
    return {{QStringLiteral("conversation_id"), conversationId}};
}

QJsonObject toUser(const QString& userId) {
    return {{QStringLiteral("to_user_id"), userId}};
}

QJsonObject toUsername(const QString& username) {
    return {{QStringLiteral("to_username"), username}};
}

QJsonObject textParams(QJsonObject target, const QString& body, const QString& clientMessageId) {
    target.insert(QStringLiteral("client_message_id"), clientMessageId);
    target.insert(QStringLiteral("type"), QStringLiteral("text"));
    target.insert(QStringLiteral("body"), body);
    return target;
}

QJsonObject createGroupParams(const QString& name, const QStringList& memberIds,
                              const QString& body, const QString& clientMessageId) {
    QJsonObject params = textParams({}, body, clientMessageId);
    params.insert(QStringLiteral("name"), name);
    params.insert(QStringLiteral("member_ids"), QJsonArray::fromStringList(memberIds));
    return params;
}

QJsonObject conversationParam(const QString& conversationId) {
    return toConversation(conversationId);
}

QJsonObject sendText(WsTestClient& client, const QJsonObject& target, const QString& body,
                     const QString& clientMessageId) {
    return client.call(spec::method::kMessagesSend, textParams(target, body, clientMessageId));
}

QJsonObject messageOf(const QJsonObject& response) {
    return resultOf(response).value(QStringLiteral("message")).toObject();
}

QJsonObject conversationOf(const QJsonObject& response) {
    return resultOf(response).value(QStringLiteral("conversation")).toObject();
}

QString conversationIdOf(const QJsonObject& response) {
    return messageOf(response).value(QStringLiteral("conversation_id")).toString();
}

QString idOf(const QJsonObject& object) {
    return object.value(QStringLiteral("id")).toString();
}

int seqOf(const QJsonObject& message) {
    return message.value(QStringLiteral("seq")).toInt(-1);
}

QStringList userIdsOf(const QJsonArray& users) {
    QStringList ids;
    for (const QJsonValue& user : users) {
        ids.append(idOf(user.toObject()));
    }
    return ids;
}

QList<QJsonObject> eventsNamed(const WsTestClient& client, const QString& name) {
    QList<QJsonObject> result;
    for (const QJsonObject& message : client.received()) {
        if (message.value(QStringLiteral("event")).toString() == name) {
            result.append(message);
        }
    }
    return result;
}

QList<QJsonObject> messageEvents(const WsTestClient& client, const QString& conversationId) {
    QList<QJsonObject> result;
    for (const QJsonObject& event : eventsNamed(client, spec::event::kMessageNew)) {
        const QJsonObject data = event.value(QStringLiteral("data")).toObject();
        if (idOf(data.value(QStringLiteral("conversation")).toObject()) == conversationId) {
            result.append(data.value(QStringLiteral("message")).toObject());
        }
    }
    return result;
}

bool waitForEvents(const WsTestClient& client, const QString& name, int count, int timeoutMs) {
    return QTest::qWaitFor([&] { return eventsNamed(client, name).size() >= count; }, timeoutMs);
}

bool waitForMessageEvents(const WsTestClient& client, const QString& conversationId, int count,
                          int timeoutMs) {
    return QTest::qWaitFor([&] { return messageEvents(client, conversationId).size() >= count; },
                           timeoutMs);
}

qsizetype indexOfEvent(const WsTestClient& client, const QString& name,
                       const QString& conversationId, int seq) {
    const QList<QJsonObject>& all = client.received();
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (all.at(i).value(QStringLiteral("event")).toString() != name) {
            continue;
        }
        const QJsonObject data = all.at(i).value(QStringLiteral("data")).toObject();
        const QString id = data.contains(QStringLiteral("conversation_id"))
                               ? data.value(QStringLiteral("conversation_id")).toString()
                               : idOf(data.value(QStringLiteral("conversation")).toObject());
        if (id == conversationId &&
            (seq <= 0 || seqOf(data.value(QStringLiteral("message")).toObject()) == seq)) {
            return i;
        }
    }
    return -1;
}

QJsonObject waitForMessageSeq(const WsTestClient& client, const QString& conversationId, int seq,
                              int timeoutMs) {
    qsizetype index = -1;
    // A timeout leaves index at -1.
    (void)QTest::qWaitFor(
        [&] {
            index = indexOfEvent(client, spec::event::kMessageNew, conversationId, seq);
            return index >= 0;
        },
        timeoutMs);
    return index < 0 ? QJsonObject()
                     : client.received().at(index).value(QStringLiteral("data")).toObject();
}

QList<QJsonObject> fullHistory(WsTestClient& client, const QString& conversationId,
                               QString* error) {
    QList<QJsonObject> messages;
    for (int afterSeq = 0;;) {
        QJsonObject params = conversationParam(conversationId);
        params.insert(QStringLiteral("after_seq"), afterSeq);
        params.insert(QStringLiteral("limit"), spec::kHistoryPageMax);
        const QJsonObject response = client.call(spec::method::kMessagesHistory, params);
        const QJsonObject result = resultOf(response);
        const QJsonArray page = result.value(QStringLiteral("messages")).toArray();
        if (!isResult(response) ||
            (page.isEmpty() && result.value(QStringLiteral("has_more")).toBool())) {
            if (error) {
                *error = QStringLiteral("messages.history failed: ") + describe(response);
            }
            return messages;
        }
        for (const QJsonValue& message : page) {
            messages.append(message.toObject());
        }
        if (!result.value(QStringLiteral("has_more")).toBool()) {
            return messages;
        }
        afterSeq = seqOf(messages.last());
    }
}

QStringList messageShapeProblems(const QJsonObject& message) {
    QStringList problems;
    const auto require = [&](bool ok, const QString& what) {
        if (!ok) {
            problems.append(what + QStringLiteral(" in ") + describe(message));
        }
    };
    require(isPublicId(idOf(message), kMessageIdPrefix), QStringLiteral("id is not an m_ id"));
    require(isPublicId(message.value(QStringLiteral("conversation_id")).toString(),
                       kConversationIdPrefix),
            QStringLiteral("conversation_id is not a c_ id"));
    require(isInteger(message.value(QStringLiteral("seq"))) && seqOf(message) >= 1,
            QStringLiteral("seq is not a positive integer"));
    const QJsonValue sender = message.value(QStringLiteral("sender"));
    require(sender.isNull() || isPublicId(idOf(sender.toObject()), kUserIdPrefix),
            QStringLiteral("sender is neither null nor a User"));
    const QJsonValue clientId = message.value(QStringLiteral("client_message_id"));
    require(clientId.isNull() || clientId.isString(), QStringLiteral("client_message_id is wrong"));
    require(message.value(QStringLiteral("type")).isString(),
            QStringLiteral("type is not a string"));
    require(message.value(QStringLiteral("body")).isString(),
            QStringLiteral("body is not a string"));
    const QJsonValue meta = message.value(QStringLiteral("meta"));
    require(meta.isNull() || meta.isObject(), QStringLiteral("meta is neither null nor an object"));
    require(isInteger(message.value(QStringLiteral("sent_at"))),
            QStringLiteral("sent_at is not an integer"));
    return problems;
}

QStringList conversationShapeProblems(const QJsonObject& conversation) {
    QStringList problems;
    const auto require = [&](bool ok, const QString& what) {
        if (!ok) {
            problems.append(what + QStringLiteral(" in ") + describe(conversation));
        }
    };
    const QString kind = conversation.value(QStringLiteral("kind")).toString();
    require(isPublicId(idOf(conversation), kConversationIdPrefix),
            QStringLiteral("id is not a c_ id"));
    require(kind == QLatin1String("private") || kind == QLatin1String("group"),
            QStringLiteral("bad kind"));
    require(conversation.value(QStringLiteral("name")).isString(),
            QStringLiteral("name is not a string"));
    const QJsonValue owner = conversation.value(QStringLiteral("owner_id"));
    require(kind == QLatin1String("private") ? owner.isNull()
                                             : isPublicId(owner.toString(), kUserIdPrefix),
            QStringLiteral("owner_id is wrong for the kind"));
    require(conversation.value(QStringLiteral("members")).isArray(),
            QStringLiteral("members is not an array"));
    require(isInteger(conversation.value(QStringLiteral("created_at"))),
            QStringLiteral("bad created_at"));
    require(isInteger(conversation.value(QStringLiteral("last_seq"))),
            QStringLiteral("bad last_seq"));
    require(isInteger(conversation.value(QStringLiteral("last_activity_at"))),
            QStringLiteral("bad last_activity_at"));
    const QJsonValue last = conversation.value(QStringLiteral("last_message"));
    require(last.isNull() ||
                seqOf(last.toObject()) == conversation.value(QStringLiteral("last_seq")).toInt(),
            QStringLiteral("last_message is not the message at last_seq"));
    return problems;
}

}  // namespace natter::test::chat
