#include "recording_reply.h"

namespace natter::fuzz {
namespace {

RecordedAnswers& answers() {
    static RecordedAnswers recorded;
    return recorded;
}

}  // namespace

void RecordingReply::ok(const QJsonObject&) const {
    ++answers().count;
}

void RecordingReply::fail(const ProtocolError& error) const {
    ++answers().count;
    answers().lastError = error;
    answers().endedAuthAttempt = isAuthAttempt_;
}

void RecordingReply::signedIn(const Identity&, const QJsonObject&) const {
    ++answers().count;
}

void RecordingReply::okThenClose(const QJsonObject&, int, const QString&) const {
    ++answers().count;
}

RecordedAnswers takeRecordedAnswers() {
    return std::exchange(answers(), {});
}

}  // namespace natter::fuzz
