#include "recording_responder.h"

#include "net/responder.h"

namespace natter {
namespace {

fuzz::RecordedAnswers& answers() {
    static fuzz::RecordedAnswers recorded;
    return recorded;
}

}  // namespace

// The four out-of-line members of net/responder.h; defining them here keeps the linker from
// pulling responder.cpp's object out of natter_server_lib.
void Responder::ok(const QJsonObject&) const {
    ++answers().count;
}

void Responder::fail(const ProtocolError& error) const {
    ++answers().count;
    answers().lastError = error;
    answers().endedAuthAttempt = isAuthAttempt_;
}

void Responder::signedIn(const Identity&, const QJsonObject&) const {
    ++answers().count;
}

void Responder::okThenClose(const QJsonObject&, int, const QString&) const {
    ++answers().count;
}

fuzz::RecordedAnswers fuzz::takeRecordedAnswers() {
    return std::exchange(answers(), {});
}

}  // namespace natter
