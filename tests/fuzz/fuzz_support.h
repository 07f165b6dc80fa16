// Shared by the fuzz targets: invariant checks that abort with a message (libFuzzer and the corpus
// replay driver both report an abort as a failure), and the checks every rejection must pass.
#pragma once

#include <QJsonValue>
#include <QString>
#include <initializer_list>
#include <optional>

#include "codec.h"

#define FUZZ_CHECK(condition) ::natter::fuzz::check((condition), #condition, __FILE__, __LINE__)

namespace natter::fuzz {

void check(bool ok, const char* what, const char* file, int line);

// What each target defines: one input, as the server sees a text frame (its frame layer hands it over
// as UTF-8 decoded text). fuzz_text_entry.cpp holds their libFuzzer entry point, which calls it;
// fuzz_websocket_frames takes raw bytes and has its own.
void fuzzText(const QString& text);

// decodeRequest, with the envelope refusals checked (malformed_frame with a null id, or
// bad_request); nullopt for a refused frame.
std::optional<Request> decodeChecked(const QString& text);

// A rejection is one of the codes this stage may answer, has a wire name that maps back to it and a
// message for people, and its encoded error frame decodes to the same id, code, field and retry
// hint.
void checkRejection(const QJsonValue& id, const ProtocolError& error,
                    std::initializer_list<ErrorCode> allowed);

// True when every UTF-16 surrogate in text is part of a pair (JSON "\ud800" escapes can make lone
// ones; UTF-8 cannot carry them, so they do not survive encoding).
bool hasOnlyPairedSurrogates(const QString& text);
bool hasOnlyPairedSurrogates(const QJsonValue& value);

}  // namespace natter::fuzz
