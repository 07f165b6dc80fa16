// JSON encoding and decoding of the envelopes in docs/protocol.md section 3, for both sides.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <optional>
#include <variant>

#include "error_code.h"

namespace natter {

// An error as it travels in a response: code, message and the optional extras.
struct ProtocolError {
    ErrorCode code = ErrorCode::InternalError;
    QString message;           // empty: defaultErrorMessage(code)
    QString field;             // set for InvalidParams
    qint64 retryAfterMs = -1;  // set (>= 0) for RateLimited

    // The code with its default message and no field.
    static ProtocolError of(ErrorCode code) { return ProtocolError{code, {}, {}, -1}; }
    // The code with its own message; field may name the param at fault.
    static ProtocolError of(ErrorCode code, const QString& message, const QString& field = {}) {
        return ProtocolError{code, message, field, -1};
    }
    static ProtocolError invalidParam(const QString& field, const QString& message);
    // message: which limit answered (docs/protocol.md section 2); empty: the generic one.
    static ProtocolError rateLimited(qint64 retryAfterMs, const QString& message = {});
    QJsonObject toJson() const;
    static ProtocolError fromJson(const QJsonObject& object);
};

struct Request {
    QJsonValue id;  // a string or an integer, echoed verbatim
    QString method;
    QJsonObject params;
};

// A frame the server cannot treat as a request; id is null when none could be read.
struct RejectedFrame {
    QJsonValue id;
    ProtocolError error;
};

std::variant<Request, RejectedFrame> decodeRequest(const QString& text);
// The same for a frame's UTF-8 bytes as they came (the server's frame layer has them already, so
// no round trip through UTF-16).
std::variant<Request, RejectedFrame> decodeRequest(const QByteArray& utf8);
QString encodeRequest(const QJsonValue& id, QLatin1StringView method,
                      const QJsonObject& params = {});
QString encodeResult(const QJsonValue& id, const QJsonObject& result);
QString encodeError(const QJsonValue& id, const ProtocolError& error);
QString encodeEvent(const QString& event, const QJsonObject& data);

// What a client receives: a response to one of its requests, or an event.
struct Response {
    QJsonValue id;
    std::optional<QJsonObject> result;  // set on success
    ProtocolError error;                // meaningful when result is empty
};
struct Event {
    QString name;
    QJsonObject data;
};
struct UndecodableMessage {
    QString reason;
};
std::variant<Response, Event, UndecodableMessage> decodeServerMessage(const QString& text);

// Reads typed members of a params object, remembering the first problem.
class ParamReader {
public:
    explicit ParamReader(const QJsonObject& params) : params_(params) {}

    QString requiredString(const QString& field);
    // Absent or null: nullopt (no error).
    std::optional<QString> optionalString(const QString& field);
    // Absent or null: fallback. Must be an integer within [min, max].
    qint64 integer(const QString& field, qint64 fallback, qint64 min, qint64 max);
    std::optional<qint64> optionalInteger(const QString& field, qint64 min, qint64 max);
    // A non-empty array of strings, at most maxItems long.
    QStringList stringArray(const QString& field, int maxItems);
    // Absent or null: nullopt. Must be an object otherwise.
    std::optional<QJsonObject> optionalObject(const QString& field);
    void fail(const QString& field, const QString& message);
    const std::optional<ProtocolError>& error() const { return error_; }

private:
    const QJsonObject& params_;
    std::optional<ProtocolError> error_;
};

}  // namespace natter
