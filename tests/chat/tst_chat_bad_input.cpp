// Bad input to every conversation and message method (docs/protocol.md sections 2, 3.2, 4, 5.2):
// each gets its documented error (invalid_params naming the field), nothing is stored or
// delivered, and the connection stays usable.
#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

#include "chat_checks.h"
#include "chat_server.h"
#include "protocol_checks.h"
#include "protocol_spec.h"

using namespace natter::test;
using namespace natter::test::chat;

namespace {

// Placeholders in the rows' params, replaced when the row runs:
//   "$P" / "$G": the fixture's private / group conversation; "$ALICE" / "$BOB": user ids;
//   "$REF": a finished upload of alice's, 10 bytes (docs/protocol.md 5.8);
//   "$CMID": a fresh client_message_id; "$LONG:n": a string of n characters; "$WIDE:n": a
//   string of n characters from beyond the BMP (two UTF-16 units each; limits count characters).
struct Fixture {
    QString privateId;
    QString groupId;
    QString aliceId;
    QString bobId;
    QString fileRef;
};

QJsonValue substitute(const QJsonValue& value, const Fixture& fixture) {
    if (value.isObject()) {
        QJsonObject object;
        const QJsonObject source = value.toObject();
        for (auto it = source.begin(); it != source.end(); ++it) {
            object.insert(substitute(it.key(), fixture).toString(),
                          substitute(it.value(), fixture));
        }
        return object;
    }
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue& item : value.toArray()) {
            array.append(substitute(item, fixture));
        }
        return array;
    }
    const QString text = value.toString();
    if (!value.isString()) {
        return value;
    }
    static const QRegularExpression longRun(QStringLiteral("\\$(LONG|WIDE):(\\d+)"));
    if (const auto match = longRun.match(text); match.hasMatch()) {
        const QString unit = match.captured(1) == QLatin1StringView("LONG")
                                 ? QStringLiteral("x")
                                 : QStringLiteral("\U0001F600");
        return QString(text).replace(match.capturedStart(), match.capturedLength(),
                                     unit.repeated(match.captured(2).toInt()));
    }
    const QHash<QString, QString> names{{QStringLiteral("$P"), fixture.privateId},
                                        {QStringLiteral("$G"), fixture.groupId},
                                        {QStringLiteral("$ALICE"), fixture.aliceId},
                                        {QStringLiteral("$BOB"), fixture.bobId},
                                        {QStringLiteral("$REF"), fixture.fileRef},
                                        {QStringLiteral("$CMID"), newClientMessageId()}};
    return names.value(text, text);
}

// Events about conversations and messages (presence and the like are not this test's business).
qsizetype chatEventCount(const WsTestClient& client) {
    return eventsNamed(client, spec::event::kMessageNew).size() +
           eventsNamed(client, spec::event::kConversationUpdated).size() +
           eventsNamed(client, spec::event::kConversationRemoved).size();
}

QJsonObject jsonObject(const char* json) {
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

// A row: method, params as JSON text, expected error code and, for invalid_params, the fields
// that may be named (more than one only where the document leaves it open).
void addRow(const char* name, const QString& method, const char* params, const char* code,
            const QStringList& fields = {}) {
    QTest::newRow(name) << method << jsonObject(params) << QString::fromLatin1(code) << fields;
}

}  // namespace

class TestChatBadInput : public QObject {
    Q_OBJECT

private:
    // What alice's conversations look like now: ids, names, owners, members, last_seq.
    QString snapshot(WsTestClient& client);

    ChatServer server_;
    ChatUser alice_;
    ChatUser bob_;
    Fixture fixture_;

private slots:
    void initTestCase();
    void cleanupTestCase();

    void badMessagesSend_data();
    void badMessagesSend() { badRequest(); }
    void badConversationMethods_data();
    void badConversationMethods() { badRequest(); }
    void badReadMethods_data();
    void badReadMethods() { badRequest(); }
    void boundaryValuesAreAccepted_data();
    void boundaryValuesAreAccepted();
    void everyMethodNeedsAuthentication_data();
    void everyMethodNeedsAuthentication();

private:
    void addColumns();
    void badRequest();
};

void TestChatBadInput::initTestCase() {
    QCOMPARE(server_.start(), QString());
    const QList<ChatUser> users = server_.registerUsers(QStringLiteral("bad"), 2);
    QCOMPARE(users.size(), 2);
    alice_ = users.at(0);
    bob_ = users.at(1);
    const QJsonObject sent = sendText(*alice_.client, toUser(bob_.userId), QStringLiteral("hello"));
    NATTER_VERIFY_RESULT(sent);
    const QJsonObject group = alice_.client->call(
        spec::method::kConversationsCreateGroup,
        createGroupParams(QStringLiteral("Bad"), {bob_.userId}, QStringLiteral("hi")));
    NATTER_VERIFY_RESULT(group);
    fixture_ = {conversationIdOf(sent), idOf(conversationOf(group)), alice_.userId, bob_.userId,
                uploadFile(*alice_.client, QByteArray(10, 'x'))};
    QVERIFY(!fixture_.fileRef.isEmpty());
    QVERIFY(!waitForMessageSeq(*bob_.client, fixture_.groupId, 2).isEmpty());
}

void TestChatBadInput::cleanupTestCase() {
    NATTER_VERIFY_NO_PROBLEMS(server_.releaseClients());
}

QString TestChatBadInput::snapshot(WsTestClient& client) {
    const QJsonObject response = client.call(
        spec::method::kConversationsList, {{QStringLiteral("limit"), spec::kConversationPageMax}});
    QStringList lines;
    for (const QJsonValue& value :
         resultOf(response).value(QStringLiteral("conversations")).toArray()) {
        QJsonObject conversation = value.toObject();
        conversation.remove(QStringLiteral("last_message"));
        conversation.remove(QStringLiteral("last_activity_at"));
        lines.append(QString::fromUtf8(QJsonDocument(conversation).toJson(QJsonDocument::Compact)));
    }
    lines.sort();
    return isResult(response) ? lines.join(u'\n') : describe(response);
}

void TestChatBadInput::addColumns() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("params");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("fields");
}

void TestChatBadInput::badRequest() {
    QFETCH(QString, method);
    QFETCH(QJsonObject, params);
    QFETCH(QString, code);
    QFETCH(QStringList, fields);
    // A fresh connection per row keeps every row inside the per-connection rate limits.
    WsTestClient* client = server_.resume(alice_.token);
    QVERIFY(client);
    const QString before = snapshot(*client);
    const qsizetype bobEventsBefore = chatEventCount(*bob_.client);
    const int bobMessagesBefore = int(eventsNamed(*bob_.client, spec::event::kMessageNew).size());

    const QJsonObject response = client->call(method, substitute(params, fixture_).toObject());
    QCOMPARE(errorCodeOf(response), code);
    if (code == QLatin1String("invalid_params")) {
        const QString field = errorOf(response).value(QStringLiteral("field")).toString();
        QVERIFY2(fields.contains(field),
                 qPrintable(QStringLiteral("field \"%1\", expected one of %2")
                                .arg(field, fields.join(QStringLiteral(", ")))));
    }
    QCOMPARE(snapshot(*client), before);

    // The connection still works, and bob hears exactly that valid message, nothing before it.
    const QJsonObject valid =
        sendText(*client, toConversation(fixture_.privateId), QStringLiteral("still fine"));
    NATTER_VERIFY_RESULT(valid);
    QVERIFY(waitForEvents(*bob_.client, spec::event::kMessageNew, bobMessagesBefore + 1));
    QCOMPARE(chatEventCount(*bob_.client), bobEventsBefore + 1);
    QCOMPARE(bob_.client->events()
                 .last()
                 .value(QStringLiteral("data"))
                 .toObject()
                 .value(QStringLiteral("message"))
                 .toObject(),
             messageOf(valid));
}

void TestChatBadInput::badMessagesSend_data() {
    addColumns();
    const QString send = spec::method::kMessagesSend;
    const auto row = [&](const char* name, const char* params, const QStringList& fields) {
        addRow(name, send, params, "invalid_params", fields);
    };
    const QStringList body{QStringLiteral("body")};
    const QStringList meta{QStringLiteral("meta")};
    const QStringList type{QStringLiteral("type")};
    const QStringList clientId{QStringLiteral("client_message_id")};
    addRow(
        "unknown conversation", send,
        R"({"conversation_id":"c_AAAAAAAAAAAAAAAAAAAAAA","client_message_id":"$CMID","type":"text","body":"x"})",
        "not_member");
    row("conversation_id number",
        R"({"conversation_id":5,"client_message_id":"$CMID","type":"text","body":"x"})",
        {QStringLiteral("conversation_id")});
    row("to_user_id number",
        R"({"to_user_id":5,"client_message_id":"$CMID","type":"text","body":"x"})",
        {QStringLiteral("to_user_id")});
    row("to_user_id array",
        R"({"to_user_id":["$BOB"],"client_message_id":"$CMID","type":"text","body":"x"})",
        {QStringLiteral("to_user_id")});
    row("to_username bool",
        R"({"to_username":true,"client_message_id":"$CMID","type":"text","body":"x"})",
        {QStringLiteral("to_username")});
    // Section 5.2: client_message_id is required, although a Message may carry null (system ones).
    row("client_message_id missing", R"({"conversation_id":"$P","type":"text","body":"x"})",
        clientId);
    row("client_message_id null",
        R"({"conversation_id":"$P","client_message_id":null,"type":"text","body":"x"})", clientId);
    row("client_message_id number",
        R"({"conversation_id":"$P","client_message_id":7,"type":"text","body":"x"})", clientId);
    row("client_message_id empty",
        R"({"conversation_id":"$P","client_message_id":"","type":"text","body":"x"})", clientId);
    row("client_message_id 65",
        R"({"conversation_id":"$P","client_message_id":"$LONG:65","type":"text","body":"x"})",
        clientId);
    row("client_message_id 65 wide",
        R"({"conversation_id":"$P","client_message_id":"$WIDE:65","type":"text","body":"x"})",
        clientId);
    row("type number",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":1,"body":"x"})", type);
    row("type unknown",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"sticker","body":"x"})",
        type);
    row("type system",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"system","body":"x"})", type);
    row("type missing", R"({"conversation_id":"$P","client_message_id":"$CMID","body":"x"})", type);
    row("body number",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"text","body":5})", body);
    row("body empty",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"text","body":""})", body);
    row("body only blanks",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"text","body":"  \n\t "})",
        body);
    row("body 4001",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"text","body":"$LONG:4001"})",
        body);
    row("body missing", R"({"conversation_id":"$P","client_message_id":"$CMID","type":"text"})",
        body);
    row("text with meta",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"text","body":"x","meta":{"ref":"r","name":"n","size":1,"mime":"m"}})",
        meta);
    row("photo without meta",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"photo","body":""})", meta);
    row("photo meta string",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"photo","body":"","meta":"r"})",
        meta);
    row("photo meta no ref",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"photo","body":"","meta":{"name":"n","size":1,"mime":"m"}})",
        meta);
    row("photo ref empty",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"photo","body":"","meta":{"ref":"","name":"n","size":1,"mime":"m"}})",
        meta);
    row("photo ref 513",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"photo","body":"","meta":{"ref":"$LONG:513","name":"n","size":1,"mime":"m"}})",
        meta);
    row("video name 256",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"video","body":"","meta":{"ref":"r","name":"$LONG:256","size":1,"mime":"m"}})",
        meta);
    row("audio size negative",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"audio","body":"","meta":{"ref":"r","name":"n","size":-1,"mime":"m"}})",
        meta);
    row("file size string",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"file","body":"","meta":{"ref":"r","name":"n","size":"1","mime":"m"}})",
        meta);
    row("file size fraction",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"file","body":"","meta":{"ref":"r","name":"n","size":1.5,"mime":"m"}})",
        meta);
    row("file mime 128",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"file","body":"","meta":{"ref":"r","name":"n","size":1,"mime":"$LONG:128"}})",
        meta);
    row("file mime missing",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"file","body":"","meta":{"ref":"r","name":"n","size":1}})",
        meta);
    row("file meta over 2048 bytes",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"file","body":"","meta":{"ref":"r","name":"n","size":1,"mime":"m","x":"$LONG:2100"}})",
        meta);
    row("photo caption 4001",
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"photo","body":"$LONG:4001","meta":{"ref":"r","name":"n","size":1,"mime":"m"}})",
        body);
    row("conversation and user",
        R"({"conversation_id":"$P","to_user_id":"$BOB","client_message_id":"$CMID","type":"text","body":"x"})",
        {QStringLiteral("conversation_id"), QStringLiteral("to_user_id")});
    row("user and username",
        R"({"to_user_id":"$BOB","to_username":"nobody","client_message_id":"$CMID","type":"text","body":"x"})",
        {QStringLiteral("to_user_id"), QStringLiteral("to_username")});
    row("no recipient", R"({"client_message_id":"$CMID","type":"text","body":"x"})",
        {QStringLiteral("conversation_id"), QStringLiteral("to_user_id"),
         QStringLiteral("to_username")});
}

void TestChatBadInput::badConversationMethods_data() {
    addColumns();
    const QStringList name{QStringLiteral("name")};
    const QStringList members{QStringLiteral("member_ids")};
    const QStringList conversation{QStringLiteral("conversation_id")};
    const QString create = spec::method::kConversationsCreateGroup;
    const auto group = [&](const char* row, const char* params, const QStringList& fields) {
        addRow(row, create, params, "invalid_params", fields);
    };
    group("create: name missing",
          R"({"member_ids":["$BOB"],"client_message_id":"$CMID","type":"text","body":"x"})", name);
    group(
        "create: name empty",
        R"({"name":"","member_ids":["$BOB"],"client_message_id":"$CMID","type":"text","body":"x"})",
        name);
    group(
        "create: name blanks",
        R"({"name":"   ","member_ids":["$BOB"],"client_message_id":"$CMID","type":"text","body":"x"})",
        name);
    group(
        "create: name 65",
        R"({"name":"$LONG:65","member_ids":["$BOB"],"client_message_id":"$CMID","type":"text","body":"x"})",
        name);
    group(
        "create: name number",
        R"({"name":5,"member_ids":["$BOB"],"client_message_id":"$CMID","type":"text","body":"x"})",
        name);
    group("create: members missing",
          R"({"name":"n","client_message_id":"$CMID","type":"text","body":"x"})", members);
    group(
        "create: members string",
        R"({"name":"n","member_ids":"$BOB","client_message_id":"$CMID","type":"text","body":"x"})",
        members);
    group("create: members empty",
          R"({"name":"n","member_ids":[],"client_message_id":"$CMID","type":"text","body":"x"})",
          members);
    group(
        "create: only the creator",
        R"({"name":"n","member_ids":["$ALICE"],"client_message_id":"$CMID","type":"text","body":"x"})",
        members);
    group("create: member number",
          R"({"name":"n","member_ids":[5],"client_message_id":"$CMID","type":"text","body":"x"})",
          members);
    group(
        "create: body empty",
        R"({"name":"n","member_ids":["$BOB"],"client_message_id":"$CMID","type":"text","body":""})",
        {QStringLiteral("body")});
    group(
        "create: type bad",
        R"({"name":"n","member_ids":["$BOB"],"client_message_id":"$CMID","type":"gif","body":"x"})",
        {QStringLiteral("type")});
    group(
        "create: client id 65",
        R"({"name":"n","member_ids":["$BOB"],"client_message_id":"$LONG:65","type":"text","body":"x"})",
        {QStringLiteral("client_message_id")});
    addRow(
        "create: unknown member", create,
        R"({"name":"n","member_ids":["u_AAAAAAAAAAAAAAAAAAAAAA"],"client_message_id":"$CMID","type":"text","body":"x"})",
        "not_found");

    const QString add = spec::method::kConversationsAddMembers;
    addRow("add: conversation missing", add, R"({"member_ids":["$BOB"]})", "invalid_params",
           conversation);
    addRow("add: conversation number", add, R"({"conversation_id":1,"member_ids":["$BOB"]})",
           "invalid_params", conversation);
    addRow("add: members missing", add, R"({"conversation_id":"$G"})", "invalid_params", members);
    addRow("add: members string", add, R"({"conversation_id":"$G","member_ids":"$BOB"})",
           "invalid_params", members);
    addRow("add: member number", add, R"({"conversation_id":"$G","member_ids":[3]})",
           "invalid_params", members);
    addRow("add: unknown conversation", add,
           R"({"conversation_id":"c_AAAAAAAAAAAAAAAAAAAAAA","member_ids":["$BOB"]})", "not_member");
    addRow("add: unknown user", add,
           R"({"conversation_id":"$G","member_ids":["u_AAAAAAAAAAAAAAAAAAAAAA"]})", "not_found");

    const QString remove = spec::method::kConversationsRemoveMember;
    addRow("remove: member missing", remove, R"({"conversation_id":"$G"})", "invalid_params",
           {QStringLiteral("member_id")});
    addRow("remove: member number", remove, R"({"conversation_id":"$G","member_id":2})",
           "invalid_params", {QStringLiteral("member_id")});
    addRow("remove: conversation missing", remove, R"({"member_id":"$BOB"})", "invalid_params",
           conversation);
    addRow("remove: not a member", remove,
           R"({"conversation_id":"$G","member_id":"u_AAAAAAAAAAAAAAAAAAAAAA"})", "not_found");
    addRow("remove: unknown conversation", remove,
           R"({"conversation_id":"c_AAAAAAAAAAAAAAAAAAAAAA","member_id":"$BOB"})", "not_member");

    const QString rename = spec::method::kConversationsRename;
    addRow("rename: name empty", rename, R"({"conversation_id":"$G","name":""})", "invalid_params",
           name);
    addRow("rename: name 65", rename, R"({"conversation_id":"$G","name":"$LONG:65"})",
           "invalid_params", name);
    addRow("rename: name number", rename, R"({"conversation_id":"$G","name":1})", "invalid_params",
           name);
    addRow("rename: name missing", rename, R"({"conversation_id":"$G"})", "invalid_params", name);
    addRow("rename: conversation missing", rename, R"({"name":"n"})", "invalid_params",
           conversation);
    addRow("rename: unknown conversation", rename,
           R"({"conversation_id":"c_AAAAAAAAAAAAAAAAAAAAAA","name":"n"})", "not_member");

    addRow("leave: conversation missing", spec::method::kConversationsLeave, "{}", "invalid_params",
           conversation);
    addRow("leave: conversation number", spec::method::kConversationsLeave,
           R"({"conversation_id":9})", "invalid_params", conversation);
    addRow("leave: unknown conversation", spec::method::kConversationsLeave,
           R"({"conversation_id":"c_AAAAAAAAAAAAAAAAAAAAAA"})", "not_member");
}

void TestChatBadInput::badReadMethods_data() {
    addColumns();
    const QStringList conversation{QStringLiteral("conversation_id")};
    const QStringList limit{QStringLiteral("limit")};
    addRow("get: conversation missing", spec::method::kConversationsGet, "{}", "invalid_params",
           conversation);
    addRow("get: conversation number", spec::method::kConversationsGet, R"({"conversation_id":3})",
           "invalid_params", conversation);
    addRow("get: unknown conversation", spec::method::kConversationsGet,
           R"({"conversation_id":"c_AAAAAAAAAAAAAAAAAAAAAA"})", "not_member");

    addRow("list: limit 0", spec::method::kConversationsList, R"({"limit":0})", "invalid_params",
           limit);
    addRow("list: limit 51", spec::method::kConversationsList, R"({"limit":51})", "invalid_params",
           limit);
    addRow("list: limit string", spec::method::kConversationsList, R"({"limit":"5"})",
           "invalid_params", limit);
    addRow("list: limit fraction", spec::method::kConversationsList, R"({"limit":2.5})",
           "invalid_params", limit);
    addRow("list: cursor number", spec::method::kConversationsList, R"({"cursor":5})",
           "invalid_params", {QStringLiteral("cursor")});

    const QString history = spec::method::kMessagesHistory;
    addRow("history: conversation missing", history, "{}", "invalid_params", conversation);
    addRow("history: unknown conversation", history,
           R"({"conversation_id":"c_AAAAAAAAAAAAAAAAAAAAAA"})", "not_member");
    addRow("history: before string", history, R"({"conversation_id":"$P","before_seq":"3"})",
           "invalid_params", {QStringLiteral("before_seq")});
    addRow("history: before fraction", history, R"({"conversation_id":"$P","before_seq":1.5})",
           "invalid_params", {QStringLiteral("before_seq")});
    addRow("history: after negative", history, R"({"conversation_id":"$P","after_seq":-1})",
           "invalid_params", {QStringLiteral("after_seq")});
    addRow("history: both cursors", history,
           R"({"conversation_id":"$P","after_seq":0,"before_seq":1})", "invalid_params",
           {QStringLiteral("before_seq"), QStringLiteral("after_seq")});
    addRow("history: limit string", history, R"({"conversation_id":"$P","limit":"x"})",
           "invalid_params", limit);
    addRow("history: limit 101", history, R"({"conversation_id":"$P","limit":101})",
           "invalid_params", limit);

    const QStringList cursors{QStringLiteral("cursors")};
    const QStringList perConversation{QStringLiteral("limit_per_conversation")};
    addRow("sync: cursors string", spec::method::kSync, R"({"cursors":"x"})", "invalid_params",
           cursors);
    addRow("sync: cursors array", spec::method::kSync, R"({"cursors":[]})", "invalid_params",
           cursors);
    addRow("sync: cursor string", spec::method::kSync, R"({"cursors":{"$P":"1"}})",
           "invalid_params", cursors);
    addRow("sync: cursor negative", spec::method::kSync, R"({"cursors":{"$P":-1}})",
           "invalid_params", cursors);
    addRow("sync: cursor fraction", spec::method::kSync, R"({"cursors":{"$P":0.5}})",
           "invalid_params", cursors);
    addRow("sync: cursor beyond", spec::method::kSync, R"({"cursors":{"$P":1000}})",
           "cursor_out_of_range");
    addRow("sync: limit 0", spec::method::kSync, R"({"cursors":{},"limit_per_conversation":0})",
           "invalid_params", perConversation);
    addRow("sync: limit 201", spec::method::kSync, R"({"cursors":{},"limit_per_conversation":201})",
           "invalid_params", perConversation);
    addRow("sync: limit string", spec::method::kSync,
           R"({"cursors":{},"limit_per_conversation":"5"})", "invalid_params", perConversation);

    const QStringList query{QStringLiteral("query")};
    addRow("search: query missing", spec::method::kUsersSearch, "{}", "invalid_params", query);
    addRow("search: query number", spec::method::kUsersSearch, R"({"query":5})", "invalid_params",
           query);
    addRow("search: query empty", spec::method::kUsersSearch, R"({"query":""})", "invalid_params",
           query);
    addRow("search: query blanks", spec::method::kUsersSearch, R"({"query":"   "})",
           "invalid_params", query);
    addRow("search: query 65", spec::method::kUsersSearch, R"({"query":"$LONG:65"})",
           "invalid_params", query);
    addRow("search: limit 0", spec::method::kUsersSearch, R"({"query":"a","limit":0})",
           "invalid_params", limit);
    addRow("search: limit 21", spec::method::kUsersSearch, R"({"query":"a","limit":21})",
           "invalid_params", limit);
    addRow("search: limit string", spec::method::kUsersSearch, R"({"query":"a","limit":"3"})",
           "invalid_params", limit);
}

void TestChatBadInput::boundaryValuesAreAccepted_data() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<QJsonObject>("params");
    const auto row = [](const char* name, const QString& method, const char* params) {
        QTest::newRow(name) << method << jsonObject(params);
    };
    row("body 4000", spec::method::kMessagesSend,
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"text","body":"$LONG:4000"})");
    // Section 5.2: bodies are kept and counted exactly as sent, blanks included.
    row("body 4000 with blanks", spec::method::kMessagesSend,
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"text","body":"  $LONG:3996 \n"})");
    row("client_message_id 64", spec::method::kMessagesSend,
        R"({"conversation_id":"$P","client_message_id":"$LONG:64","type":"text","body":"x"})");
    row("client_message_id 64 wide", spec::method::kMessagesSend,
        R"({"conversation_id":"$P","client_message_id":"$WIDE:64","type":"text","body":"x"})");
    // The server replaces size and mime with what it measured (5.8): these are the true ones.
    row("largest attachment name", spec::method::kMessagesSend,
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"photo","body":"",
        "meta":{"ref":"$REF","name":"$LONG:255","size":10,"mime":"application/octet-stream"}})");
    row("caption 4000", spec::method::kMessagesSend,
        R"({"conversation_id":"$P","client_message_id":"$CMID","type":"file","body":"$LONG:4000",
        "meta":{"ref":"$REF","name":"n","size":10,"mime":"application/octet-stream"}})");
    row("group name 64", spec::method::kConversationsCreateGroup,
        R"({"name":"$LONG:64","member_ids":["$BOB"],"client_message_id":"$CMID","type":"text","body":"x"})");
    row("search query 64", spec::method::kUsersSearch, R"({"query":"$LONG:64","limit":20})");
    row("history limit 100", spec::method::kMessagesHistory,
        R"({"conversation_id":"$P","limit":100})");
    row("list limit 50", spec::method::kConversationsList, R"({"limit":50})");
    row("sync limit 200", spec::method::kSync, R"({"cursors":{},"limit_per_conversation":200})");
}

void TestChatBadInput::boundaryValuesAreAccepted() {
    QFETCH(QString, method);
    QFETCH(QJsonObject, params);
    WsTestClient* client = server_.resume(alice_.token);
    QVERIFY(client);
    const QJsonObject sent = substitute(params, fixture_).toObject();
    const QJsonObject response = client->call(method, sent);
    NATTER_VERIFY_RESULT(response);
    const QJsonObject message = messageOf(response);
    if (!message.isEmpty()) {
        // Section 5.2: the body is stored verbatim.
        QCOMPARE(message.value(QStringLiteral("body")).toString(),
                 sent.value(QStringLiteral("body")).toString());
        QCOMPARE(message.value(QStringLiteral("meta")),
                 sent.value(QStringLiteral("meta")).isUndefined()
                     ? QJsonValue(QJsonValue::Null)
                     : sent.value(QStringLiteral("meta")));
    }
}

void TestChatBadInput::everyMethodNeedsAuthentication_data() {
    QTest::addColumn<QString>("method");
    for (const QString& name :
         {spec::method::kMessagesSend, spec::method::kMessagesHistory,
          spec::method::kConversationsCreateGroup, spec::method::kConversationsAddMembers,
          spec::method::kConversationsRemoveMember, spec::method::kConversationsRename,
          spec::method::kConversationsLeave, spec::method::kConversationsGet,
          spec::method::kConversationsList, spec::method::kSync, spec::method::kContactsRecent,
          spec::method::kUsersSearch}) {
        QTest::newRow(qPrintable(name)) << name;
    }
}

void TestChatBadInput::everyMethodNeedsAuthentication() {
    QFETCH(QString, method);
    WsTestClient* client = server_.connect();
    QVERIFY(client);
    const QJsonObject params =
        substitute(jsonObject(R"({"conversation_id":"$P","client_message_id":"$CMID",
        "type":"text","body":"x","to_user_id":"$BOB","name":"n","member_ids":["$BOB"],"member_id":"$BOB",
        "cursors":{},"query":"bad"})"),
                   fixture_)
            .toObject();
    NATTER_COMPARE_ERROR(client->call(method, params), "unauthenticated");
}

QTEST_GUILESS_MAIN(TestChatBadInput)
#include "tst_chat_bad_input.moc"
