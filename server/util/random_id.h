// Unguessable identifiers from the system CSPRNG (libsodium): public ids and session tokens.
#pragma once

#include <QByteArray>
#include <QString>

namespace natter {

// "<prefix>_" + 22 base64url characters (128 random bits). Never derived from a database id.
QString newPublicId(char prefix);
// An upload id (docs/protocol.md 5.8): "up_" and 128 random bits, like a public id.
QString newUploadId();
// 32 random bytes as 43 base64url characters (docs/protocol.md: kTokenChars).
QString newSessionToken();
// A one-time password reset code: kResetCodeChars random base32 characters (5 bits each), in
// groups of four joined by '-' for reading aloud.
QString newResetCode();
// A code as typed: without '-' and white space, upper case. Hash this (hashSessionToken).
QString normalizeResetCode(const QString& typed);
// What the database keeps instead of the token: BLAKE2b-256 of it, hex-encoded.
QString hashSessionToken(const QString& token);

}  // namespace natter
