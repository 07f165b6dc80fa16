// A link seam for the server frame fuzzer: this Responder replaces server/net/responder.cpp (the
// real one posts answers to a NetworkWorker, which needs sockets). It records what a handler
// answered so the fuzzer can check it.
#pragma once

#include <QJsonObject>
#include <optional>

#include "codec.h"

namespace natter::fuzz {

struct RecordedAnswers {
    int count = 0;  // every ok/fail/signedIn/okThenClose
    std::optional<ProtocolError> lastError;
    bool endedAuthAttempt = false;  // a refusal of an auth.* request frees the connection to retry
};

// The answers since the last call, which also clears them.
RecordedAnswers takeRecordedAnswers();

}  // namespace natter::fuzz
