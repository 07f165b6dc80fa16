#include "presence_support.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSet>
#include <QtEndian>
#include <QtTest>

#include "chat_checks.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

namespace natter::test::presence {
namespace {

QString describeFailure(const QString& what, const QJsonObject& response) {
    return what + QStringLiteral(" failed: ") + describe(response);
}

void setError(QString* error, const QString& text) {
    if (error) {
        *error = text;
    }
}

qint64 integerOr(const QJsonValue& value, qint64 fallback) {
    return isInteger(value) ? value.toInteger() : fallback;
}

}  // namespace

void reportServerOnFailure(chat::ChatServer& server) {
    if (QTest::currentTestFailed()) {
        qWarning().noquote() << "natter-server running:" << server.process().isRunning()
                             << "\nlast lines of its log:\n"
                             << server.logTail();
    }
}

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

bool isInteger(const QJsonValue& value) {
    return value.isDouble() && value.toDouble() == double(value.toInteger());
}

qsizetype positionOf(const WsTestClient& client) {
    return client.received().size();
}

QList<QJsonObject> eventData(const WsTestClient& client, const QString& name, qsizetype from) {
    QList<QJsonObject> result;
    const QList<QJsonObject>& all = client.received();
    for (qsizetype i = qMax<qsizetype>(0, from); i < all.size(); ++i) {
        if (all.at(i).value(QStringLiteral("event")).toString() == name) {
            result.append(all.at(i).value(QStringLiteral("data")).toObject());
        }
    }
    return result;
}

QList<QJsonObject> presenceChangesAbout(const WsTestClient& client, const QString& userId,
                                        qsizetype from) {
    QList<QJsonObject> result;
    for (const QJsonObject& data : eventData(client, spec::event::kPresenceChanged, from)) {
        if (data.value(QStringLiteral("user_id")).toString() == userId) {
            result.append(data);
        }
    }
    return result;
}

QStringList statusesOf(const QList<QJsonObject>& presences) {
    QStringList statuses;
    for (const QJsonObject& presence : presences) {
        statuses.append(presence.value(QStringLiteral("status")).toString());
    }
    return statuses;
}

bool waitForEventCount(const WsTestClient& client, const QString& name, int count, qsizetype from,
                       int timeoutMs) {
    return QTest::qWaitFor([&] { return eventData(client, name, from).size() >= count; },
                           timeoutMs);
}

void listenQuietly(int ms) {
    QTest::qWait(ms);
}

QList<qint64> arrivalTimes(const QList<std::function<bool()>>& conditions,
                           const QElapsedTimer& clock, int timeoutMs) {
    QList<qint64> arrivals(conditions.size(), -1);
    const auto allArrived = [&] {
        bool all = true;
        for (qsizetype i = 0; i < conditions.size(); ++i) {
            if (arrivals.at(i) < 0 && conditions.at(i)()) {
                arrivals[i] = clock.elapsed();
            }
            all = all && arrivals.at(i) >= 0;
        }
        return all;
    };
    // A timeout leaves the missing arrivals at -1.
    (void)QTest::qWaitFor(allArrived, timeoutMs);
    return arrivals;
}

QString madeUpUserId(quint32 n) {
    QByteArray bits(16, '\0');
    qToBigEndian(n, bits.data() + 12);
    return QStringLiteral("u_") +
           QString::fromLatin1(
               bits.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QJsonObject presenceGet(WsTestClient& client, const QStringList& userIds) {
    return client.call(spec::method::kPresenceGet,
                       {{QStringLiteral("user_ids"), QJsonArray::fromStringList(userIds)}});
}

QJsonObject markRead(WsTestClient& client, const QString& conversationId, qint64 seq) {
    return client.call(
        spec::method::kConversationsMarkRead,
        {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("seq"), seq}});
}

QJsonObject setTyping(WsTestClient& client, const QString& conversationId, bool typing) {
    return client.call(
        spec::method::kTypingSet,
        {{QStringLiteral("conversation_id"), conversationId}, {QStringLiteral("typing"), typing}});
}

QString startPrivateConversation(WsTestClient& client, const QString& toUserId, QString* error) {
    const QJsonObject response =
        chat::sendText(client, chat::toUser(toUserId), QStringLiteral("hello"));
    const QString id =
        chat::messageOf(response).value(QStringLiteral("conversation_id")).toString();
    if (id.isEmpty()) {
        setError(error, describeFailure(spec::method::kMessagesSend, response));
    }
    return id;
}

QString createGroup(WsTestClient& owner, const QStringList& memberIds, QString* error) {
    const QJsonObject response = owner.call(
        spec::method::kConversationsCreateGroup,
        chat::createGroupParams(QStringLiteral("Presence group"), memberIds, QStringLiteral("hi")));
    const QString id = chat::idOf(chat::conversationOf(response));
    if (id.isEmpty()) {
        setError(error, describeFailure(spec::method::kConversationsCreateGroup, response));
    }
    return id;
}

QJsonObject fetchConversation(WsTestClient& client, const QString& conversationId, QString* error) {
    const QJsonObject response =
        client.call(spec::method::kConversationsGet, chat::conversationParam(conversationId));
    if (!isResult(response)) {
        setError(error, describeFailure(spec::method::kConversationsGet, response));
    }
    return chat::conversationOf(response);
}

ConversationList listAllConversations(WsTestClient& client) {
    ConversationList list;
    QJsonObject params{{QStringLiteral("limit"), spec::kConversationPageMax}};
    for (bool first = true;; first = false) {
        const QJsonObject response = client.call(spec::method::kConversationsList, params);
        if (!isResult(response)) {
            list.error = describeFailure(spec::method::kConversationsList, response);
            return list;
        }
        const QJsonObject result = resultOf(response);
        if (first) {
            list.totalUnread = result.value(QStringLiteral("total_unread"));
        }
        for (const QJsonValue& conversation :
             result.value(QStringLiteral("conversations")).toArray()) {
            list.byId.insert(chat::idOf(conversation.toObject()), conversation.toObject());
        }
        const QJsonValue cursor = result.value(QStringLiteral("next_cursor"));
        if (!cursor.isString()) {
            return list;
        }
        params.insert(QStringLiteral("cursor"), cursor);
    }
}

QHash<QString, QJsonObject> syncedConversations(WsTestClient& client, QString* error) {
    QHash<QString, QJsonObject> byId;
    QJsonObject cursors;
    for (;;) {
        const QJsonObject response =
            client.call(spec::method::kSync, {{QStringLiteral("cursors"), cursors}});
        if (!isResult(response)) {
            setError(error, describeFailure(spec::method::kSync, response));
            return byId;
        }
        const QJsonObject result = resultOf(response);
        for (const QJsonValue& entry : result.value(QStringLiteral("conversations")).toArray()) {
            const QJsonObject conversation =
                entry.toObject().value(QStringLiteral("conversation")).toObject();
            byId.insert(chat::idOf(conversation), conversation);
            cursors.insert(chat::idOf(conversation),
                           conversation.value(QStringLiteral("last_seq")));
        }
        if (!result.value(QStringLiteral("more")).toBool()) {
            return byId;
        }
    }
}

QList<qint64> readStateOf(const QJsonObject& object) {
    return {integerOr(object.value(QStringLiteral("last_read_seq")), -1),
            integerOr(object.value(QStringLiteral("unread_count")), -1)};
}

QHash<QString, qint64> readPositionsOf(const QJsonObject& conversation) {
    QHash<QString, qint64> positions;
    for (const QJsonValue& entry : conversation.value(QStringLiteral("read_positions")).toArray()) {
        const QJsonObject position = entry.toObject();
        positions.insert(position.value(QStringLiteral("user_id")).toString(),
                         integerOr(position.value(QStringLiteral("last_read_seq")), -1));
    }
    return positions;
}

QJsonObject readStateData(const QString& conversationId, qint64 lastReadSeq, qint64 unreadCount,
                          qint64 totalUnread) {
    return {{QStringLiteral("conversation_id"), conversationId},
            {QStringLiteral("last_read_seq"), lastReadSeq},
            {QStringLiteral("unread_count"), unreadCount},
            {QStringLiteral("total_unread"), totalUnread}};
}

QJsonObject receiptData(const QString& conversationId, const QString& userId, qint64 lastReadSeq) {
    return {{QStringLiteral("conversation_id"), conversationId},
            {QStringLiteral("user_id"), userId},
            {QStringLiteral("last_read_seq"), lastReadSeq}};
}

QString jsonMismatch(const QJsonObject& actual, const QJsonObject& expected) {
    if (actual == expected) {
        return {};
    }
    const auto compact = [](const QJsonObject& object) {
        return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
    };
    return QStringLiteral("actual:   ") + compact(actual) + QStringLiteral("\nexpected: ") +
           compact(expected);
}

QStringList presenceShapeProblems(const QJsonObject& presence, const QString& userId) {
    QStringList problems;
    const auto require = [&](bool ok, const QString& what) {
        if (!ok) {
            problems.append(what + QStringLiteral(" in ") + describe(presence));
        }
    };
    require(presence.value(QStringLiteral("user_id")).toString() == userId,
            QStringLiteral("user_id is not ") + userId);
    const QString statusText = presence.value(QStringLiteral("status")).toString();
    require(statusText == spec::status::kOnline || statusText == spec::status::kOffline ||
                statusText == spec::status::kUnknown,
            QStringLiteral("status is not online/offline/unknown"));
    const QJsonValue lastSeen = presence.value(QStringLiteral("last_seen_at"));
    require(presence.contains(QStringLiteral("last_seen_at")) &&
                (lastSeen.isNull() || isInteger(lastSeen)),
            QStringLiteral("last_seen_at is neither an integer nor null"));
    return problems;
}

}  // namespace natter::test::presence
