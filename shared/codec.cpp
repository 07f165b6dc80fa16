#include "codec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include "protocol_limits.h"
#include "validation.h"

namespace natter {
namespace {

constexpr qint64 kMaxSafeInteger = (qint64(1) << 53) - 1;

QString toText(const QJsonObject& object) {
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

bool isUsableId(const QJsonValue& id) {
    if (id.isString()) {
        const auto length = codePointCount(id.toString());
        return length >= 1 && length <= limits::kRequestIdMaxChars;
    }
    if (id.isDouble()) {
        const double value = id.toDouble();
        return value >= 0 && value <= double(kMaxSafeInteger) && value == double(qint64(value));
    }
    return false;
}

ProtocolError badRequest(const QString& message) {
    return ProtocolError{ErrorCode::BadRequest, message, {}, -1};
}

}  // namespace

ProtocolError ProtocolError::invalidParam(const QString& field, const QString& message) {
    return ProtocolError{ErrorCode::InvalidParams, message, field, -1};
}

ProtocolError ProtocolError::rateLimited(qint64 retryAfterMs, const QString& message) {
    return ProtocolError{ErrorCode::RateLimited, message, {}, retryAfterMs};
}

QJsonObject ProtocolError::toJson() const {
    QJsonObject object{
        {QStringLiteral("code"), errorCodeName(code)},
        {QStringLiteral("message"), message.isEmpty() ? defaultErrorMessage(code) : message},
    };
    if (!field.isEmpty()) {
        object.insert(QStringLiteral("field"), field);
    }
    if (retryAfterMs >= 0) {
        object.insert(QStringLiteral("retry_after_ms"), retryAfterMs);
    }
    return object;
}

ProtocolError ProtocolError::fromJson(const QJsonObject& object) {
    ProtocolError error;
    error.code = errorCodeFromName(object.value(QStringLiteral("code")).toString())
                     .value_or(ErrorCode::InternalError);
    error.message = object.value(QStringLiteral("message")).toString();
    error.field = object.value(QStringLiteral("field")).toString();
    error.retryAfterMs = object.value(QStringLiteral("retry_after_ms")).toInteger(-1);
    return error;
}

std::variant<Request, RejectedFrame> decodeRequest(const QString& text) {
    return decodeRequest(text.toUtf8());
}

std::variant<Request, RejectedFrame> decodeRequest(const QByteArray& utf8) {
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(utf8, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        return RejectedFrame{QJsonValue::Null,
                             ProtocolError{ErrorCode::MalformedFrame, {}, {}, -1}};
    }
    const QJsonObject object = document.object();
    const QJsonValue id = object.value(QStringLiteral("id"));
    if (!isUsableId(id)) {
        return RejectedFrame{
            QJsonValue::Null,
            badRequest(QStringLiteral("id must be a string of 1-%1 characters or an integer in "
                                      "0 .. 2^53-1.")
                           .arg(limits::kRequestIdMaxChars))};
    }
    const QJsonValue method = object.value(QStringLiteral("method"));
    if (!method.isString()) {
        return RejectedFrame{id, badRequest(QStringLiteral("method must be a string."))};
    }
    const QJsonValue params = object.value(QStringLiteral("params"));
    if (!params.isUndefined() && !params.isNull() && !params.isObject()) {
        return RejectedFrame{id, badRequest(QStringLiteral("params must be an object."))};
    }
    return Request{id, method.toString(), params.toObject()};
}

QString encodeRequest(const QJsonValue& id, QLatin1StringView method, const QJsonObject& params) {
    return toText({{QStringLiteral("id"), id},
                   {QStringLiteral("method"), QString(method)},
                   {QStringLiteral("params"), params}});
}

QString encodeResult(const QJsonValue& id, const QJsonObject& result) {
    return toText({{QStringLiteral("id"), id}, {QStringLiteral("result"), result}});
}

QString encodeError(const QJsonValue& id, const ProtocolError& error) {
    return toText({{QStringLiteral("id"), id}, {QStringLiteral("error"), error.toJson()}});
}

QString encodeEvent(const QString& event, const QJsonObject& data) {
    return toText({{QStringLiteral("event"), event}, {QStringLiteral("data"), data}});
}

std::variant<Response, Event, UndecodableMessage> decodeServerMessage(const QString& text) {
    const auto document = QJsonDocument::fromJson(text.toUtf8());
    if (!document.isObject()) {
        return UndecodableMessage{QStringLiteral("not a JSON object")};
    }
    const QJsonObject object = document.object();
    if (object.value(QStringLiteral("event")).isString()) {
        return Event{object.value(QStringLiteral("event")).toString(),
                     object.value(QStringLiteral("data")).toObject()};
    }
    if (!object.contains(QStringLiteral("id"))) {
        return UndecodableMessage{QStringLiteral("neither a response nor an event")};
    }
    Response response;
    response.id = object.value(QStringLiteral("id"));
    if (object.value(QStringLiteral("result")).isObject()) {
        response.result = object.value(QStringLiteral("result")).toObject();
    } else if (object.value(QStringLiteral("error")).isObject()) {
        response.error = ProtocolError::fromJson(object.value(QStringLiteral("error")).toObject());
    } else {
        return UndecodableMessage{QStringLiteral("response without result or error")};
    }
    return response;
}

QString ParamReader::requiredString(const QString& field) {
    const QJsonValue value = params_.value(field);
    if (value.isUndefined() || value.isNull()) {
        fail(field, field + QStringLiteral(" is required."));
        return {};
    }
    if (!value.isString()) {
        fail(field, field + QStringLiteral(" must be a string."));
        return {};
    }
    return value.toString();
}

std::optional<QString> ParamReader::optionalString(const QString& field) {
    const QJsonValue value = params_.value(field);
    if (value.isUndefined() || value.isNull()) {
        return std::nullopt;
    }
    if (!value.isString()) {
        fail(field, field + QStringLiteral(" must be a string."));
        return QString();
    }
    return value.toString();
}

std::optional<qint64> ParamReader::optionalInteger(const QString& field, qint64 min, qint64 max) {
    const QJsonValue value = params_.value(field);
    if (value.isUndefined() || value.isNull()) {
        return std::nullopt;
    }
    const double number = value.toDouble();
    if (!value.isDouble() || number != double(qint64(number)) || number < double(min) ||
        number > double(max)) {
        fail(field,
             QStringLiteral("%1 must be an integer from %2 to %3.").arg(field).arg(min).arg(max));
        return min;
    }
    return qint64(number);
}

qint64 ParamReader::integer(const QString& field, qint64 fallback, qint64 min, qint64 max) {
    return optionalInteger(field, min, max).value_or(fallback);
}

QStringList ParamReader::stringArray(const QString& field, int maxItems) {
    const QJsonValue value = params_.value(field);
    const QString rule =
        QStringLiteral("%1 must be an array of 1-%2 strings.").arg(field).arg(maxItems);
    if (!value.isArray() || value.toArray().isEmpty() || value.toArray().size() > maxItems) {
        fail(field, rule);
        return {};
    }
    QStringList items;
    for (const QJsonValue& item : value.toArray()) {
        if (!item.isString()) {
            fail(field, rule);
            return {};
        }
        items.append(item.toString());
    }
    return items;
}

std::optional<QJsonObject> ParamReader::optionalObject(const QString& field) {
    const QJsonValue value = params_.value(field);
    if (value.isUndefined() || value.isNull()) {
        return std::nullopt;
    }
    if (!value.isObject()) {
        fail(field, field + QStringLiteral(" must be an object."));
        return QJsonObject();
    }
    return value.toObject();
}

void ParamReader::fail(const QString& field, const QString& message) {
    if (!error_) {
        error_ = ProtocolError::invalidParam(field, message);
    }
}

}  // namespace natter
