#include "fuzz_support.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <variant>

namespace natter::fuzz {

void check(bool ok, const char* what, const char* file, int line) {
    if (!ok) {
        std::fprintf(stderr, "%s:%d: invariant failed: %s\n", file, line, what);
        std::abort();
    }
}

std::optional<Request> decodeChecked(const QString& text) {
    auto decoded = decodeRequest(text);
    if (const auto* rejected = std::get_if<RejectedFrame>(&decoded)) {
        checkRejection(rejected->id, rejected->error,
                       {ErrorCode::MalformedFrame, ErrorCode::BadRequest});
        FUZZ_CHECK(rejected->error.code != ErrorCode::MalformedFrame || rejected->id.isNull());
        return std::nullopt;
    }
    return std::get<Request>(std::move(decoded));
}

void checkRejection(const QJsonValue& id, const ProtocolError& error,
                    std::initializer_list<ErrorCode> allowed) {
    FUZZ_CHECK(std::find(allowed.begin(), allowed.end(), error.code) != allowed.end());
    FUZZ_CHECK(errorCodeFromName(errorCodeName(error.code)) == error.code);
    FUZZ_CHECK(error.code != ErrorCode::InvalidParams || !error.field.isEmpty());
    const auto decoded = decodeServerMessage(encodeError(id, error));
    const auto* response = std::get_if<Response>(&decoded);
    FUZZ_CHECK(response != nullptr && !response->result.has_value());
    FUZZ_CHECK(!hasOnlyPairedSurrogates(id) || response->id == id);
    FUZZ_CHECK(response->error.code == error.code);
    FUZZ_CHECK(!response->error.message.isEmpty());
    FUZZ_CHECK(!hasOnlyPairedSurrogates(error.field) || response->error.field == error.field);
    FUZZ_CHECK(response->error.retryAfterMs == error.retryAfterMs);
}

bool hasOnlyPairedSurrogates(const QString& text) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            ++i;
        } else if (c.isSurrogate()) {
            return false;
        }
    }
    return true;
}

bool hasOnlyPairedSurrogates(const QJsonValue& value) {
    if (value.isString()) {
        return hasOnlyPairedSurrogates(value.toString());
    }
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        return std::all_of(array.begin(), array.end(),
                           [](const QJsonValue& item) { return hasOnlyPairedSurrogates(item); });
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!hasOnlyPairedSurrogates(it.key()) || !hasOnlyPairedSurrogates(it.value())) {
                return false;
            }
        }
    }
    return true;
}

}  // namespace natter::fuzz
