#include "handler_support.h"

namespace natter::handlers {

QString FieldReader::read(const QString& field, FieldCheck (*check)(const QString&)) {
    const QString raw = reader_.requiredString(field);
    if (error_ || reader_.error()) {
        return {};
    }
    const FieldCheck result = check(raw);
    if (!result.ok()) {
        fail(ProtocolError::invalidParam(field, result.problem));
    }
    return result.value;
}

QString FieldReader::readAny(const QString& field) {
    return reader_.requiredString(field);
}

bool FieldReader::readFlag(const QString& field) {
    const QJsonValue value = context_.request.params.value(field);
    if (!value.isBool()) {
        fail(ProtocolError::invalidParam(field, field + QStringLiteral(" must be true or false.")));
    }
    return value.toBool();
}

void FieldReader::fail(const ProtocolError& error) {
    if (!error_ && !reader_.error()) {
        error_ = error;
    }
}

bool FieldReader::failed() const {
    const auto& problem = reader_.error() ? reader_.error() : error_;
    if (problem) {
        context_.reply->fail(*problem);
    }
    return problem.has_value();
}

}  // namespace natter::handlers
