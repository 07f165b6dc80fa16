// Fuzz target: the shared codec (shared/codec.h). Any text frame is decoded as a request and as a
// server message; accepted requests must survive encode -> decode unchanged, rejections must carry
// the envelope codes of docs/protocol.md section 4, and ParamReader must keep its promises.
#include <QJsonDocument>
#include <QJsonObject>
#include <variant>

#include "codec.h"
#include "fuzz_support.h"
#include "protocol_limits.h"
#include "validation.h"

namespace natter::fuzz {
namespace {

void checkAcceptedRequest(const Request& request) {
    if (request.id.isString()) {
        const int length = codePointCount(request.id.toString());
        FUZZ_CHECK(length >= 1 && length <= limits::kRequestIdMaxChars);
    } else {
        FUZZ_CHECK(request.id.isDouble() && request.id.toDouble() >= 0);
    }
    const QJsonObject envelope{{QStringLiteral("id"), request.id},
                               {QStringLiteral("method"), request.method},
                               {QStringLiteral("params"), request.params}};
    if (!hasOnlyPairedSurrogates(QJsonValue(envelope))) {
        return;  // lone surrogates cannot be written as UTF-8: no round trip to check
    }
    const QString text = QString::fromUtf8(QJsonDocument(envelope).toJson(QJsonDocument::Compact));
    const auto again = decodeRequest(text);
    const auto* same = std::get_if<Request>(&again);
    FUZZ_CHECK(same != nullptr);
    FUZZ_CHECK(same->id == request.id && same->method == request.method);
    FUZZ_CHECK(same->params == request.params);
}

// Returns true when the reader accepted; a refusal must be invalid_params naming the field.
bool accepted(const ParamReader& reader, const QString& field) {
    if (const auto& error = reader.error()) {
        checkRejection(QJsonValue(1), *error, {ErrorCode::InvalidParams});
        FUZZ_CHECK(error->field == field);
        return false;
    }
    return true;
}

// Every reader either returns a value that keeps its rule or records an invalid_params error.
void checkParamReader(const QJsonObject& params) {
    for (auto it = params.begin(); it != params.end(); ++it) {
        const QString& field = it.key();
        if (field.isEmpty()) {
            continue;  // handlers read fixed, non-empty names; an unnamed refusal is meaningless
        }
        ParamReader integers(params);
        const auto number = integers.optionalInteger(field, -5, 1000);
        if (accepted(integers, field)) {
            FUZZ_CHECK(!number || (*number >= -5 && *number <= 1000));
            FUZZ_CHECK(number.has_value() == it.value().isDouble());
        }
        ParamReader arrays(params);
        const QStringList items = arrays.stringArray(field, 5);
        if (accepted(arrays, field)) {
            FUZZ_CHECK(items.size() >= 1 && items.size() <= 5);
        }
        ParamReader strings(params);
        const QString required = strings.requiredString(field);
        if (accepted(strings, field)) {
            FUZZ_CHECK(it.value().isString() && required == it.value().toString());
        }
        ParamReader objects(params);
        const auto object = objects.optionalObject(field);
        if (accepted(objects, field)) {
            FUZZ_CHECK(object.has_value() == it.value().isObject());
        }
    }
}

void checkServerMessage(const QString& text) {
    const auto decoded = decodeServerMessage(text);
    if (const auto* event = std::get_if<Event>(&decoded)) {
        if (hasOnlyPairedSurrogates(event->name) &&
            hasOnlyPairedSurrogates(QJsonValue(event->data))) {
            const auto again = decodeServerMessage(encodeEvent(event->name, event->data));
            const auto* same = std::get_if<Event>(&again);
            FUZZ_CHECK(same != nullptr && same->name == event->name && same->data == event->data);
        }
    } else if (const auto* response = std::get_if<Response>(&decoded)) {
        FUZZ_CHECK(errorCodeFromName(errorCodeName(response->error.code)) == response->error.code);
    } else {
        FUZZ_CHECK(!std::get<UndecodableMessage>(decoded).reason.isEmpty());
    }
}

}  // namespace

void fuzzText(const QString& text) {
    if (const auto request = decodeChecked(text)) {
        checkAcceptedRequest(*request);
        checkParamReader(request->params);
    }
    checkServerMessage(text);
}

}  // namespace natter::fuzz
