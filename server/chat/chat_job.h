// Helpers shared by the chat services' storage jobs.
#pragma once

#include <QDateTime>
#include <QJsonDocument>
#include <functional>
#include <variant>

#include "codec.h"
#include "net/responder.h"
#include "store/storage_executor.h"

namespace natter::chat_job {

using Continuation = StorageExecutor::Continuation;

inline qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

// A continuation that answers with an error.
inline Continuation fail(const Responder& responder, const ProtocolError& error) {
    return [responder, error] { responder.fail(error); };
}
inline Continuation fail(const Responder& responder, ErrorCode code) {
    return fail(responder, ProtocolError::of(code));
}

// What a storage failure turns into for the client.
inline StorageExecutor::FailureHandler internalError(const Responder& responder) {
    return [responder](const QString&) { responder.fail(ErrorCode::InternalError); };
}

inline QString compactJson(const QJsonObject& object) {
    return object.isEmpty()
               ? QString()
               : QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

template <typename T>
using OrError = std::variant<T, ProtocolError>;

}  // namespace natter::chat_job
