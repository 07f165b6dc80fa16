// The shared codec (shared/codec.h, shared/error_code.h) against docs/protocol.md sections 3 and 4:
// every envelope shape survives a round trip, every rejected frame gets the documented code, and
// ParamReader reports the first offending member.
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include "codec.h"
#include "error_code.h"
#include "method_names.h"

using namespace natter;

namespace {

constexpr qint64 kMaxId = (qint64(1) << 53) - 1;

QJsonObject parseObject(const QString& text) {
    return QJsonDocument::fromJson(text.toUtf8()).object();
}

// The error codes and their wire names exactly as section 4 of the document lists them.
const QList<std::pair<ErrorCode, QString>>& documentedCodes() {
    static const QList<std::pair<ErrorCode, QString>> codes{
        {ErrorCode::MalformedFrame, QStringLiteral("malformed_frame")},
        {ErrorCode::BadRequest, QStringLiteral("bad_request")},
        {ErrorCode::UnknownMethod, QStringLiteral("unknown_method")},
        {ErrorCode::InvalidParams, QStringLiteral("invalid_params")},
        {ErrorCode::Unauthenticated, QStringLiteral("unauthenticated")},
        {ErrorCode::AlreadyAuthenticated, QStringLiteral("already_authenticated")},
        {ErrorCode::InvalidCredentials, QStringLiteral("invalid_credentials")},
        {ErrorCode::UsernameTaken, QStringLiteral("username_taken")},
        {ErrorCode::InvalidToken, QStringLiteral("invalid_token")},
        {ErrorCode::NotFound, QStringLiteral("not_found")},
        {ErrorCode::NotMember, QStringLiteral("not_member")},
        {ErrorCode::NotOwner, QStringLiteral("not_owner")},
        {ErrorCode::NotAGroup, QStringLiteral("not_a_group")},
        {ErrorCode::CannotMessageSelf, QStringLiteral("cannot_message_self")},
        {ErrorCode::GroupFull, QStringLiteral("group_full")},
        {ErrorCode::CursorOutOfRange, QStringLiteral("cursor_out_of_range")},
        {ErrorCode::RateLimited, QStringLiteral("rate_limited")},
        {ErrorCode::ServerBusy, QStringLiteral("server_busy")},
        {ErrorCode::InternalError, QStringLiteral("internal_error")},
    };
    return codes;
}

}  // namespace

class TestCodec : public QObject {
    Q_OBJECT

private slots:
    void errorCodeNamesAreTheDocumentedOnes();
    void unknownErrorNameIsRejected();
    void everyErrorCodeRoundTrips();
    void invalidParamCarriesFieldOnly();
    void rateLimitedCarriesRetryAfterOnly();
    void explicitMessageIsKept();
    void unknownCodeFromServerReadsAsInternalError();

    void requestRoundTrips_data();
    void requestRoundTrips();
    void decodeAcceptsDocumentedShapes_data();
    void decodeAcceptsDocumentedShapes();
    void malformedFramesHaveNullId_data();
    void malformedFramesHaveNullId();
    void badIdsAreBadRequestWithNullId_data();
    void badIdsAreBadRequestWithNullId();
    void badMethodOrParamsKeepTheId_data();
    void badMethodOrParamsKeepTheId();
    void emptyMethodIsLeftToDispatch();
    void idLengthCountsCodePoints();

    void resultRoundTrips();
    void eventRoundTrips();
    void serverMessagesThatAreNeitherAreUndecodable_data();
    void serverMessagesThatAreNeitherAreUndecodable();

    void paramReaderRequiredString();
    void paramReaderKeepsTheFirstProblem();
    void paramReaderOptionalString();
    void paramReaderInteger_data();
    void paramReaderInteger();
    void paramReaderIntegerFallbackAndOptional();
    void paramReaderStringArray_data();
    void paramReaderStringArray();
    void paramReaderOptionalObject();
};

void TestCodec::errorCodeNamesAreTheDocumentedOnes() {
    QSet<QString> seen;
    for (const auto& [code, name] : documentedCodes()) {
        QCOMPARE(errorCodeName(code), name);
        QVERIFY2(!seen.contains(name), qPrintable(name));
        seen.insert(name);
        QVERIFY2(!defaultErrorMessage(code).isEmpty(), qPrintable(name));
    }
    QCOMPARE(seen.size(), 19);
}

void TestCodec::unknownErrorNameIsRejected() {
    QCOMPARE(errorCodeFromName(QStringLiteral("no_such_code")), std::nullopt);
    QCOMPARE(errorCodeFromName(QStringLiteral("NOT_FOUND")), std::nullopt);
    QCOMPARE(errorCodeFromName(QString()), std::nullopt);
}

void TestCodec::everyErrorCodeRoundTrips() {
    for (const auto& [code, name] : documentedCodes()) {
        QCOMPARE(errorCodeFromName(name), std::optional<ErrorCode>(code));
        const QString text = encodeError(QStringLiteral("e1"), ProtocolError{code, {}, {}, -1});
        const QJsonObject wire = parseObject(text);
        QCOMPARE(wire.value(QStringLiteral("id")).toString(), QStringLiteral("e1"));
        QCOMPARE(
            wire.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
            name);
        QVERIFY(!wire.contains(QStringLiteral("result")));

        const auto decoded = decodeServerMessage(text);
        QVERIFY(std::holds_alternative<Response>(decoded));
        const Response& response = std::get<Response>(decoded);
        QCOMPARE(response.id, QJsonValue(QStringLiteral("e1")));
        QVERIFY(!response.result.has_value());
        QCOMPARE(response.error.code, code);
        QCOMPARE(response.error.message, defaultErrorMessage(code));
    }
}

void TestCodec::invalidParamCarriesFieldOnly() {
    const ProtocolError error =
        ProtocolError::invalidParam(QStringLiteral("username"), QStringLiteral("too short"));
    const QJsonObject json = error.toJson();
    QCOMPARE(json.value(QStringLiteral("code")).toString(), QStringLiteral("invalid_params"));
    QCOMPARE(json.value(QStringLiteral("field")).toString(), QStringLiteral("username"));
    QCOMPARE(json.value(QStringLiteral("message")).toString(), QStringLiteral("too short"));
    QVERIFY(!json.contains(QStringLiteral("retry_after_ms")));
    const ProtocolError back = ProtocolError::fromJson(json);
    QCOMPARE(back.code, ErrorCode::InvalidParams);
    QCOMPARE(back.field, QStringLiteral("username"));
    QCOMPARE(back.retryAfterMs, -1);
}

void TestCodec::rateLimitedCarriesRetryAfterOnly() {
    const QJsonObject json = ProtocolError::rateLimited(1500).toJson();
    QCOMPARE(json.value(QStringLiteral("code")).toString(), QStringLiteral("rate_limited"));
    QCOMPARE(json.value(QStringLiteral("retry_after_ms")), QJsonValue(1500));
    QVERIFY(!json.value(QStringLiteral("message")).toString().isEmpty());
    QVERIFY(!json.contains(QStringLiteral("field")));
    QCOMPARE(ProtocolError::fromJson(json).retryAfterMs, 1500);
    // Zero is a valid wait and must still travel.
    QCOMPARE(ProtocolError::rateLimited(0).toJson().value(QStringLiteral("retry_after_ms")),
             QJsonValue(0));
}

void TestCodec::explicitMessageIsKept() {
    const ProtocolError error{ErrorCode::NotFound, QStringLiteral("No such session."), {}, -1};
    QCOMPARE(error.toJson().value(QStringLiteral("message")).toString(),
             QStringLiteral("No such session."));
    QVERIFY(!error.toJson().contains(QStringLiteral("field")));
    QVERIFY(!error.toJson().contains(QStringLiteral("retry_after_ms")));
}

void TestCodec::unknownCodeFromServerReadsAsInternalError() {
    const QJsonObject json{{QStringLiteral("code"), QStringLiteral("from_the_future")},
                           {QStringLiteral("message"), QStringLiteral("new")}};
    const ProtocolError error = ProtocolError::fromJson(json);
    QCOMPARE(error.code, ErrorCode::InternalError);
    QCOMPARE(error.message, QStringLiteral("new"));
}

void TestCodec::requestRoundTrips_data() {
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QJsonObject>("params");
    QTest::newRow("string id, no params") << QJsonValue(QStringLiteral("r1")) << QJsonObject();
    QTest::newRow("integer id 0") << QJsonValue(0)
                                  << QJsonObject{{QStringLiteral("token"), QStringLiteral("t")}};
    QTest::newRow("integer id 2^53-1") << QJsonValue(kMaxId) << QJsonObject();
    QTest::newRow("64-character id") << QJsonValue(QString(64, u'i')) << QJsonObject();
    QTest::newRow("nested params")
        << QJsonValue(QStringLiteral("n"))
        << QJsonObject{{QStringLiteral("a"), QJsonArray{1, QStringLiteral("x")}},
                       {QStringLiteral("b"), QJsonObject{{QStringLiteral("c"), true}}},
                       {QStringLiteral("text"), QStringLiteral("h\u00e9llo \U0001F600")}};
}

void TestCodec::requestRoundTrips() {
    QFETCH(QJsonValue, id);
    QFETCH(QJsonObject, params);
    const QString text = encodeRequest(id, method::kLogin, params);
    QVERIFY(!text.contains(u'\n'));
    const auto decoded = decodeRequest(text);
    QVERIFY(std::holds_alternative<Request>(decoded));
    const Request& request = std::get<Request>(decoded);
    QCOMPARE(request.id, id);
    QCOMPARE(request.method, QStringLiteral("auth.login"));
    QCOMPARE(request.params, params);
}

void TestCodec::decodeAcceptsDocumentedShapes_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<QJsonObject>("params");
    QTest::newRow("params absent") << QStringLiteral(R"({"id":"a","method":"sessions.list"})")
                                   << QJsonValue(QStringLiteral("a")) << QJsonObject();
    QTest::newRow("unknown top-level members")
        << QStringLiteral(
               R"({"id":7,"method":"auth.resume","params":{"token":"x"},"extra":[1],"v":2})")
        << QJsonValue(7) << QJsonObject{{QStringLiteral("token"), QStringLiteral("x")}};
    QTest::newRow("members in any order")
        << QStringLiteral(R"({"params":{},"method":"m","id":"z"})")
        << QJsonValue(QStringLiteral("z")) << QJsonObject();
    QTest::newRow("white space around")
        << QStringLiteral(" \n{ \"id\" : 1 , \"method\" : \"m\" }\n ") << QJsonValue(1)
        << QJsonObject();
}

void TestCodec::decodeAcceptsDocumentedShapes() {
    QFETCH(QString, text);
    QFETCH(QJsonValue, id);
    QFETCH(QJsonObject, params);
    const auto decoded = decodeRequest(text);
    QVERIFY(std::holds_alternative<Request>(decoded));
    QCOMPARE(std::get<Request>(decoded).id, id);
    QCOMPARE(std::get<Request>(decoded).params, params);
}

void TestCodec::malformedFramesHaveNullId_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << QString();
    QTest::newRow("not JSON") << QStringLiteral("hello");
    QTest::newRow("truncated") << QStringLiteral(R"({"id":"a","method":)");
    QTest::newRow("array") << QStringLiteral(R"([{"id":"a","method":"m"}])");
    QTest::newRow("string") << QStringLiteral(R"("auth.login")");
    QTest::newRow("number") << QStringLiteral("12");
    QTest::newRow("null") << QStringLiteral("null");
    QTest::newRow("trailing garbage") << QStringLiteral(R"({"id":"a","method":"m"} x)");
}

void TestCodec::malformedFramesHaveNullId() {
    QFETCH(QString, text);
    const auto decoded = decodeRequest(text);
    QVERIFY(std::holds_alternative<RejectedFrame>(decoded));
    QCOMPARE(std::get<RejectedFrame>(decoded).error.code, ErrorCode::MalformedFrame);
    QVERIFY(std::get<RejectedFrame>(decoded).id.isNull());
}

void TestCodec::badIdsAreBadRequestWithNullId_data() {
    QTest::addColumn<QString>("id");  // the JSON text of the id member; empty: no id at all
    QTest::newRow("missing") << QString();
    QTest::newRow("null") << QStringLiteral("null");
    QTest::newRow("empty string") << QStringLiteral(R"("")");
    QTest::newRow("65 characters") << QStringLiteral("\"%1\"").arg(QString(65, u'x'));
    QTest::newRow("true") << QStringLiteral("true");
    QTest::newRow("object") << QStringLiteral(R"({"a":1})");
    QTest::newRow("array") << QStringLiteral("[1]");
    QTest::newRow("-1") << QStringLiteral("-1");
    QTest::newRow("1.5") << QStringLiteral("1.5");
    QTest::newRow("2^53") << QStringLiteral("9007199254740992");
    QTest::newRow("1e300") << QStringLiteral("1e300");
}

void TestCodec::badIdsAreBadRequestWithNullId() {
    QFETCH(QString, id);
    const QString text = id.isEmpty()
                             ? QStringLiteral(R"({"method":"sessions.list"})")
                             : QStringLiteral(R"({"id":%1,"method":"sessions.list"})").arg(id);
    const auto decoded = decodeRequest(text);
    QVERIFY(std::holds_alternative<RejectedFrame>(decoded));
    QCOMPARE(std::get<RejectedFrame>(decoded).error.code, ErrorCode::BadRequest);
    QVERIFY(std::get<RejectedFrame>(decoded).id.isNull());
}

void TestCodec::badMethodOrParamsKeepTheId_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("method missing") << QStringLiteral(R"({"id":"k"})");
    QTest::newRow("method null") << QStringLiteral(R"({"id":"k","method":null})");
    QTest::newRow("method number") << QStringLiteral(R"({"id":"k","method":1})");
    QTest::newRow("method array") << QStringLiteral(R"({"id":"k","method":["auth.login"]})");
    QTest::newRow("params array") << QStringLiteral(R"({"id":"k","method":"m","params":[]})");
    QTest::newRow("params string") << QStringLiteral(R"({"id":"k","method":"m","params":"x"})");
    QTest::newRow("params number") << QStringLiteral(R"({"id":"k","method":"m","params":0})");
    QTest::newRow("params boolean") << QStringLiteral(R"({"id":"k","method":"m","params":false})");
}

void TestCodec::badMethodOrParamsKeepTheId() {
    QFETCH(QString, text);
    const auto decoded = decodeRequest(text);
    QVERIFY(std::holds_alternative<RejectedFrame>(decoded));
    QCOMPARE(std::get<RejectedFrame>(decoded).error.code, ErrorCode::BadRequest);
    QCOMPARE(std::get<RejectedFrame>(decoded).id, QJsonValue(QStringLiteral("k")));
}

void TestCodec::emptyMethodIsLeftToDispatch() {
    // Section 4: bad_request is for a method that is missing or not a string. "" is a string that
    // names no method, so it must reach dispatch (which answers unknown_method).
    const auto decoded = decodeRequest(QStringLiteral(R"({"id":"k","method":""})"));
    QVERIFY2(std::holds_alternative<Request>(decoded),
             "an empty method string was rejected as bad_request instead of reaching dispatch");
    QCOMPARE(std::get<Request>(decoded).method, QString());
}

void TestCodec::idLengthCountsCodePoints() {
    // Section 2: characters are counted as Unicode code points, so 64 emoji are a 64-character id.
    const QString sixtyFour = QStringLiteral("\U0001F600").repeated(64);
    const auto accepted = decodeRequest(encodeRequest(sixtyFour, method::kSessionsList));
    QVERIFY2(
        std::holds_alternative<Request>(accepted),
        "an id of 64 code points (128 UTF-16 units) was rejected: length counted in UTF-16 units");
    QCOMPARE(std::get<Request>(accepted).id, QJsonValue(sixtyFour));
    const QString sixtyFive = QStringLiteral("\U0001F600").repeated(65);
    const auto rejected = decodeRequest(encodeRequest(sixtyFive, method::kSessionsList));
    QVERIFY(std::holds_alternative<RejectedFrame>(rejected));
}

void TestCodec::resultRoundTrips() {
    const QJsonObject result{
        {QStringLiteral("sessions"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("s_x")}}}}};
    const QString text = encodeResult(kMaxId, result);
    QCOMPARE(parseObject(text).keys(),
             (QStringList{QStringLiteral("id"), QStringLiteral("result")}));
    const auto decoded = decodeServerMessage(text);
    QVERIFY(std::holds_alternative<Response>(decoded));
    const Response& response = std::get<Response>(decoded);
    QCOMPARE(response.id, QJsonValue(kMaxId));
    QVERIFY(response.result.has_value());
    QCOMPARE(*response.result, result);
    // An empty result object is still a success ({} from auth.logout).
    const auto empty = decodeServerMessage(encodeResult(QStringLiteral("x"), {}));
    QVERIFY(std::get<Response>(empty).result.has_value());
    // A response to a frame without a usable id carries id null.
    const auto nullId = decodeServerMessage(
        encodeError(QJsonValue::Null, ProtocolError{ErrorCode::MalformedFrame, {}, {}, -1}));
    QVERIFY(std::get<Response>(nullId).id.isNull());
    QCOMPARE(std::get<Response>(nullId).error.code, ErrorCode::MalformedFrame);
}

void TestCodec::eventRoundTrips() {
    const QJsonObject data{{QStringLiteral("conversation_id"), QStringLiteral("c_x")}};
    const QString text = encodeEvent(QStringLiteral("conversation.removed"), data);
    QVERIFY(!parseObject(text).contains(QStringLiteral("id")));
    const auto decoded = decodeServerMessage(text);
    QVERIFY(std::holds_alternative<Event>(decoded));
    QCOMPARE(std::get<Event>(decoded).name, QStringLiteral("conversation.removed"));
    QCOMPARE(std::get<Event>(decoded).data, data);
    // Unknown events decode too: the client decides to ignore them.
    const auto unknown =
        decodeServerMessage(QStringLiteral(R"({"event":"future.thing","data":{}})"));
    QCOMPARE(std::get<Event>(unknown).name, QStringLiteral("future.thing"));
}

void TestCodec::serverMessagesThatAreNeitherAreUndecodable_data() {
    QTest::addColumn<QString>("text");
    QTest::newRow("not JSON") << QStringLiteral("oops");
    QTest::newRow("array") << QStringLiteral("[]");
    QTest::newRow("no id, no event") << QStringLiteral(R"({"result":{}})");
    QTest::newRow("id without result or error") << QStringLiteral(R"({"id":"a"})");
    QTest::newRow("result not an object") << QStringLiteral(R"({"id":"a","result":[1]})");
    QTest::newRow("error not an object") << QStringLiteral(R"({"id":"a","error":"bad"})");
}

void TestCodec::serverMessagesThatAreNeitherAreUndecodable() {
    QFETCH(QString, text);
    const auto decoded = decodeServerMessage(text);
    QVERIFY(std::holds_alternative<UndecodableMessage>(decoded));
    QVERIFY(!std::get<UndecodableMessage>(decoded).reason.isEmpty());
}

void TestCodec::paramReaderRequiredString() {
    const QJsonObject params{{QStringLiteral("name"), QStringLiteral("alice")},
                             {QStringLiteral("number"), 3},
                             {QStringLiteral("nothing"), QJsonValue::Null}};
    ParamReader ok(params);
    QCOMPARE(ok.requiredString(QStringLiteral("name")), QStringLiteral("alice"));
    QVERIFY(!ok.error().has_value());

    for (const QString& field :
         {QStringLiteral("number"), QStringLiteral("nothing"), QStringLiteral("absent")}) {
        ParamReader reader(params);
        QCOMPARE(reader.requiredString(field), QString());
        QVERIFY(reader.error().has_value());
        QCOMPARE(reader.error()->code, ErrorCode::InvalidParams);
        QCOMPARE(reader.error()->field, field);
        QVERIFY(!reader.error()->message.isEmpty());
    }
}

void TestCodec::paramReaderKeepsTheFirstProblem() {
    const QJsonObject params{{QStringLiteral("b"), QStringLiteral("fine")}};
    ParamReader reader(params);
    reader.requiredString(QStringLiteral("a"));
    reader.requiredString(QStringLiteral("b"));
    reader.requiredString(QStringLiteral("c"));
    QCOMPARE(reader.error()->field, QStringLiteral("a"));
    reader.fail(QStringLiteral("d"), QStringLiteral("later"));
    QCOMPARE(reader.error()->field, QStringLiteral("a"));
}

void TestCodec::paramReaderOptionalString() {
    const QJsonObject params{{QStringLiteral("s"), QStringLiteral("x")},
                             {QStringLiteral("n"), QJsonValue::Null},
                             {QStringLiteral("bad"), false}};
    ParamReader reader(params);
    QCOMPARE(reader.optionalString(QStringLiteral("s")),
             std::optional<QString>(QStringLiteral("x")));
    QCOMPARE(reader.optionalString(QStringLiteral("n")), std::nullopt);
    QCOMPARE(reader.optionalString(QStringLiteral("absent")), std::nullopt);
    QVERIFY(!reader.error().has_value());
    reader.optionalString(QStringLiteral("bad"));
    QCOMPARE(reader.error()->field, QStringLiteral("bad"));
}

void TestCodec::paramReaderInteger_data() {
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("min") << QJsonValue(1) << true;
    QTest::newRow("max") << QJsonValue(100) << true;
    QTest::newRow("min - 1") << QJsonValue(0) << false;
    QTest::newRow("max + 1") << QJsonValue(101) << false;
    QTest::newRow("fraction") << QJsonValue(2.5) << false;
    QTest::newRow("string") << QJsonValue(QStringLiteral("5")) << false;
    QTest::newRow("boolean") << QJsonValue(true) << false;
    QTest::newRow("array") << QJsonValue(QJsonArray{5}) << false;
}

void TestCodec::paramReaderInteger() {
    QFETCH(QJsonValue, value);
    QFETCH(bool, accepted);
    ParamReader reader(QJsonObject{{QStringLiteral("limit"), value}});
    const qint64 read = reader.integer(QStringLiteral("limit"), 50, 1, 100);
    QCOMPARE(!reader.error().has_value(), accepted);
    if (accepted) {
        QCOMPARE(read, value.toInteger());
    } else {
        QCOMPARE(reader.error()->field, QStringLiteral("limit"));
        QCOMPARE(reader.error()->code, ErrorCode::InvalidParams);
    }
}

void TestCodec::paramReaderIntegerFallbackAndOptional() {
    const QJsonObject params{{QStringLiteral("n"), QJsonValue::Null}, {QStringLiteral("v"), 7}};
    ParamReader reader(params);
    QCOMPARE(reader.integer(QStringLiteral("absent"), 50, 1, 100), 50);
    QCOMPARE(reader.integer(QStringLiteral("n"), 20, 1, 50), 20);
    QCOMPARE(reader.optionalInteger(QStringLiteral("absent"), 0, 10), std::nullopt);
    QCOMPARE(reader.optionalInteger(QStringLiteral("v"), 0, 10), std::optional<qint64>(7));
    QVERIFY(!reader.error().has_value());
    reader.optionalInteger(QStringLiteral("v"), 8, 10);
    QCOMPARE(reader.error()->field, QStringLiteral("v"));
}

void TestCodec::paramReaderStringArray_data() {
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<int>("expectedCount");  // -1: refused
    const auto strings = [](int count) {
        QJsonArray array;
        for (int i = 0; i < count; ++i) {
            array.append(QStringLiteral("u_%1").arg(i));
        }
        return array;
    };
    QTest::newRow("one") << QJsonValue(strings(1)) << 1;
    QTest::newRow("max") << QJsonValue(strings(3)) << 3;
    QTest::newRow("max + 1") << QJsonValue(strings(4)) << -1;
    QTest::newRow("empty") << QJsonValue(QJsonArray()) << -1;
    QTest::newRow("absent") << QJsonValue(QJsonValue::Undefined) << -1;
    QTest::newRow("not an array") << QJsonValue(QStringLiteral("u_1")) << -1;
    QTest::newRow("a number inside") << QJsonValue(QJsonArray{QStringLiteral("u_1"), 2}) << -1;
}

void TestCodec::paramReaderStringArray() {
    QFETCH(QJsonValue, value);
    QFETCH(int, expectedCount);
    QJsonObject params;
    if (!value.isUndefined()) {
        params.insert(QStringLiteral("member_ids"), value);
    }
    ParamReader reader(params);
    const QStringList items = reader.stringArray(QStringLiteral("member_ids"), 3);
    if (expectedCount < 0) {
        QVERIFY(reader.error().has_value());
        QCOMPARE(reader.error()->field, QStringLiteral("member_ids"));
    } else {
        QVERIFY(!reader.error().has_value());
        QCOMPARE(items.size(), expectedCount);
        QCOMPARE(items.first(), QStringLiteral("u_0"));
    }
}

void TestCodec::paramReaderOptionalObject() {
    const QJsonObject meta{{QStringLiteral("ref"), QStringLiteral("r")}};
    const QJsonObject params{{QStringLiteral("meta"), meta},
                             {QStringLiteral("none"), QJsonValue::Null},
                             {QStringLiteral("bad"), QJsonArray()}};
    ParamReader reader(params);
    QCOMPARE(reader.optionalObject(QStringLiteral("meta")), std::optional<QJsonObject>(meta));
    QCOMPARE(reader.optionalObject(QStringLiteral("none")), std::nullopt);
    QCOMPARE(reader.optionalObject(QStringLiteral("absent")), std::nullopt);
    QVERIFY(!reader.error().has_value());
    reader.optionalObject(QStringLiteral("bad"));
    QCOMPARE(reader.error()->field, QStringLiteral("bad"));
}

QTEST_GUILESS_MAIN(TestCodec)
#include "tst_codec.moc"
