// Field rules of docs/protocol.md section 5.1, shared so the client can check input before sending.
#pragma once

#include <QString>

namespace natter {

// The normalised value, or the reason it is unacceptable (an English sentence).
struct FieldCheck {
    QString value;
    QString problem;
    bool ok() const { return problem.isEmpty(); }
};

FieldCheck checkUsername(const QString& raw);     // trimmed, ASCII-lowercased
FieldCheck checkDisplayName(const QString& raw);  // trimmed
FieldCheck checkDeviceName(const QString& raw);   // trimmed
FieldCheck checkPassword(const QString& raw);     // used as given
bool isWellFormedToken(const QString& token);     // 43 base64url characters
bool isSha256Hex(const QString& text);            // 64 lowercase hex digits (a file's name)
// A trimmed label of 1..maxChars characters without control characters; `what` names it in the
// problem text.
FieldCheck checkLabel(const QString& raw, const QString& what, int maxChars);

// Unicode code points, the unit every character limit is counted in.
int codePointCount(const QString& text);

}  // namespace natter
