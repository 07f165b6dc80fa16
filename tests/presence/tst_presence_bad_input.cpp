// Bad parameters for the methods of docs/protocol.md sections 5.4 and 5.5 (presence.get,
// conversations.mark_read, typing.set): every missing or wrongly typed parameter, and every value
// that breaks its rule, is `invalid_params` naming the parameter in `field` (section 3.2, 4), and
// the connection stays usable afterwards.
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "presence_support.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;
using namespace natter::test::presence;

namespace {

const QString kConversationId = QStringLiteral("conversation_id");
const QString kUserIds = QStringLiteral("user_ids");
const QString kSeq = QStringLiteral("seq");
const QString kTyping = QStringLiteral("typing");

// Values of every JSON type but the one a parameter needs.
struct WrongValue {
    const char* name;
    QJsonValue value;
};
QList<WrongValue> wrongValues(QJsonValue::Type rightType) {
    const QList<WrongValue> all{{"string", QStringLiteral("3")},
                                {"integer", 3},
                                {"fraction", 1.5},
                                {"bool", true},
                                {"null", QJsonValue::Null},
                                {"array", QJsonArray{3}},
                                {"object", QJsonObject{{QStringLiteral("seq"), 3}}}};
    QList<WrongValue> wrong;
    for (const WrongValue& candidate : all) {
        // Integer parameters are JSON numbers, so a fraction is the wrong number for them.
        const bool fraction = candidate.value.toDouble() != double(candidate.value.toInteger());
        if (candidate.value.type() != rightType || fraction) {
            wrong.append(candidate);
        }
    }
    return wrong;
}

}  // namespace

class TestPresenceBadInput : public QObject {
    Q_OBJECT

private:
    // One row for `params` with `name` replaced by each wrong value, and one without it.
    void addRowsFor(const QString& method, const QJsonObject& validParams, const QString& name,
                    QJsonValue::Type rightType);
    void addRow(const QString& label, const QString& method, const QJsonObject& params,
                const QString& field);

    ChatServer server_;
    ChatUser user_, partner_;
    QString conversationId_;

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void badParameterIsInvalidParamsAndConnectionStaysUsable_data();
    void badParameterIsInvalidParamsAndConnectionStaysUsable();
};

void TestPresenceBadInput::initTestCase() {
    QString problem = server_.start();
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("bi"), 2);
    QCOMPARE(users.size(), 2);
    user_ = users.at(0), partner_ = users.at(1);
    conversationId_ = startPrivateConversation(*user_.client, partner_.userId, &problem);
    QVERIFY2(!conversationId_.isEmpty(), qPrintable(problem));
}

void TestPresenceBadInput::cleanup() {
    reportServerOnFailure(server_);
}

void TestPresenceBadInput::cleanupTestCase() {
    NATTER_VERIFY_NO_PROBLEMS(server_.releaseClients());
}

void TestPresenceBadInput::addRow(const QString& label, const QString& method,
                                  const QJsonObject& params, const QString& field) {
    QTest::addRow("%s", qPrintable(label)) << method << params << field;
}

void TestPresenceBadInput::addRowsFor(const QString& method, const QJsonObject& validParams,
                                      const QString& name, QJsonValue::Type rightType) {
    QJsonObject missing = validParams;
    missing.remove(name);
    addRow(QStringLiteral("%1 %2 missing").arg(method, name), method, missing, name);
    for (const WrongValue& wrong : wrongValues(rightType)) {
        QJsonObject params = validParams;
        params.insert(name, wrong.value);
        addRow(QStringLiteral("%1 %2 %3").arg(method, name, QLatin1String(wrong.name)), method,
               params, name);
    }
}

void TestPresenceBadInput::badParameterIsInvalidParamsAndConnectionStaysUsable_data() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("field");

    const QJsonObject presence{{kUserIds, QJsonArray{partner_.userId}}};
    addRowsFor(spec::method::kPresenceGet, presence, kUserIds, QJsonValue::Array);
    addRow(QStringLiteral("presence.get no ids"), spec::method::kPresenceGet,
           {{kUserIds, QJsonArray{}}}, kUserIds);
    for (const WrongValue& element : wrongValues(QJsonValue::String)) {
        addRow(QStringLiteral("presence.get %1 element").arg(QLatin1String(element.name)),
               spec::method::kPresenceGet, {{kUserIds, QJsonArray{partner_.userId, element.value}}},
               kUserIds);
    }

    const QJsonObject mark{{kConversationId, conversationId_}, {kSeq, 0}};
    addRowsFor(spec::method::kConversationsMarkRead, mark, kConversationId, QJsonValue::String);
    addRowsFor(spec::method::kConversationsMarkRead, mark, kSeq, QJsonValue::Double);
    addRow(QStringLiteral("mark_read negative seq"), spec::method::kConversationsMarkRead,
           {{kConversationId, conversationId_}, {kSeq, -1}}, kSeq);

    const QJsonObject typing{{kConversationId, conversationId_}, {kTyping, true}};
    addRowsFor(spec::method::kTypingSet, typing, kConversationId, QJsonValue::String);
    addRowsFor(spec::method::kTypingSet, typing, kTyping, QJsonValue::Bool);
}

void TestPresenceBadInput::badParameterIsInvalidParamsAndConnectionStaysUsable() {
    QFETCH(QString, method);
    QFETCH(QJsonObject, params);
    QFETCH(QString, field);
    // A connection per row, so neither the request bucket nor the typing bucket can run dry.
    WsTestClient* client = server_.connect();
    QVERIFY(client);
    NATTER_VERIFY_RESULT(client->call(spec::method::kAuthResume, resumeParams(user_.token)));
    const QJsonObject answer = client->call(method, params);
    NATTER_COMPARE_ERROR(answer, "invalid_params");
    QCOMPARE(errorOf(answer).value(QStringLiteral("field")).toString(), field);

    QVERIFY(client->isConnected());
    const QJsonObject usable = presenceGet(*client, {partner_.userId});
    NATTER_VERIFY_RESULT(usable);
    QCOMPARE(resultOf(usable).value(QStringLiteral("presence")).toArray().size(), 1);
    // The refused request changed nothing: no read state moved, nobody heard typing.
    listenQuietly(100);
    QCOMPARE(eventData(*partner_.client, spec::event::kReceiptRead).size(), 0);
    QCOMPARE(eventData(*partner_.client, spec::event::kTyping).size(), 0);
    client->close();  // one connection at a time is enough
}

QTEST_GUILESS_MAIN(TestPresenceBadInput)
#include "tst_presence_bad_input.moc"
