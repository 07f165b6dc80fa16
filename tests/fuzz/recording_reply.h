// A Reply for the server frame fuzzer: the real one (net/ConnectionReply) posts answers to a
// NetworkWorker, which needs sockets. This one records what a handler answered so the fuzzer can
// check it.
#pragma once

#include <QJsonObject>
#include <optional>

#include "ports/reply.h"

namespace natter::fuzz {

struct RecordedAnswers {
    int count = 0;  // every ok/fail/signedIn/okThenClose
    std::optional<ProtocolError> lastError;
    bool endedAuthAttempt = false;  // a refusal of an auth.* request frees the connection to retry
};

class RecordingReply final : public Reply {
public:
    explicit RecordingReply(bool isAuthAttempt) : isAuthAttempt_(isAuthAttempt) {}

    void ok(const QJsonObject&) const override;
    void fail(const ProtocolError& error) const override;
    using Reply::fail;
    void signedIn(const Identity&, const QJsonObject&) const override;
    void okThenClose(const QJsonObject&, int, const QString&) const override;
    ConnectionRef origin() const override { return {}; }

private:
    bool isAuthAttempt_;
};

// The answers since the last call, which also clears them.
RecordedAnswers takeRecordedAnswers();

}  // namespace natter::fuzz
